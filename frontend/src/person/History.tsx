import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { QueryStatus } from '../QueryStatus.tsx'
import { intlLocale, currentLang } from '../i18n.ts'
import { useQuery } from '../useQuery.ts'
import { getHistory, type Change } from './api.ts'

// History shows a record's change history, read when opened: who changed
// it, when, why, and each field before and after. A page reads its records
// again after an edit, which draws this anew, so a new change shows at once.
export function History({ kind, id, about }: { kind: string; id: string; about: string }) {
  const { t } = useTranslation()
  const [open, setOpen] = useState(false)
  return (
    <details className="history" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('history.title', { what: about })}</summary>
      {open && <HistoryList kind={kind} id={id} />}
    </details>
  )
}

function HistoryList({ kind, id }: { kind: string; id: string }) {
  const { t } = useTranslation()
  const { state, retry } = useQuery((signal) => getHistory(kind, id, signal), [kind, id])
  const date = new Intl.DateTimeFormat(intlLocale[currentLang()], { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' })
  if (state.status !== 'done') return <QueryStatus state={state} retry={retry} missing={t('history.none')} />
  if (state.data.length === 0) return <p className="status">{t('history.none')}</p>
  return (
    <ol className="changes">
      {state.data.map((c) => (
        <li key={c.id}>
          <p>
            <strong>{t(`history.mutation.${c.mutation === 'retract' ? 'retract' : 'upsert'}`)}</strong>{' '}
            {t('history.by', { who: c.who, when: `${date.format(new Date(c.at))} UTC` })}
          </p>
          {c.reason && <p className="reason">{t('history.reason', { reason: c.reason })}</p>}
          <Diff change={c} />
        </li>
      ))}
    </ol>
  )
}

function fields(json: string | null): Record<string, unknown> {
  if (!json) return {}
  try {
    const v: unknown = JSON.parse(json)
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : {}
  } catch {
    return {}
  }
}

// Diff lists the fields that changed, before and after.
function Diff({ change }: { change: Change }) {
  const { t } = useTranslation()
  const before = fields(change.before)
  const after = fields(change.after)
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
  if (keys.length === 0) return null
  const show = (v: unknown) => (v === undefined || v === null || v === '' ? t('history.empty') : typeof v === 'string' ? v : JSON.stringify(v))
  return (
    <table className="diff">
      <thead>
        <tr>
          <th scope="col">{t('history.field')}</th>
          <th scope="col">{t('history.before')}</th>
          <th scope="col">{t('history.after')}</th>
        </tr>
      </thead>
      <tbody>
        {keys.map((k) => (
          <tr key={k}>
            <th scope="row">{k}</th>
            <td>{show(before[k])}</td>
            <td>{show(after[k])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
