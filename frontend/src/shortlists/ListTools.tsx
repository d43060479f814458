import { useEffect, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { PeopleFilter } from '../candidates/api.ts'
import { messageFor } from '../graphql/client.ts'
import { addToShortlist, createShortlist, getShortlists, saveSearch, type ShortlistSummary } from './api.ts'
import { currentLang } from '../i18n.ts'
import { sectionHash, shortlistHash } from '../route.ts'
import { failureOf, type Failure } from '../failure.ts'

// newList is the choice of the list picker that makes a new list.
const newList = '__new__'

interface AddProps {
  selected: string[]
  onAdded: () => void
}

// AddToShortlist puts the people selected in the results on a shortlist the
// person chooses, or on a new one named here. It stays on the page when
// nothing is selected, so the confirmation of the last addition stays too.
export function AddToShortlist({ selected, onAdded }: AddProps) {
  const { t } = useTranslation()
  const lang = currentLang()
  const [lists, setLists] = useState<ShortlistSummary[] | Failure | null>(null)
  const [choice, setChoice] = useState(newList)
  const [name, setName] = useState('')
  const [state, setState] = useState<'idle' | 'saving' | Failure | { added: ShortlistSummary; count: number }>('idle')

  useEffect(() => {
    const ctl = new AbortController()
    getShortlists(ctl.signal).then(
      (ls) => {
        setLists(ls)
        if (ls[0]) setChoice(ls[0].id)
      },
      (err: unknown) => {
        if (!ctl.signal.aborted) setLists(failureOf(err))
      },
    )
    return () => ctl.abort()
  }, [])

  async function add(e: FormEvent) {
    e.preventDefault()
    if (selected.length === 0) return
    setState('saving')
    try {
      let id = choice
      if (choice === newList) {
        const created = await createShortlist(name.trim())
        setLists((cur) => (Array.isArray(cur) ? [created, ...cur] : [created]))
        setChoice(created.id)
        setName('')
        id = created.id
      }
      const list = await addToShortlist(id, selected)
      setLists((cur) => (Array.isArray(cur) ? cur.map((l) => (l.id === list.id ? list : l)) : cur))
      setState({ added: list, count: selected.length })
      onAdded()
    } catch (err) {
      setState(failureOf(err))
    }
  }

  const listsFailed = lists !== null && !Array.isArray(lists)
  return (
    <form className="list-tool add-to-list" aria-label={t('shortlists.addTitle')} onSubmit={(e) => void add(e)}>
      <p className="list-tool-title">{selected.length > 0 ? t('shortlists.selectedCount', { count: selected.length }) : t('shortlists.selectHint')}</p>
      <label htmlFor="sl-choice">{t('shortlists.addTo')}</label>
      <select id="sl-choice" value={choice} onChange={(e) => setChoice(e.target.value)}>
        {Array.isArray(lists) &&
          lists.map((l) => (
            <option key={l.id} value={l.id}>
              {t('shortlists.option', { name: l.name, count: l.size })}
            </option>
          ))}
        <option value={newList}>{t('shortlists.newList')}</option>
      </select>
      {choice === newList && (
        <>
          <label htmlFor="sl-choice-name">{t('shortlists.newName')}</label>
          <input id="sl-choice-name" type="text" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
        </>
      )}
      <button type="submit" disabled={selected.length === 0 || state === 'saving' || (choice === newList && !name.trim())}>
        {t('shortlists.add')}
      </button>
      <p role="status" aria-live="polite" className="list-tool-status">
        {typeof state === 'object' && 'added' in state && (
          <>
            {t('shortlists.added', { count: state.count, name: state.added.name })}{' '}
            <a href={shortlistHash(state.added.id, lang)}>{t('shortlists.open', { name: state.added.name })}</a>
          </>
        )}
      </p>
      {typeof state === 'object' && 'code' in state && (
        <p className="field-error" role="alert">
          {messageFor(state.code, state.detail)}
        </p>
      )}
      {listsFailed && (
        <p className="field-error" role="alert">
          {messageFor((lists as Failure).code, (lists as Failure).detail)}
        </p>
      )}
    </form>
  )
}

// SaveSearch keeps the current filter under a name; saving under a name
// already used replaces that search.
export function SaveSearch({ where, disabled }: { where: PeopleFilter; disabled: boolean }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const [open, setOpen] = useState(false)
  const [name, setName] = useState('')
  const [state, setState] = useState<'idle' | 'saving' | Failure | { saved: string }>('idle')

  async function save(e: FormEvent) {
    e.preventDefault()
    setState('saving')
    try {
      const s = await saveSearch(name.trim(), where)
      setState({ saved: s.name })
      setOpen(false)
      setName('')
    } catch (err) {
      setState(failureOf(err))
    }
  }

  return (
    <div className="list-tool save-search">
      {open ? (
        <form onSubmit={(e) => void save(e)}>
          <label htmlFor="sl-search-name">{t('shortlists.searchName')}</label>
          <input id="sl-search-name" type="text" maxLength={100} value={name} autoFocus onChange={(e) => setName(e.target.value)} />
          <button type="submit" disabled={!name.trim() || state === 'saving'}>
            {t('shortlists.save')}
          </button>
          <button type="button" onClick={() => setOpen(false)}>
            {t('shortlists.cancel')}
          </button>
        </form>
      ) : (
        <button type="button" disabled={disabled} onClick={() => setOpen(true)}>
          {t('shortlists.saveSearch')}
        </button>
      )}
      <p role="status" aria-live="polite" className="list-tool-status">
        {typeof state === 'object' && 'saved' in state && (
          <>
            {t('shortlists.searchSaved', { name: state.saved })} <a href={sectionHash('shortlists', lang)}>{t('shortlists.seeSaved')}</a>
          </>
        )}
      </p>
      {typeof state === 'object' && 'code' in state && (
        <p className="field-error" role="alert">
          {messageFor(state.code, state.detail)}
        </p>
      )}
    </div>
  )
}
