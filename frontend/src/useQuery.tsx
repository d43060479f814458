import { useEffect, useRef, useState, type DependencyList, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, messageFor } from './graphql/client.ts'

// QueryState is what a page that reads one thing by id can be showing. An
// error keeps its code, not its words, so a language switch rewords it.
export type QueryState<T> =
  | { status: 'loading' }
  | { status: 'done'; data: T }
  | { status: 'missing' }
  | { status: 'error'; code: string; detail?: string }

// useQuery runs load whenever deps change (or retry is called), cancels the
// request a newer one replaces, and sorts the outcome into QueryState: null
// or a NOT_FOUND error is "missing", which deserves no retry button, and any
// other failure is an error that does.
export function useQuery<T>(
  load: (signal: AbortSignal) => Promise<T | null>,
  deps: DependencyList,
): { state: QueryState<T>; retry: () => void } {
  const [state, setState] = useState<QueryState<T>>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    const ctl = new AbortController()
    setState({ status: 'loading' })
    load(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setState(data == null ? { status: 'missing' } : { status: 'done', data })
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return
        if (err instanceof ApiError && err.code === 'NOT_FOUND') setState({ status: 'missing' })
        else setState(failure(err))
      },
    )
    return () => ctl.abort()
    // load is a new function on every render; deps say when it asks for
    // something else.
  }, [...deps, attempt])

  return { state, retry: () => setAttempt((n) => n + 1) }
}

// failure is the error state for what a request threw: an ApiError keeps
// its code and the server's words; anything else is INTERNAL.
export function failure(err: unknown): { status: 'error'; code: string; detail?: string } {
  return err instanceof ApiError ? { status: 'error', code: err.code, detail: err.message } : { status: 'error', code: 'INTERNAL' }
}

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

// useTitle names the browser tab after what the page shows once it is
// known, and "Not found" when there is nothing to show.
export function useTitle<T>(state: QueryState<T>, name: (data: T) => string) {
  const { t } = useTranslation()
  const page = state.status === 'done' ? name(state.data) : state.status === 'missing' ? t('common.notFound') : null
  useEffect(() => {
    if (page != null) document.title = t('app.title', { page })
  }, [page, t])
}

// usePageHeading returns the ref of a page's h1 (which needs tabIndex -1),
// focused whenever the page shows something new (key), so a keyboard or
// screen-reader user lands on the new page rather than on a link that no
// longer exists.
export function usePageHeading(key: string) {
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => {
    heading.current?.focus()
  }, [key])
  return heading
}
