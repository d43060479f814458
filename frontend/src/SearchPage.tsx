import { useTranslation } from 'react-i18next'
import type { TFunction } from 'i18next'
import { useEffect } from 'react'
import { RecordEditor } from './person/RecordEditor.tsx'
import { newRecord } from './person/records.ts'
import { useApiKey } from './shortlists/apiKey.ts'
import { searchPeople, type PersonHit } from './person/api.ts'
import { currentLang } from './i18n.ts'
import { personHash, searchHash } from './route.ts'
import { SearchBox } from './SearchBox.tsx'
import { useSearch, type SearchState } from './useSearch.ts'

interface Props {
  initialQuery: string
  onQueryChange: (q: string) => void
}

export function SearchPage({ initialQuery, onQueryChange }: Props) {
  const { t } = useTranslation()
  const search = useSearch({ initialQuery, search: searchPeople, hashFor: searchHash, onSubmitted: onQueryChange })
  const apiKey = useApiKey()

  useEffect(() => {
    document.title = t('app.name')
  }, [t])

  return (
    <div className="search">
      <h1 className="visually-hidden">{t('search.label')}</h1>
      <SearchBox name="search" label={t('search.label')} placeholder={t('search.placeholder')} status={statusText(search.state, t)} {...search} />
      <Results state={search.state} />
      {/* An editor adds a person not found; the new page opens. */}
      {apiKey && (
        <RecordEditor kind="people" record={newRecord('people')} sources={[]} adding={{ taken: [] }} onChanged={(d) => (window.location.hash = personHash(d.id, currentLang()))} />
      )}
    </div>
  )
}

function statusText(state: SearchState<PersonHit>, t: TFunction): string {
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

function Results({ state }: { state: SearchState<PersonHit> }) {
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
