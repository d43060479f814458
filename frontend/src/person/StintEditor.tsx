import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, messageFor } from '../graphql/client.ts'
import { addSource, retract, upsertStint, type Stint } from './api.ts'

// fieldOf reads which input field a refusal is about: the API names it
// (extensions.field), or its message starts with the bundle column, as the
// importer writes it ("stints: start: …").
function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {}
  const out: Record<string, string> = {}
  for (const f of err.fields) out[f.field] = f.message
  const m = /^\w+: ([a-z_]+): (.*)$/s.exec(err.message)
  if (m && m[1] && m[2]) out[m[1].replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] ??= m[2]
  return out
}

const confidences = ['reported', 'inferred', 'unconfirmed'] as const
const newSource = '__new__'

// StintEditor lets an editor correct a job or retract it, in place. A
// source is required: one the job already cites, or a new one added with
// the correction. The server's refusals show next to their fields.
export function StintEditor({ personId, stint, onChanged }: { personId: string; stint: Stint; onChanged: () => void }) {
  const { t } = useTranslation()
  const id = useId()
  const [v, setV] = useState({
    role: stint.role ?? '',
    start: stint.start ?? '',
    end: stint.end ?? '',
    lastSeen: stint.lastSeen ?? '',
    confidence: stint.confidence,
    note: stint.note ?? '',
    reason: '',
    source: stint.sources[0]?.id ?? newSource,
    publisher: '',
    title: '',
    url: '',
  })
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'retracted' | { code: string; detail: string }>('idle')
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV((cur) => ({ ...cur, [k]: e.target.value }))

  function check(): Record<string, string> {
    const out: Record<string, string> = {}
    if (!v.reason.trim()) out.reason = t('edit.required')
    if (v.source === newSource) {
      if (!v.publisher.trim()) out.publisher = t('edit.required')
      if (!v.title.trim()) out.title = t('edit.required')
      if (!v.url.trim()) out.url = t('edit.required')
    }
    return out
  }

  async function save(e: FormEvent) {
    e.preventDefault()
    const found = check()
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setState('saving')
    try {
      let source = v.source
      if (source === newSource) {
        source = await addSource({ id: `src-${personId}-${Date.now()}`, publisher: v.publisher.trim(), title: v.title.trim(), url: v.url.trim(), reason: v.reason.trim() })
      }
      await upsertStint({
        id: stint.id,
        personId,
        labId: stint.lab.id,
        role: v.role.trim() || null,
        founder: stint.founder,
        start: v.start.trim() || null,
        end: v.end.trim() || null,
        // upsertStint replaces the whole record: what the form does not
        // show is sent back as it was, so a correction loses nothing.
        lastSeen: v.lastSeen.trim() || null,
        concurrent: stint.concurrent,
        confidence: v.confidence,
        note: v.note.trim() || null,
        sources: [...new Set([source, ...stint.sources.map((s) => s.id)])],
        reason: v.reason.trim(),
      })
      setState('saved')
      onChanged()
    } catch (err) {
      setErrors(fieldErrors(err))
      setState(err instanceof ApiError ? { code: err.code, detail: err.message } : { code: 'INTERNAL', detail: '' })
    }
  }

  async function retractIt() {
    if (!v.reason.trim()) {
      setErrors({ reason: t('edit.required') })
      return
    }
    setState('saving')
    try {
      await retract('stints', stint.id, v.reason.trim())
      setState('retracted')
      onChanged()
    } catch (err) {
      setErrors(fieldErrors(err))
      setState(err instanceof ApiError ? { code: err.code, detail: err.message } : { code: 'INTERNAL', detail: '' })
    }
  }

  const field = (k: keyof typeof v, label: string, input: React.ReactNode) => (
    <div className="field">
      <label htmlFor={`${id}-${k}`}>{label}</label>
      {input}
      {errors[k] && (
        <span id={`${id}-${k}-error`} className="field-error">
          {errors[k]}
        </span>
      )}
    </div>
  )
  const text = (k: keyof typeof v, label: string, placeholder?: string) =>
    field(
      k,
      label,
      <input
        id={`${id}-${k}`}
        type="text"
        value={v[k]}
        placeholder={placeholder}
        onChange={set(k)}
        aria-invalid={errors[k] ? true : undefined}
        aria-describedby={errors[k] ? `${id}-${k}-error` : undefined}
      />,
    )

  return (
    <details className="edit">
      <summary>{t('edit.correct')}</summary>
      <form className="edit-form" onSubmit={(e) => void save(e)} noValidate>
        {text('role', t('edit.role'))}
        {text('start', t('edit.start'), 'YYYY-MM')}
        {text('end', t('edit.end'), 'YYYY-MM')}
        {text('lastSeen', t('edit.lastSeen'), 'YYYY-MM-DD')}
        {field(
          'confidence',
          t('edit.confidence'),
          <select id={`${id}-confidence`} value={v.confidence} onChange={set('confidence')}>
            {confidences.map((c) => (
              <option key={c} value={c}>
                {t(`confidence.${c}`)}
              </option>
            ))}
          </select>,
        )}
        {text('note', t('edit.note'))}
        {field(
          'source',
          t('edit.source'),
          <select id={`${id}-source`} value={v.source} onChange={set('source')}>
            {stint.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.publisher}: {s.title}
              </option>
            ))}
            <option value={newSource}>{t('edit.newSource')}</option>
          </select>,
        )}
        {v.source === newSource && (
          <fieldset>
            <legend>{t('edit.newSource')}</legend>
            {text('publisher', t('edit.publisher'))}
            {text('title', t('edit.sourceTitle'))}
            {text('url', t('edit.url'), 'https://')}
          </fieldset>
        )}
        {text('reason', t('edit.reason'))}
        <div className="edit-actions">
          <button type="submit" disabled={state === 'saving'}>
            {t('edit.save')}
          </button>
          <button type="button" className="danger" disabled={state === 'saving'} onClick={() => void retractIt()}>
            {t('edit.retract')}
          </button>
        </div>
        <p role="status" className="status">
          {state === 'saving' ? t('edit.saving') : state === 'saved' ? t('edit.saved') : state === 'retracted' ? t('edit.retracted') : ''}
        </p>
        {typeof state === 'object' && (
          <p role="alert" className="error">
            {messageFor(state.code, state.detail)}
          </p>
        )}
      </form>
    </details>
  )
}
