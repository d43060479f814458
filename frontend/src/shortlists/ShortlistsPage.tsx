import { useEffect, useRef, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import { messageFor } from '../graphql/client.ts'
import { createShortlist, deleteSavedSearch, deleteShortlist, getSavedSearches, getShortlists, type SavedSearch, type ShortlistSummary } from './api.ts'
import { candidatesHash, facetsFromFilter } from '../candidates/state.ts'
import { currentLang, intlLocale } from '../i18n.ts'
import { sectionHash, shortlistHash } from '../route.ts'
import { useApiKey } from './apiKey.ts'
import { ConfirmDelete } from './ConfirmDelete.tsx'
import { describeFilter } from './describe.ts'
import { failureOf, type Failure } from '../failure.ts'
import './shortlists.css'

// ShortlistsPage is the signed-in key's shortlists and saved searches. A
// person who has not signed in is told what the page is for and how to.
export default function ShortlistsPage() {
  const { t } = useTranslation()
  const key = useApiKey()
  const heading = useRef<HTMLHeadingElement>(null)

  useEffect(() => {
    heading.current?.focus()
  }, [])
  useEffect(() => {
    document.title = t('app.title', { page: t('nav.shortlists') })
  }, [t])

  return (
    <div className="shortlists-page">
      <h1 ref={heading} tabIndex={-1}>
        {t('nav.shortlists')}
      </h1>
      <p className="intro">{t('shortlists.intro')}</p>
      {key ? (
        <Lists key={key} />
      ) : (
        <div className="signed-out">
          <p>{t('shortlists.signInFirst')}</p>
          <p>{t('shortlists.signInHow')}</p>
        </div>
      )}
    </div>
  )
}

function Lists() {
  const { t } = useTranslation()
  const lang = currentLang()
  const [lists, setLists] = useState<ShortlistSummary[] | Failure | null>(null)
  const [searches, setSearches] = useState<SavedSearch[] | Failure | null>(null)
  const [attempt, setAttempt] = useState(0)
  const [name, setName] = useState('')
  const [createState, setCreateState] = useState<'idle' | 'saving' | Failure>('idle')
  const [searchAction, setSearchAction] = useState<Failure | null>(null)
  const [listAction, setListAction] = useState<Failure | null>(null)
  const [listStatus, setListStatus] = useState('')
  const listsHeading = useRef<HTMLHeadingElement>(null)
  const date = new Intl.DateTimeFormat(intlLocale[lang], { dateStyle: 'medium' })

  useEffect(() => {
    const ctl = new AbortController()
    getShortlists(ctl.signal).then(setLists, (err: unknown) => {
      if (!ctl.signal.aborted) setLists(failureOf(err))
    })
    getSavedSearches(ctl.signal).then(setSearches, (err: unknown) => {
      if (!ctl.signal.aborted) setSearches(failureOf(err))
    })
    return () => ctl.abort()
  }, [attempt])

  async function create(e: FormEvent) {
    e.preventDefault()
    if (!name.trim()) return
    setCreateState('saving')
    try {
      const l = await createShortlist(name.trim())
      setLists((cur) => (Array.isArray(cur) ? [l, ...cur] : [l]))
      setName('')
      setCreateState('idle')
    } catch (err) {
      setCreateState(failureOf(err))
    }
  }

  // removeList deletes a list and then focuses the section's heading, since
  // the row that held focus is gone.
  async function removeList(l: ShortlistSummary) {
    setListAction(null)
    setListStatus('')
    try {
      await deleteShortlist(l.id)
      setLists((cur) => (Array.isArray(cur) ? cur.filter((x) => x.id !== l.id) : cur))
      setListStatus(t('shortlists.deleted', { name: l.name }))
      listsHeading.current?.focus()
    } catch (err) {
      setListAction(failureOf(err))
    }
  }

  async function removeSearch(s: SavedSearch) {
    setSearchAction(null)
    try {
      await deleteSavedSearch(s.id)
      setSearches((cur) => (Array.isArray(cur) ? cur.filter((x) => x.id !== s.id) : cur))
    } catch (err) {
      setSearchAction(failureOf(err))
    }
  }

  const failed = isFailure(lists) ? lists : isFailure(searches) ? searches : null
  if (failed) {
    return (
      <div className="error" role="alert">
        <p>{failed.code === 'UNAUTHENTICATED' ? t('shortlists.keyRefused') : messageFor(failed.code, failed.detail)}</p>
        <button type="button" onClick={() => setAttempt((n) => n + 1)}>
          {t('common.tryAgain')}
        </button>
      </div>
    )
  }

  return (
    <>
      <section aria-labelledby="sl-lists">
        <h2 id="sl-lists" ref={listsHeading} tabIndex={-1}>
          {t('shortlists.listsTitle')}
        </h2>
        {lists === null || isFailure(lists) ? (
          <p className="status" role="status">
            {t('common.loading')}
          </p>
        ) : lists.length === 0 ? (
          <p className="empty">{t('shortlists.noLists')}</p>
        ) : (
          <ul className="shortlist-index">
            {lists.map((l) => (
              <li key={l.id}>
                <a href={shortlistHash(l.id, lang)}>{l.name}</a>
                <span className="meta">
                  {t('shortlists.people', { count: l.size })} · {t('shortlists.changed', { date: date.format(new Date(l.updatedAt)) })}
                </span>
                <ConfirmDelete
                  name={l.name}
                  text={t('shortlists.delete')}
                  label={t('shortlists.deleteListNamed', { name: l.name })}
                  onDelete={() => void removeList(l)}
                />
              </li>
            ))}
          </ul>
        )}
        <p className="visually-hidden" role="status" aria-live="polite">
          {listStatus}
        </p>
        {listAction && (
          <p className="field-error" role="alert">
            {messageFor(listAction.code, listAction.detail)}
          </p>
        )}
        <form className="inline-form" onSubmit={(e) => void create(e)}>
          <label htmlFor="sl-new-name">{t('shortlists.newName')}</label>
          <input id="sl-new-name" type="text" maxLength={100} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" disabled={!name.trim() || createState === 'saving'}>
            {t('shortlists.create')}
          </button>
          {typeof createState === 'object' && (
            <p className="field-error" role="alert">
              {messageFor(createState.code, createState.detail)}
            </p>
          )}
        </form>
        <p className="hint">
          {t('shortlists.addHint')} <a href={sectionHash('candidates', lang)}>{t('nav.candidates')}</a>
        </p>
      </section>

      <section aria-labelledby="sl-searches">
        <h2 id="sl-searches">{t('shortlists.searchesTitle')}</h2>
        {searches === null || isFailure(searches) ? (
          <p className="status" role="status">
            {t('common.loading')}
          </p>
        ) : searches.length === 0 ? (
          <p className="empty">{t('shortlists.noSearches')}</p>
        ) : (
          <ul className="saved-searches">
            {searches.map((s) => (
              <li key={s.id}>
                <a href={candidatesHash(facetsFromFilter(s.where), lang)}>{s.name}</a>
                <span className="meta">{describeFilter(s.where, t) || t('shortlists.everyone')}</span>
                <button type="button" className="link-button" onClick={() => void removeSearch(s)} aria-label={t('shortlists.deleteSearch', { name: s.name })}>
                  {t('shortlists.delete')}
                </button>
              </li>
            ))}
          </ul>
        )}
        {searchAction && (
          <p className="field-error" role="alert">
            {messageFor(searchAction.code, searchAction.detail)}
          </p>
        )}
      </section>
    </>
  )
}

function isFailure(x: unknown): x is Failure {
  return x !== null && typeof x === 'object' && !Array.isArray(x)
}
