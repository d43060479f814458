import { Component, type ErrorInfo, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'

interface Props {
  children: ReactNode
}

interface State {
  failed: boolean
}

// ViewBoundary catches a view that could not load or render: most often a
// code-split chunk that no longer exists because the site was redeployed
// while the page was open. Reloading fetches the new one.
export class ViewBoundary extends Component<Props, State> {
  override state: State = { failed: false }

  static getDerivedStateFromError(): State {
    return { failed: true }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo) {
    console.error(error, info.componentStack)
  }

  override render() {
    return this.state.failed ? <ViewFailed /> : this.props.children
  }
}

function ViewFailed() {
  const { t } = useTranslation()
  return (
    <div className="error" role="alert">
      <p>{t('app.viewFailed')}</p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('app.reload')}
      </button>
    </div>
  )
}
