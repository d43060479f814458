import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { messageFor } from './graphql/client.ts'
import { currentLang, type Lang } from './i18n.ts'
import { failure } from './useQuery.tsx'

// debounceMs is short enough to feel live and long enough that a typist
// sends one request per pause rather than one per key.
export const debounceMs = 200

// SearchState is what a search-as-you-type page shows. While a new query
// loads, the hits of the last one stay (previous) so the list does not
// flash empty between keys. An error keeps its code, not its words, so a
// language switch rewords it.
export type SearchState<T> =
  | { status: 'idle' }
  | { status: 'loading'; q: string; previous: T[] }
  | { status: 'done'; q: string; hits: T[] }
  | { status: 'error'; q: string; code: string; detail?: string }

interface Options<T> {
  initialQuery: string
  search: (q: string, signal: AbortSignal) => Promise<T[]>
  // hashFor is the page's URL for a query, written with replaceState, not a
  // new entry, so Back leaves the search instead of stepping through every
  // prefix typed.
  hashFor: (q: string, lang: Lang) => string
  onSubmitted?: (q: string) => void
}

// useSearch is the search-as-you-type of the people and labs pages: the
// query is sent after a pause in typing (or at once on Enter), a newer one
// cancels an older one, and submitting the same query again retries it.
export function useSearch<T>({ initialQuery, search, hashFor, onSubmitted }: Options<T>) {
  const [text, setText] = useState(initialQuery)
  const [submitted, setSubmitted] = useState(initialQuery.trim())
  const [state, setState] = useState<SearchState<T>>({ status: 'idle' })
  // attempt lets "Try again" rerun the same query.
  const [attempt, setAttempt] = useState(0)
  // The latest callbacks, read when a query is submitted: the pages pass new
  // functions on every render, which must not search again.
  const latest = useRef({ search, hashFor, onSubmitted })
  latest.current = { search, hashFor, onSubmitted }

  useEffect(() => {
    const q = text.trim()
    if (q === submitted) return
    const timer = window.setTimeout(() => setSubmitted(q), debounceMs)
    return () => window.clearTimeout(timer)
  }, [text, submitted])

  useEffect(() => {
    const { search, hashFor, onSubmitted } = latest.current
    onSubmitted?.(submitted)
    // The language is read now, not as a dependency: switching it rewrites
    // the hash itself (App.tsx) and must not search again.
    window.history.replaceState(null, '', hashFor(submitted, currentLang()))
    if (!submitted) {
      setState({ status: 'idle' })
      return
    }
    const ctl = new AbortController()
    setState((s) => ({ status: 'loading', q: submitted, previous: s.status === 'done' ? s.hits : [] }))
    search(submitted, ctl.signal).then(
      (hits) => setState({ status: 'done', q: submitted, hits }),
      (err: unknown) => {
        if (!ctl.signal.aborted) setState({ q: submitted, ...failure(err) })
      },
    )
    return () => ctl.abort()
  }, [submitted, attempt])

  const retry = () => setAttempt((n) => n + 1)
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    const q = text.trim()
    if (q === submitted) retry()
    else setSubmitted(q)
  }
  return { text, setText, state, retry, onSubmit }
}

interface BoxProps {
  // name prefixes the ids of the input (name-input) and status (name-status).
  name: string
  label: string
  placeholder: string
  text: string
  setText: (s: string) => void
  onSubmit: (e: FormEvent) => void
  state: SearchState<unknown>
  retry: () => void
  // status is the line a screen reader hears after each search.
  status: string
}

// SearchBox is the form, the live status line and the error of a useSearch
// page; the input takes the focus when the page opens.
export function SearchBox({ name, label, placeholder, text, setText, onSubmit, state, retry, status }: BoxProps) {
  const { t } = useTranslation()
  const input = useRef<HTMLInputElement>(null)
  useEffect(() => {
    input.current?.focus()
  }, [])
  return (
    <>
      <form role="search" onSubmit={onSubmit}>
        <label htmlFor={`${name}-input`}>{label}</label>
        <input
          id={`${name}-input`}
          ref={input}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={placeholder}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${name}-status`}
        />
      </form>
      <p id={`${name}-status`} className="status" role="status" aria-live="polite">
        {status}
      </p>
      {state.status === 'error' && (
        <div className="error" role="alert">
          <p>{messageFor(state.code, state.detail)}</p>
          <button type="button" onClick={retry}>
            {t('common.tryAgain')}
          </button>
        </div>
      )}
    </>
  )
}
