import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { searchLabs } from './lab/api.ts'
import { currentLang } from './i18n.ts'
import { labKind } from './lab/format.ts'
import { labHash, labsHash, labsQuery, labsSort, type LabsSort } from './route.ts'
import { LabsIndex } from './lab/LabsIndex.tsx'
import { SearchBox } from './SearchBox.tsx'
import { useSearch } from './useSearch.ts'

// LabsPage is the labs index: every lab with its counts, sorted by a click
// on a column, and a search over lab names and aliases whose results open
// the lab's page. The query and the order live in the hash
// (#/labs?q=…&sort=JOBS).
export default function LabsPage() {
  const { t } = useTranslation()
  const [sort, setSort] = useState<LabsSort>(() => labsSort(window.location.hash))
  // The search writes the hash as it is typed in; it keeps the order.
  const sortRef = useRef(sort)
  const search = useSearch({
    initialQuery: labsQuery(window.location.hash),
    search: searchLabs,
    hashFor: (q, lang) => labsHash(q, lang, sortRef.current),
  })
  const onSort = (next: LabsSort) => {
    sortRef.current = next
    setSort(next)
    window.history.replaceState(null, '', labsHash(labsQuery(window.location.hash), currentLang(), next))
  }
  const { state } = search

  useEffect(() => {
    document.title = t('app.title', { page: t('nav.labs') })
  }, [t])

  const lang = currentLang()
  let status = ''
  if (state.status === 'idle') status = t('labs.idle')
  else if (state.status === 'loading') status = t('labs.searching')
  else if (state.status === 'done') status = state.hits.length === 0 ? t('labs.none', { q: state.q }) : t('labs.found', { count: state.hits.length })

  return (
    <div className="search labs-search">
      <h1>{t('nav.labs')}</h1>
      <SearchBox name="labs" label={t('labs.label')} placeholder={t('labs.placeholder')} status={status} {...search} />
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
      <LabsIndex sort={sort} onSort={onSort} />
    </div>
  )
}
