import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, messageFor, searchLabs, type LabRef } from './api.ts'
import { currentLang } from './i18n.ts'
import { labHash, labsHash, labsQuery } from './route.ts'
import { labKind } from './lab/format.ts'

export const labsDebounceMs = 200

type State =
  | { status: 'idle' }
  | { status: 'loading'; q: string }
  | { status: 'done'; q: string; hits: LabRef[] }
  | { status: 'error'; q: string; code: string; detail?: string }

// LabsPage is the labs index: a search over lab names and aliases whose
// results open the lab's page. The query lives in the hash (#/labs?q=…).
export default function LabsPage() {
  const { t } = useTranslation()
  const initial = labsQuery(window.location.hash)
  const [text, setText] = useState(initial)
  const [submitted, setSubmitted] = useState(initial.trim())
  const [state, setState] = useState<State>({ status: 'idle' })
  const [attempt, setAttempt] = useState(0)
  const inputRef = useRef<HTMLInputElement>(null)

  useEffect(() => {
    document.title = t('app.title', { page: t('nav.labs') })
  }, [t])

  useEffect(() => {
    inputRef.current?.focus()
  }, [])

  useEffect(() => {
    const q = text.trim()
    if (q === submitted) return
    const timer = window.setTimeout(() => setSubmitted(q), labsDebounceMs)
    return () => window.clearTimeout(timer)
  }, [text, submitted])

  useEffect(() => {
    window.history.replaceState(null, '', labsHash(submitted, currentLang()))
    if (!submitted) {
      setState({ status: 'idle' })
      return
    }
    const ctl = new AbortController()
    setState({ status: 'loading', q: submitted })
    searchLabs(submitted, ctl.signal).then(
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
  }, [submitted, attempt])

  function onSubmit(e: FormEvent) {
    e.preventDefault()
    const q = text.trim()
    if (q === submitted) setAttempt((n) => n + 1)
    else setSubmitted(q)
  }

  const lang = currentLang()
  let status = ''
  if (state.status === 'idle') status = t('labs.idle')
  else if (state.status === 'loading') status = t('labs.searching')
  else if (state.status === 'done') status = state.hits.length === 0 ? t('labs.none', { q: state.q }) : t('labs.found', { count: state.hits.length })

  return (
    <div className="search labs-search">
      <h1>{t('nav.labs')}</h1>
      <form role="search" onSubmit={onSubmit}>
        <label htmlFor="labs-input">{t('labs.label')}</label>
        <input
          id="labs-input"
          ref={inputRef}
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('labs.placeholder')}
          autoComplete="off"
          spellCheck={false}
          aria-describedby="labs-status"
        />
      </form>
      <p id="labs-status" className="status" role="status" aria-live="polite">
        {status}
      </p>
      {state.status === 'error' && (
        <div className="error" role="alert">
          <p>{messageFor(state.code, state.detail)}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.tryAgain')}
          </button>
        </div>
      )}
      {state.status === 'done' && state.hits.length > 0 && (
        <ul className="results">
          {state.hits.map((lab) => (
            <li key={lab.id}>
              <a href={labHash(lab.id, lang)}>
                <span className="name" translate="no">
                  {lab.name}
                </span>
                <span className={`lab-kind kind-${lab.kind.toLowerCase()}`}>
                  {labKind(lab.kind)}
                  {lab.country && ` · ${lab.country}`}
                  {lab.topLab && ` · ${t('lab.topLab')}`}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
