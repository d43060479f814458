import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { LabRef } from '../graphql/types.ts'
import { searchLabs } from '../lab/api.ts'

interface Props {
  label: string
  // selected are lab ids; names maps the ids whose names are known.
  selected: string[]
  names: Map<string, string>
  onChange: (ids: string[], picked?: { id: string; name: string }) => void
}

// LabPicker is a combobox over the API's lab search (search(kinds: [LAB]))
// with the chosen labs as removable chips. Arrow keys move through the
// suggestions, Enter picks one, Escape closes the list.
export function LabPicker({ label, selected, names, onChange }: Props) {
  const { t } = useTranslation()
  const id = useId()
  const [text, setText] = useState('')
  // answer is the last search's outcome and the text it was for: while it
  // is for other text, a newer search is on its way.
  const [answer, setAnswer] = useState<{ q: string; status: 'done' | 'error'; hits: LabRef[] }>({ q: '', status: 'done', hits: [] })
  const [open, setOpen] = useState(false)
  const [active, setActive] = useState(-1)
  const input = useRef<HTMLInputElement>(null)
  const q = text.trim()
  const state: 'idle' | 'searching' | 'done' | 'error' = !q ? 'idle' : answer.q === q ? answer.status : 'searching'
  const hits = q && answer.q === q ? answer.hits : []

  useEffect(() => {
    if (!q) return
    const ctl = new AbortController()
    const timer = window.setTimeout(() => {
      searchLabs(q, ctl.signal, 8).then(
        (labs) => {
          setAnswer({ q, status: 'done', hits: labs })
          setActive(labs.length > 0 ? 0 : -1)
        },
        () => {
          if (!ctl.signal.aborted) setAnswer({ q, status: 'error', hits: [] })
        },
      )
    }, 250)
    return () => {
      window.clearTimeout(timer)
      ctl.abort()
    }
  }, [q])

  const shown = hits.filter((h) => !selected.includes(h.id))
  const expanded = open && state !== 'idle'

  function pick(lab: LabRef) {
    onChange([...selected, lab.id], { id: lab.id, name: lab.name })
    setText('')
    setOpen(false)
    input.current?.focus()
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'ArrowDown' && shown.length > 0) {
      e.preventDefault()
      setOpen(true)
      setActive((a) => (a + 1) % shown.length)
    } else if (e.key === 'ArrowUp' && shown.length > 0) {
      e.preventDefault()
      setActive((a) => (a <= 0 ? shown.length - 1 : a - 1))
    } else if (e.key === 'Enter') {
      const lab = shown[active] ?? (shown.length === 1 ? shown[0] : undefined)
      if (expanded && lab) {
        e.preventDefault()
        pick(lab)
      }
    } else if (e.key === 'Escape' && expanded) {
      e.preventDefault()
      setOpen(false)
    }
  }

  const optionId = (i: number) => `${id}-opt-${i}`

  return (
    <div className="lab-picker">
      <label htmlFor={`${id}-input`}>{label}</label>
      {selected.length > 0 && (
        <ul className="chips" aria-label={label}>
          {selected.map((labId) => {
            const name = names.get(labId) ?? labId
            return (
              <li key={labId} className="chip">
                <span translate="no">{name}</span>
                <button type="button" aria-label={t('candidates.remove', { what: name })} onClick={() => onChange(selected.filter((x) => x !== labId))}>
                  ×
                </button>
              </li>
            )
          })}
        </ul>
      )}
      <div className="combo">
        <input
          ref={input}
          id={`${id}-input`}
          type="text"
          role="combobox"
          autoComplete="off"
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={`${id}-list`}
          aria-activedescendant={expanded && active >= 0 && active < shown.length ? optionId(active) : undefined}
          placeholder={t('candidates.labPlaceholder')}
          value={text}
          onChange={(e) => {
            setText(e.target.value)
            setOpen(true)
          }}
          onKeyDown={onKeyDown}
          onBlur={() => setOpen(false)}
          onFocus={() => setOpen(true)}
        />
        <ul id={`${id}-list`} role="listbox" aria-label={label} className="combo-list" hidden={!expanded}>
          {state === 'searching' && shown.length === 0 && <li className="combo-note">{t('candidates.labSearching')}</li>}
          {state === 'done' && shown.length === 0 && <li className="combo-note">{t('candidates.labNone', { q: text.trim() })}</li>}
          {state === 'error' && <li className="combo-note">{t('candidates.labError')}</li>}
          {shown.map((lab, i) => (
            <li
              key={lab.id}
              id={optionId(i)}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : undefined}
              // mousedown would blur the input first and close the list.
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(lab)}
            >
              <span translate="no">{lab.name}</span>
              <span className="combo-kind">{t(`kind.${lab.kind as 'company'}`, { defaultValue: lab.kind })}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  )
}
