import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { messageFor } from './graphql/client.ts'
import type { QueryState } from './useQuery.ts'

interface QueryStatusProps {
  state: QueryState<unknown>
  retry: () => void
  // missing says what was not found, e.g. "No one in the list has the id …".
  missing: string
  // onError is shown under the retry button, e.g. a form to ask differently.
  onError?: ReactNode
}

// QueryStatus shows every state of a useQuery but the answer: a polite
// "Loading…", a "Not found" heading, or the error with a retry button.
export function QueryStatus({ state, retry, missing, onError }: QueryStatusProps) {
  const { t } = useTranslation()
  switch (state.status) {
    case 'loading':
      return (
        <p className="status" role="status">
          {t('common.loading')}
        </p>
      )
    case 'missing':
      return (
        <div className="error" role="alert">
          <h1>{t('common.notFound')}</h1>
          <p>{missing}</p>
        </div>
      )
    case 'error':
      return (
        <div className="error" role="alert">
          <p>{messageFor(state.code, state.detail)}</p>
          <button type="button" onClick={retry}>
            {t('common.tryAgain')}
          </button>
          {onError}
        </div>
      )
    case 'done':
      return null
  }
}

