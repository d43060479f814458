import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { getLabsIndex, type LabsIndexPage, type LabSummary } from './api.ts'
import { formatPartial } from '../dates.ts'
import { currentLang, intlLocale } from '../i18n.ts'
import { labHash, type LabsSort } from '../route.ts'
import { messageFor } from '../graphql/client.ts'
import { failureOf } from '../failure.ts'
import { useQuery } from '../useQuery.ts'
import { labKind } from './format.ts'
import { RecordEditor } from '../person/RecordEditor.tsx'
import { newRecord } from '../person/records.ts'
import { useApiKey } from '../shortlists/apiKey.ts'
import './lab.css'
import { LoadMore, type MoreState } from '../LoadMore.tsx'

interface Props {
  sort: LabsSort
  onSort: (sort: LabsSort) => void
}

// The columns of the index; each sortable one names its order. Counts sort
// most first and founding newest first, which is how the API orders them.
const columns: { key: 'lab' | 'jobs' | 'movesOut' | 'movesIn' | 'founded'; sort?: LabsSort; numeric?: boolean }[] = [
  { key: 'lab', sort: 'NAME' },
  { key: 'jobs', sort: 'JOBS', numeric: true },
  { key: 'movesOut', sort: 'MOVES_OUT', numeric: true },
  { key: 'movesIn', sort: 'MOVES_IN', numeric: true },
  { key: 'founded', sort: 'FOUNDED' },
]

// LabsIndex lists every lab with its counts, a page at a time; a click on
// a column's heading orders the list by it, no typing needed.
export function LabsIndex({ sort, onSort }: Props) {
  const { t } = useTranslation()
  const lang = currentLang()
  const num = new Intl.NumberFormat(intlLocale[lang])
  const { state, retry } = useQuery((signal) => getLabsIndex(sort, null, signal), [sort])
  const apiKey = useApiKey()
  // more holds the pages after the first, for the order they were read in.
  const [more, setMore] = useState<{ sort: LabsSort; pages: LabsIndexPage[] }>({ sort, pages: [] })
  const [moreState, setMoreState] = useState<MoreState>('idle')

  if (state.status === 'loading') return <p className="status" role="status">{t('common.loading')}</p>
  if (state.status !== 'done') {
    return (
      <div className="error" role="alert">
        <p>{state.status === 'error' ? messageFor(state.code, state.detail) : t('common.notFound')}</p>
        <button type="button" onClick={retry}>
          {t('common.tryAgain')}
        </button>
      </div>
    )
  }
  const pages = [state.data, ...(more.sort === sort ? more.pages : [])]
  const last = pages[pages.length - 1] as LabsIndexPage
  const rows: LabSummary[] = pages.flatMap((p) => p.edges.map((e) => e.node))

  function loadMore() {
    const cursor = last.pageInfo.endCursor
    if (!cursor) return
    setMoreState('loading')
    getLabsIndex(sort, cursor).then(
      (page) => {
        setMore((cur) => ({ sort, pages: [...(cur.sort === sort ? cur.pages : []), page] }))
        setMoreState('idle')
      },
      (err: unknown) => setMoreState(failureOf(err)),
    )
  }

  return (
    <section className="labs-index" aria-labelledby="labs-index-heading">
      <h2 id="labs-index-heading">{t('labsIndex.heading')}</h2>
      <p className="status" role="status">
        {t('labsIndex.shown', { shown: num.format(rows.length), total: num.format(state.data.totalCount), count: state.data.totalCount })}
      </p>
      <p className="hint">{t('labsIndex.hint')}</p>
      {/* An editor adds a lab; its new page opens. */}
      {apiKey && <RecordEditor kind="labs" record={newRecord('labs')} sources={[]} adding={{ taken: [] }} onChanged={(d) => (window.location.hash = labHash(d.id, lang))} />}
      <div className="table-scroll" role="region" aria-label={t('labsIndex.tableLabel')} tabIndex={0}>
        <table className="lab-table labs-table">
          <thead>
            <tr>
              {columns.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  className={c.numeric ? 'numeric' : undefined}
                  aria-sort={c.sort === sort ? (c.sort === 'NAME' ? 'ascending' : 'descending') : undefined}
                >
                  {c.sort ? (
                    <button type="button" className="sort-button" aria-pressed={c.sort === sort} onClick={() => onSort(c.sort as LabsSort)}>
                      {t(`labsIndex.col.${c.key}`)}
                      <span aria-hidden="true">{c.sort === sort ? (c.sort === 'NAME' ? ' ▲' : ' ▼') : ''}</span>
                    </button>
                  ) : (
                    t(`labsIndex.col.${c.key}`)
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.lab.id}>
                <th scope="row">
                  <a href={labHash(r.lab.id, lang)} translate="no">
                    {r.lab.name}
                  </a>
                  <span className="muted small">
                    {' '}
                    {labKind(r.lab.kind)}
                    {r.lab.country && ` · ${r.lab.country}`}
                    {r.lab.topLab && ` · ${t('lab.topLab')}`}
                  </span>
                  {r.parent && (
                    <span className="muted small">
                      {' · '}
                      {t('labsIndex.partOf')}{' '}
                      <a href={labHash(r.parent.id, lang)} translate="no">
                        {r.parent.name}
                      </a>
                    </span>
                  )}
                  {r.parts > 0 && <span className="muted small"> · {t('labsIndex.parts', { count: r.parts })}</span>}
                </th>
                <td className="numeric">{num.format(r.jobs)}</td>
                <td className="numeric">{num.format(r.movesOut)}</td>
                <td className="numeric">{num.format(r.movesIn)}</td>
                <td>{r.founded ? formatPartial(r.founded, lang) : <span className="muted">{t('labsIndex.notReported')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <LoadMore hasMore={last.pageInfo.hasNextPage} state={moreState} label={t('labsIndex.more')} onClick={loadMore} />
    </section>
  )
}
