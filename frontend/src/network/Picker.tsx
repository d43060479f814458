import { useEffect, useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, messageFor } from '../graphql/client.ts'
import { searchNodes, type NodeHit } from './api.ts'

interface Props {
  label: string
  placeholder: string
  // The chosen id's name, when known; the id otherwise.
  value: { id: string; name: string } | null
  labs: boolean
  onPick: (hit: NodeHit | null) => void
  inputId?: string
}

// Picker is a search box that picks a person (or a lab): it searches after a
// pause in typing and lists the matches as buttons. Enter picks the first.
export function Picker({ label, placeholder, value, labs, onPick, inputId }: Props) {
  const { t } = useTranslation()
  const autoId = useId()
  const id = inputId ?? `pick-${autoId}`
  const [q, setQ] = useState('')
  // answer is the last search's outcome and what it was for: while it is
  // for another query, a newer search is on its way.
  type Answer = { status: 'done'; hits: NodeHit[] } | { status: 'error'; code: string; detail: string }
  const [answer, setAnswer] = useState<{ for: string; answer: Answer } | null>(null)
  const query = q.trim()
  const key = `${labs}:${query}`
  const state: { status: 'idle' } | { status: 'searching' } | Answer = !query ? { status: 'idle' } : answer?.for === key ? answer.answer : { status: 'searching' }

  useEffect(() => {
    if (!query) return
    const ctl = new AbortController()
    const timer = setTimeout(() => {
      searchNodes(query, labs, ctl.signal).then(
        (hits) => setAnswer({ for: key, answer: { status: 'done', hits } }),
        (err: unknown) => {
          if (ctl.signal.aborted) return
          setAnswer({ for: key, answer: err instanceof ApiError ? { status: 'error', code: err.code, detail: err.message } : { status: 'error', code: 'INTERNAL', detail: '' } })
        },
      )
    }, 250)
    return () => {
      clearTimeout(timer)
      ctl.abort()
    }
  }, [query, labs, key])

  const pick = (hit: NodeHit) => {
    setQ('')
    onPick(hit)
  }

  return (
    <div className="net-picker">
      <label htmlFor={id}>{label}</label>
      {value && (
        <span className="net-picked">
          <span translate="no">{value.name}</span>
          <button type="button" className="link-button" onClick={() => onPick(null)} aria-label={`${t('network.pickClear')}: ${value.name}`}>
            {t('network.pickClear')}
          </button>
        </span>
      )}
      <input
        id={id}
        type="search"
        value={q}
        autoComplete="off"
        placeholder={placeholder}
        onChange={(e) => setQ(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault()
            if (state.status === 'done' && state.hits[0]) pick(state.hits[0])
          } else if (e.key === 'Escape') setQ('')
        }}
      />
      {state.status !== 'idle' && (
        <div className="net-hits" aria-live="polite">
          {state.status === 'searching' && <p className="status">{t('network.pickSearching')}</p>}
          {state.status === 'error' && <p className="error-inline">{messageFor(state.code, state.detail)}</p>}
          {state.status === 'done' && state.hits.length === 0 && <p className="status">{t('network.pickNone', { q: q.trim() })}</p>}
          {state.status === 'done' && state.hits.length > 0 && (
            <ul>
              {state.hits.map((h) => (
                <li key={`${h.kind}:${h.id}`}>
                  <button type="button" onClick={() => pick(h)}>
                    <span translate="no">{h.name}</span>
                    <span className="net-hit-kind">
                      {t(`network.nodeKind.${h.kind}`)}
                      {h.detail ? ` · ${h.detail}` : ''}
                    </span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  )
}
