import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { ApiError, messageFor, searchPeople, type PersonHit } from './api.ts'
import { currentLang } from './i18n.ts'
import { personHash, searchHash } from './route.ts'

// debounceMs is short enough to feel live and long enough that a typist
// sends one request per pause rather than one per key.
export const debounceMs = 200

type State =
  | { status: 'idle' }
  | { status: 'loading'; q: string; previous: PersonHit[] }
  | { status: 'done'; q: string; hits: PersonHit[] }
  // The error keeps its code, not its words, so a language switch rewords it.
  | { status: 'error'; q: string; code: string; detail?: string }

interface Props {
  initialQuery: string
  onQueryChange: (q: string) => void
}

export function SearchPage({ initialQuery, onQueryChange }: Props) {
  const { t } = useTranslation()
  const [text, setText] = useState(initialQuery)
  const [submitted, setSubmitted] = useState(initialQuery.trim())
  const [state, setState] = useState<State>({ status: 'idle' })
  // attempt lets "Try again" rerun the same query.
  const [attempt, setAttempt] = useState(0)
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    document.title = t('app.name')
    inputRef.current?.focus()
  }, [])

  useEffect(() => {
    const q = text.trim()
    if (q === submitted) return
    const timer = window.setTimeout(() => setSubmitted(q), debounceMs)
    return () => window.clearTimeout(timer)
  }, [text, submitted])

  useEffect(() => {
    onQueryChange(submitted)
    // replaceState, not a new entry, so Back leaves the search instead of
    // stepping through every prefix typed.
    // The language is read now, not as a dependency: switching it rewrites
    // the hash itself (App.tsx) and must not search again.
    window.history.replaceState(null, '', searchHash(submitted, currentLang()))
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
        setState(
          err instanceof ApiError
            ? { status: 'error', q: submitted, code: err.code, detail: err.message }
            : { status: 'error', q: submitted, code: 'INTERNAL' },
        )
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
      <h1 className="visually-hidden">{t('search.label')}</h1>
      <form role="search" onSubmit={onSubmit}>
        <label htmlFor="search-input">{t('search.label')}</label>
        <input
          id="search-input"
          ref={inputRef}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('search.placeholder')}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="search-status"
        />
      </form>
      <p id="search-status" className="status" role="status" aria-live="polite">
        {statusText(state, t)}
      </p>
      {state.status === 'error' && (
        <div className="error" role="alert">
          <p>{messageFor(state.code, state.detail)}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.tryAgain')}
          </button>
        </div>
      )}
      <Results state={state} />
    </div>
  )
}

function statusText(state: State, t: TFunction): string {
  switch (state.status) {
    case 'idle':
      return t('search.idle')
    case 'loading':
      return t('search.searching')
    case 'error':
      return ''
    case 'done':
      if (state.hits.length === 0) return t('search.none', { q: state.q })
      return t('search.found', { count: state.hits.length })
  }
}

function Results({ state }: { state: State }) {
  const lang = currentLang()
  const hits = state.status === 'done' ? state.hits : state.status === 'loading' ? state.previous : []
  if (hits.length === 0) return null
  return (
    <ul className="results" aria-busy={state.status === 'loading'}>
      {hits.map((p) => (
        <li key={p.id}>
          <a href={personHash(p.id, lang)} translate="no">
            <span className="name">{p.name}</span>
            {p.nativeName && (
              <span className="native-name" dir="auto">
                {p.nativeName}
              </span>
            )}
          </a>
        </li>
      ))}
    </ul>
  )
}
