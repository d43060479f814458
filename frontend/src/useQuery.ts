import { useEffect, useEffectEvent, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError } from './graphql/client.ts'

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
// other failure is an error that does. The outcome is kept with the request
// it answers, so the page reads "loading" as soon as it asks for another.
export function useQuery<T>(load: (signal: AbortSignal) => Promise<T | null>, deps: readonly unknown[]): { state: QueryState<T>; retry: () => void } {
  const [attempt, setAttempt] = useState(0)
  const request = `${attempt}:${JSON.stringify(deps)}`
  const [outcome, setOutcome] = useState<{ request: string; state: QueryState<T> } | null>(null)
  // load is a new function on every render; deps say when it asks for
  // something else.
  const run = useEffectEvent((signal: AbortSignal) => load(signal))

  useEffect(() => {
    const ctl = new AbortController()
    run(ctl.signal).then(
      (data) => {
        if (!ctl.signal.aborted) setOutcome({ request, state: data == null ? { status: 'missing' } : { status: 'done', data } })
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return
        setOutcome({ request, state: err instanceof ApiError && err.code === 'NOT_FOUND' ? { status: 'missing' } : failure(err) })
      },
    )
    return () => ctl.abort()
  }, [request])

  const state: QueryState<T> = outcome?.request === request ? outcome.state : { status: 'loading' }
  return { state, retry: () => setAttempt((n) => n + 1) }
}

// failure is the error state for what a request threw: an ApiError keeps
// its code and the server's words; anything else is INTERNAL.
export function failure(err: unknown): { status: 'error'; code: string; detail?: string } {
  return err instanceof ApiError ? { status: 'error', code: err.code, detail: err.message } : { status: 'error', code: 'INTERNAL' }
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
