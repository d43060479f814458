import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type { CandidateSources } from '../candidates/api.ts'
import { messageFor } from '../graphql/client.ts'
import { addToShortlist, deleteShortlist, getShortlist, getShortlistSources, removeFromShortlist, renameShortlist, type Shortlist } from './api.ts'
import { CandidateRow } from '../candidates/CandidateRow.tsx'
import { hasEvidence } from '../candidates/model.ts'
import '../candidates/candidates.css'
import { downloadCsv } from '../csv.ts'
import { ConfirmDelete } from './ConfirmDelete.tsx'
import { currentLang, intlLocale } from '../i18n.ts'
import { sectionHash } from '../route.ts'
import { useApiKey } from './apiKey.ts'
import { csvFilename, shortlistCsv } from './model.ts'
import { failureOf, type Failure } from '../failure.ts'
import './shortlists.css'

// ShortlistPage is one shortlist: its people as the candidates view shows
// them (credentials, evidence and sources), each with the note and the day
// they were added, and the list's rename, delete and CSV export.
export default function ShortlistPage({ id }: { id: string }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const key = useApiKey()
  const [attempt, setAttempt] = useState(0)
  const heading = useRef<HTMLHeadingElement>(null)
  // The list and its sources are kept with the request they answer (list,
  // key, attempt), so asking for another shows "loading" at once.
  const request = `${attempt}:${key ?? ''}:${id}`
  const [answer, setAnswer] = useState<{ request: string; list: Shortlist | Failure | 'missing' | null; sources: Map<string, CandidateSources> | 'error' | null } | null>(null)
  const current = answer?.request === request ? answer : null
  const list = current?.list ?? null
  const sources = current?.sources ?? null
  const setList = (l: Shortlist) => setAnswer((a) => (a ? { ...a, list: l } : a))
  const [renaming, setRenaming] = useState(false)
  const [name, setName] = useState('')
  const [action, setAction] = useState<Failure | null>(null)
  const [status, setStatus] = useState('')
  // noteFor is the person whose note is being written, and its text.
  const [noteFor, setNoteFor] = useState<{ id: string; text: string } | null>(null)
  const date = new Intl.DateTimeFormat(intlLocale[lang], { dateStyle: 'medium' })

  useEffect(() => {
    if (!key) return
    const ctl = new AbortController()
    const setSources = (s: Map<string, CandidateSources> | 'error') => setAnswer((a) => (a?.request === request ? { ...a, sources: s } : a))
    getShortlist(id, ctl.signal).then(
      (l) => {
        setAnswer({ request, list: l ?? 'missing', sources: l && !l.members.some(hasEvidence) ? new Map() : null })
        if (l && l.members.some(hasEvidence)) {
          getShortlistSources(id, ctl.signal).then(setSources, () => {
            if (!ctl.signal.aborted) setSources('error')
          })
        }
      },
      (err: unknown) => {
        if (!ctl.signal.aborted) setAnswer({ request, list: failureOf(err), sources: null })
      },
    )
    return () => ctl.abort()
  }, [id, key, request])

  const loaded = list !== null && typeof list === 'object' && 'members' in list ? list : null
  useEffect(() => {
    document.title = t('app.title', { page: loaded?.name ?? t('nav.shortlists') })
  }, [t, loaded?.name])
  // The heading takes the focus once per list opened, not on each edit of it.
  const loadedId = loaded?.id
  useEffect(() => {
    if (loadedId) heading.current?.focus()
  }, [loadedId])

  const back = (
    <p className="back">
      <a href={sectionHash('shortlists', lang)}>{t('shortlists.back')}</a>
    </p>
  )
  if (!key) {
    return (
      <div className="shortlists-page">
        {back}
        <p className="signed-out">{t('shortlists.signInFirst')}</p>
      </div>
    )
  }
  if (list === null) {
    return (
      <p className="status" role="status">
        {t('common.loading')}
      </p>
    )
  }
  if (list === 'missing') {
    return (
      <div className="shortlists-page">
        {back}
        <h1>{t('shortlists.missingTitle')}</h1>
        <p>{t('shortlists.missing')}</p>
      </div>
    )
  }
  if (!loaded) {
    const f = list as Failure
    return (
      <div className="shortlists-page">
        {back}
        <div className="error" role="alert">
          <p>{f.code === 'UNAUTHENTICATED' ? t('shortlists.keyRefused') : messageFor(f.code, f.detail)}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.tryAgain')}
          </button>
        </div>
      </div>
    )
  }
  const l = loaded

  async function rename(e: FormEvent) {
    e.preventDefault()
    setAction(null)
    try {
      const s = await renameShortlist(l.id, name.trim())
      setList({ ...l, name: s.name, updatedAt: s.updatedAt })
      setRenaming(false)
      setStatus(t('shortlists.renamed', { name: s.name }))
    } catch (err) {
      setAction(failureOf(err))
    }
  }

  async function remove(personId: string, personName: string) {
    setAction(null)
    try {
      const s = await removeFromShortlist(l.id, [personId])
      setList({ ...l, size: s.size, updatedAt: s.updatedAt, members: l.members.filter((m) => m.node.id !== personId) })
      setStatus(t('shortlists.removed', { name: personName }))
    } catch (err) {
      setAction(failureOf(err))
    }
  }

  async function saveNote(e: FormEvent, personId: string, personName: string, text: string) {
    e.preventDefault()
    setAction(null)
    try {
      const s = await addToShortlist(l.id, [personId], text.trim())
      setList({ ...l, updatedAt: s.updatedAt, members: l.members.map((m) => (m.node.id === personId ? { ...m, note: text.trim() || null } : m)) })
      setNoteFor(null)
      setStatus(t('shortlists.noteSaved', { name: personName }))
    } catch (err) {
      setAction(failureOf(err))
    }
  }

  async function destroy() {
    setAction(null)
    try {
      await deleteShortlist(l.id)
      window.location.hash = sectionHash('shortlists', lang)
    } catch (err) {
      setAction(failureOf(err))
    }
  }

  function exportCsv() {
    downloadCsv(shortlistCsv(l, sources instanceof Map ? sources : new Map()), csvFilename(l))
  }

  const rowSources = (personId: string): CandidateSources | 'error' | undefined =>
    sources === 'error' ? 'error' : sources === null ? undefined : (sources.get(personId) ?? {})

  return (
    <div className="shortlists-page shortlist">
      {back}
      <header className="shortlist-header">
        <h1 ref={heading} tabIndex={-1}>
          {l.name}
        </h1>
        <p className="meta">
          {t('shortlists.people', { count: l.size })} · {t('shortlists.changed', { date: date.format(new Date(l.updatedAt)) })}
        </p>
        <div className="shortlist-actions">
          <button type="button" className="export" disabled={l.members.length === 0} onClick={exportCsv}>
            {t('shortlists.export', { count: l.members.length })}
          </button>
          <button
            type="button"
            onClick={() => {
              setName(l.name)
              setRenaming(true)
            }}
          >
            {t('shortlists.rename')}
          </button>
          <ConfirmDelete name={l.name} text={t('shortlists.deleteList')} onDelete={() => void destroy()} />
        </div>
        {renaming && (
          <form className="inline-form" onSubmit={(e) => void rename(e)}>
            <label htmlFor="sl-rename">{t('shortlists.newNameFor')}</label>
            <input id="sl-rename" type="text" maxLength={100} value={name} autoFocus onChange={(e) => setName(e.target.value)} />
            <button type="submit" disabled={!name.trim()}>
              {t('shortlists.save')}
            </button>
            <button type="button" onClick={() => setRenaming(false)}>
              {t('shortlists.cancel')}
            </button>
          </form>
        )}
        {action && (
          <p className="field-error" role="alert">
            {messageFor(action.code, action.detail)}
          </p>
        )}
        <p className="visually-hidden" role="status" aria-live="polite">
          {status}
        </p>
      </header>

      {l.members.length === 0 ? (
        <div className="empty">
          <p>{t('shortlists.emptyList')}</p>
          <p>
            <a href={sectionHash('candidates', lang)}>{t('shortlists.findPeople')}</a>
          </p>
        </div>
      ) : (
        <ol className="candidates" aria-label={t('shortlists.membersOf', { name: l.name })}>
          {l.members.map((m) => (
            <CandidateRow key={m.node.id} edge={m} sources={rowSources(m.node.id)} onRetrySources={() => setAttempt((n) => n + 1)}>
              <div className="member-extra">
                {noteFor?.id === m.node.id ? (
                  <form className="inline-form note-form" onSubmit={(e) => void saveNote(e, m.node.id, m.node.name, noteFor.text)}>
                    <label htmlFor={`sl-note-${m.node.id}`}>{t('shortlists.noteFor', { name: m.node.name })}</label>
                    <textarea
                      id={`sl-note-${m.node.id}`}
                      rows={2}
                      maxLength={500}
                      value={noteFor.text}
                      autoFocus
                      onChange={(e) => setNoteFor({ id: m.node.id, text: e.target.value })}
                    />
                    <button type="submit">{t('shortlists.save')}</button>
                    <button type="button" onClick={() => setNoteFor(null)}>
                      {t('shortlists.cancel')}
                    </button>
                  </form>
                ) : (
                  <>
                    {m.note && (
                      <p className="member-note">
                        <span className="label">{t('shortlists.note')}</span> {m.note}
                      </p>
                    )}
                    <button type="button" className="link-button" onClick={() => setNoteFor({ id: m.node.id, text: m.note ?? '' })}>
                      {m.note ? t('shortlists.editNote', { name: m.node.name }) : t('shortlists.addNote', { name: m.node.name })}
                    </button>
                  </>
                )}
                <p className="meta">{t('shortlists.addedOn', { date: date.format(new Date(m.addedAt)) })}</p>
                <button type="button" className="link-button" onClick={() => void remove(m.node.id, m.node.name)}>
                  {t('shortlists.removeFrom', { name: m.node.name })}
                </button>
              </div>
            </CandidateRow>
          ))}
        </ol>
      )}
    </div>
  )
}
