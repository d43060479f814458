import { useTranslation } from 'react-i18next'
import { messageFor } from './graphql/client.ts'
import type { Failure } from './failure.ts'

// MoreState is where loading the next page of a list stands.
export type MoreState = 'idle' | 'loading' | Failure

// LoadMore is the button under a list that loads its next page (label says
// how much comes), and the error when that failed; the list's own page
// keeps what was shown. Nothing is drawn when there is no next page and no
// error to show.
export function LoadMore({ hasMore, state, label, onClick }: { hasMore: boolean; state: MoreState; label: string; onClick: () => void }) {
  const { t } = useTranslation()
  return (
    <>
      {hasMore && (
        <button type="button" className="load-more" onClick={onClick} disabled={state === 'loading'}>
          {state === 'loading' ? t('common.loading') : label}
        </button>
      )}
      {typeof state === 'object' && (
        <p className="error" role="alert">
          {messageFor(state.code, state.detail)}
        </p>
      )}
    </>
  )
}
