import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, messageFor } from '../graphql/client.ts'
import { addSource, retract } from './api.ts'
import { fieldErrors, idInUse, kinds, upsert, type FieldSpec, type RecordKind } from './records.ts'
import type { Done } from './EditNotice.tsx'
import { FieldNotes } from '../FieldNotes.tsx'
import { fieldNoteProps } from '../describedBy.ts'

const newSource = '__new__'
type Values = Record<string, string | boolean>

// The form holds text (or a tick); these turn a record's value into it and
// back into what the input type takes.
function shown(f: FieldSpec, v: unknown): string | boolean {
  if (f.input === 'bool') return v === true
  if (f.input === 'list') return Array.isArray(v) ? v.join('\n') : ''
  if (v === null || v === undefined) return ''
  return String(v)
}

function sent(f: FieldSpec, v: string | boolean): unknown {
  if (f.input === 'bool') return v === true
  const text = typeof v === 'string' ? v.trim() : ''
  if (f.input === 'list') {
    const items = text
      .split('\n')
      .map((x) => x.trim())
      .filter(Boolean)
    return items.length > 0 ? items : null
  }
  if (text === '') return null
  if (f.input === 'number') return Number(text)
  return text
}

interface Props {
  kind: RecordKind
  // The record as the page read it, whole (records.ts): what the form does
  // not show is sent back as it was, so a correction loses nothing.
  record: Record<string, unknown>
  // The sources the form offers to cite: those the record cites, or, for a
  // new record, those of the person or lab it is about.
  sources: readonly { id: string; publisher: string; title: string }[]
  // A new record: "Add a job" and the like. taken are the ids in use, so
  // the new id does not replace a record.
  adding?: { taken: readonly string[] }
  // onChanged is told what changed, once the server has it.
  onChanged: (done: Done) => void
}

