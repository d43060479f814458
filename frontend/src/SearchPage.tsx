import { useEffect, useRef, useState, type FormEvent } from 'react'
import { ApiError, messageFor, searchPeople, type PersonHit } from './api.ts'
import { personHash, searchHash } from './route.ts'

// debounceMs is short enough to feel live and long enough that a typist
// sends one request per pause rather than one per key.
export const debounceMs = 200

type State =
  | { status: 'idle' }
  | { status: 'loading'; q: string; previous: PersonHit[] }
  | { status: 'done'; q: string; hits: PersonHit[] }
  | { status: 'error'; q: string; message: string }

interface Props {
  initialQuery: string
  onQueryChange: (q: string) => void
}

export function SearchPage({ initialQuery, onQueryChange }: Props) {
  const [text, setText] = useState(initialQuery)
  const [submitted, setSubmitted] = useState(initialQuery.trim())
  const [state, setState] = useState<State>({ status: 'idle' })
  // attempt lets "Try again" rerun the same query.
  const [attempt, setAttempt] = useState(0)
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    document.title = 'The List'
    inputRef.current?.focus()
  }, [])

  useEffect(() => {
    const q = text.trim()
    if (q === submitted) return
    const t = window.setTimeout(() => setSubmitted(q), debounceMs)
    return () => window.clearTimeout(t)
  }, [text, submitted])

  useEffect(() => {
    onQueryChange(submitted)
    // replaceState, not a new entry, so Back leaves the search instead of
    // stepping through every prefix typed.
    window.history.replaceState(null, '', searchHash(submitted))
    if (!submitted) {
      setState({ status: 'idle' })
      return
    }
    const ctl = new AbortController()
    setState((s) => ({ status: 'loading', q: submitted, previous: s.status === 'done' ? s.hits : [] }))
    searchPeople(submitted, ctl.signal).then(
      (hits) => setState({ status: 'done', q: submitted, hits }),
      (err: unknown) => {
        if (ctl.signal.aborted) return
        const message = err instanceof ApiError ? err.message : messageFor('INTERNAL')
        setState({ status: 'error', q: submitted, message })
      },
    )
    return () => ctl.abort()
  }, [submitted, attempt, onQueryChange])

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    const q = text.trim()
    if (q === submitted) setAttempt((n) => n + 1)
    else setSubmitted(q)
  }

  return (
    <div className="search">
      <h1 className="visually-hidden">
        Search people
      </h1>
      <form role="search" onSubmit={onSubmit}>
        <label htmlFor="search-input">Search people</label>
        <input
          id="search-input"
          ref={inputRef}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder="A name, e.g. Deitke"
          autoComplete="off"
          spellCheck={false}
          aria-describedby="search-status"
        />
      </form>
      <p id="search-status" className="status" role="status" aria-live="polite">
        {statusText(state)}
      </p>
      {state.status === 'error' && (
        <div className="error" role="alert">
          <p>{state.message}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      <Results state={state} />
    </div>
  )
}

function statusText(state: State): string {
  switch (state.status) {
    case 'idle':
      return 'Type a name to search.'
    case 'loading':
      return 'Searching…'
    case 'error':
      return ''
    case 'done':
      if (state.hits.length === 0) return `No one matches “${state.q}”.`
      return state.hits.length === 1 ? '1 person found.' : `${state.hits.length} people found.`
  }
}

function Results({ state }: { state: State }) {
  const hits = state.status === 'done' ? state.hits : state.status === 'loading' ? state.previous : []
  if (hits.length === 0) return null
  return (
    <ul className="results" aria-busy={state.status === 'loading'}>
      {hits.map((p) => (
        <li key={p.id}>
          <a href={personHash(p.id)}>
            <span className="name">{p.name}</span>
            {p.nativeName && <span className="native-name">{p.nativeName}</span>}
          </a>
        </li>
      ))}
    </ul>
  )
}
