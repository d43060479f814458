import { useEffect, useEffectEvent, useState, type FormEvent } from 'react'
import { currentLang, type Lang } from './i18n.ts'
import { failure } from './useQuery.ts'

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
  // attempt lets "Try again" rerun the same query.
  const [attempt, setAttempt] = useState(0)
  const request = `${attempt}:${submitted}`
  // outcome is the last answer and the request it answers; while a newer
  // request is on its way, its hits stay (previous) so the list does not
  // flash empty between keys.
  const [outcome, setOutcome] = useState<{ request: string; state: SearchState<T> } | null>(null)

  useEffect(() => {
    const q = text.trim()
    if (q === submitted) return
    const timer = window.setTimeout(() => setSubmitted(q), debounceMs)
    return () => window.clearTimeout(timer)
  }, [text, submitted])

  // The latest callbacks are read when a query is submitted: the pages pass
  // new functions on every render, which must not search again. The
  // language is read now, not as a dependency: switching it rewrites the
  // hash itself (App.tsx) and must not search again.
  const submittedNow = useEffectEvent((q: string) => {
    onSubmitted?.(q)
    window.history.replaceState(null, '', hashFor(q, currentLang()))
  })
  const run = useEffectEvent((q: string, signal: AbortSignal) => search(q, signal))

  useEffect(() => {
    submittedNow(submitted)
    if (!submitted) return
    const ctl = new AbortController()
    run(submitted, ctl.signal).then(
      (hits) => setOutcome({ request, state: { status: 'done', q: submitted, hits } }),
      (err: unknown) => {
        if (!ctl.signal.aborted) setOutcome({ request, state: { q: submitted, ...failure(err) } })
      },
    )
    return () => ctl.abort()
  }, [request, submitted])

  let state: SearchState<T>
  if (!submitted) state = { status: 'idle' }
  else if (outcome?.request === request) state = outcome.state
  else state = { status: 'loading', q: submitted, previous: outcome?.state.status === 'done' ? outcome.state.hits : [] }

  const retry = () => setAttempt((n) => n + 1)
  const onSubmit = (e: FormEvent) => {
    e.preventDefault()
    const q = text.trim()
    if (q === submitted) retry()
    else setSubmitted(q)
  }
  return { text, setText, state, retry, onSubmit }
}