// RecordEditor adds, corrects or retracts one record in place, for an
// editor. A source is required: one the record already cites, or a new one
// added with the change. The server's refusals show next to their fields.
export function RecordEditor({ kind, record, sources, adding, onChanged }: Props) {
  const { t } = useTranslation()
  const id = useId()
  const spec = kinds[kind]
  const initial = (): Values => {
    // A new record cites a new source unless the editor picks one.
    const v: Values = { reason: '', source: adding ? newSource : (sources[0]?.id ?? newSource), publisher: '', title: '', url: '' }
    for (const f of spec.fields) v[f.name] = shown(f, record[f.name])
    return v
  }
  const [v, setV] = useState<Values>(initial)
  const [errors, setErrors] = useState<Record<string, string>>({})
  // The new source last added, so that a change the server refused and the
  // editor sends again cites it rather than add it twice.
  const added = useRef<{ said: string; id: string } | null>(null)
  const [state, setState] = useState<'idle' | 'saving' | 'saved' | 'added' | 'retracted' | { code: string; detail: string }>('idle')
  const text = (k: string) => (typeof v[k] === 'string' ? v[k] : '')
  const set = (k: string, value: string | boolean) => setV((cur) => ({ ...cur, [k]: value }))

  function check(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const f of spec.fields) {
      if (f.required && !text(f.name).trim()) out[f.name] = t('edit.required')
      if (f.input === 'number' && text(f.name).trim() && !Number.isFinite(Number(text(f.name).trim()))) out[f.name] = t('edit.notNumber')
    }
    if (!text('reason').trim()) out.reason = t('edit.required')
    if (v.source === newSource) {
      for (const k of ['publisher', 'title', 'url']) if (!text(k).trim()) out[k] = t('edit.required')
    }
    return out
  }

  function failed(err: unknown) {
    setErrors(fieldErrors(err))
    setState(err instanceof ApiError ? { code: err.code, detail: err.message } : { code: 'INTERNAL', detail: '' })
  }

  async function save(e: FormEvent) {
    e.preventDefault()
    const found = check()
    setErrors(found)
    if (Object.keys(found).length > 0) return
    setState('saving')
    try {
      const input: Record<string, unknown> = { ...record }
      for (const f of spec.fields) input[f.name] = sent(f, v[f.name] ?? '')
      if (adding) {
        const base = spec.newId(input)
        let n = 1
        input.id = base
        while (adding.taken.includes(input.id as string) || (await idInUse(kind, input))) input.id = `${base}.${++n}`
      }
      const reason = text('reason').trim()
      let source = text('source')
      if (source === newSource) {
        const said = JSON.stringify([text('publisher').trim(), text('title').trim(), text('url').trim()])
        if (added.current?.said !== said) {
          const id = await addSource({ id: `src-${input.id as string}-${Date.now()}`, publisher: text('publisher').trim(), title: text('title').trim(), url: text('url').trim(), reason })
          added.current = { said, id }
        }
        source = added.current.id
      }
      const cited = Array.isArray(record.sources) ? (record.sources as string[]) : []
      await upsert(kind, { ...input, sources: [...new Set([source, ...cited])], reason })
      setState(adding ? 'added' : 'saved')
      if (adding) setV(initial())
      onChanged({ kind, id: input.id as string, outcome: adding ? 'added' : 'saved' })
    } catch (err) {
      failed(err)
    }
  }

  async function retractIt() {
    if (!text('reason').trim()) {
      setErrors({ reason: t('edit.required') })
      return
    }
    setState('saving')
    try {
      await retract(kind, record.id as string, text('reason').trim())
      setState('retracted')
      onChanged({ kind, id: record.id as string, outcome: 'retracted' })
    } catch (err) {
      failed(err)
    }
  }

  const invalid = (k: string) => fieldNoteProps(`${id}-${k}`, undefined, errors[k])
  const field = (k: string, label: string, input: ReactNode) => (
    <div className="field" key={k}>
      <label htmlFor={`${id}-${k}`}>{label}</label>
      {input}
      <FieldNotes id={`${id}-${k}`} error={errors[k]} />
    </div>
  )
  const textInput = (k: string, label: string, placeholder?: string) =>
    field(k, label, <input id={`${id}-${k}`} type="text" value={text(k)} placeholder={placeholder} onChange={(e) => set(k, e.target.value)} {...invalid(k)} />)

  function control(f: FieldSpec) {
    const label = f.required ? t('edit.requiredLabel', { label: t(`edit.field.${f.label}`) }) : t(`edit.field.${f.label}`)
    const k = f.name
    if (f.input === 'bool')
      return field(k, label, <input id={`${id}-${k}`} type="checkbox" checked={v[k] === true} onChange={(e) => set(k, e.target.checked)} {...invalid(k)} />)
    if (f.input === 'list')
      return field(k, label, <textarea id={`${id}-${k}`} rows={2} value={text(k)} onChange={(e) => set(k, e.target.value)} {...invalid(k)} />)
    if (typeof f.input === 'object') {
      const opts = f.input
      return field(
        k,
        label,
        <select id={`${id}-${k}`} value={text(k)} onChange={(e) => set(k, e.target.value)} {...invalid(k)}>
          <option value="">{t('edit.notReported')}</option>
          {opts.options.map((o) => (
            <option key={o} value={o}>
              {opts.label(o)}
            </option>
          ))}
        </select>,
      )
    }
    const placeholder = f.input === 'date' ? 'YYYY-MM-DD' : f.input === 'ref' ? t('edit.idPlaceholder') : undefined
    return textInput(k, label, placeholder)
  }

  const what = t(`edit.kind.${kind}`)
  return (
    <details className="edit">
      <summary>{adding ? t(`edit.addKind.${kind}`) : spec.retractable ? t('edit.correctOrRetract', { what }) : t('edit.correct', { what })}</summary>
      <form className="edit-form" onSubmit={(e) => void save(e)} noValidate>
        {spec.fields.map(control)}
        {field(
          'source',
          t('edit.source'),
          <select id={`${id}-source`} value={text('source')} onChange={(e) => set('source', e.target.value)}>
            {sources.map((x) => (
              <option key={x.id} value={x.id}>
                {x.publisher}: {x.title}
              </option>
            ))}
            <option value={newSource}>{t('edit.newSource')}</option>
          </select>,
        )}
        {v.source === newSource && (
          <fieldset>
            <legend>{t('edit.newSource')}</legend>
            {textInput('publisher', t('edit.publisher'))}
            {textInput('title', t('edit.sourceTitle'))}
            {textInput('url', t('edit.url'), 'https://')}
          </fieldset>
        )}
        {textInput('reason', t('edit.reason'))}
        <div className="edit-actions">
          <button type="submit" disabled={state === 'saving'}>
            {adding ? t('edit.create', { what }) : t('edit.save')}
          </button>
          {!adding && spec.retractable && (
            <button type="button" className="danger" disabled={state === 'saving'} onClick={() => void retractIt()}>
              {t('edit.retract', { what })}
            </button>
          )}
        </div>
        <p role="status" className="status">
          {state === 'saving' ? t('edit.saving') : typeof state === 'string' && state !== 'idle' ? t(`edit.${state}`) : ''}
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
