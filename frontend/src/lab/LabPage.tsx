import { useMemo, useState, type FormEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Lab, PersonRef, Source } from '../graphql/types.ts'
import { allAlumni, getAlumniPage, getLabView, getRowMoves, type LabView } from './api.ts'
import { failureOf, type Failure } from '../failure.ts'
import { messageFor } from '../graphql/client.ts'
import { formatPartial, formatPeriod } from '../dates.ts'
import { currentLang } from '../i18n.ts'
import { labHash, labsHash, networkHash, personHash } from '../route.ts'
import { Caveat } from '../Caveat.tsx'
import { Sources } from '../Sources.tsx'
import { downloadCsv } from '../csv.ts'
import { alumniCSV } from './csv.ts'
import { confidenceLabel, datePattern, formatMoney, labKind, offerStatus } from './format.ts'
import { Sankey } from './Sankey.tsx'
import type { SankeyInput } from './sankey.ts'
import { flowRows, yearBars, type FlowRow } from './flows.ts'
import { QueryStatus } from '../QueryStatus.tsx'
import { History } from '../person/History.tsx'
import { RecordEditor } from '../person/RecordEditor.tsx'
import { labInput } from '../person/records.ts'
import { useApiKey } from '../shortlists/apiKey.ts'
import { EditNotice, type Done } from '../person/EditNotice.tsx'
import { usePageHeading, useQuery, useTitle } from '../useQuery.ts'
import './lab.css'
import { LoadMore, type MoreState } from '../LoadMore.tsx'

export interface LabRoute {
  id: string
  asOf: string
  since: string
  until: string
}

// LabPage is a lab's page: who is there, who founded and funded it, where
// its alumni went and with whom, who recruits for it and what it offered.
export default function LabPage({ route }: { route: LabRoute }) {
  const { t } = useTranslation()
  const { id, asOf, since, until } = route
  const { state, retry } = useQuery((signal) => getLabView({ id, asOf, since, until }, signal), [id, asOf, since, until])
  useTitle(state, (view) => view.lab.name)
  // The last change an editor made here, kept while the page reads again.
  // n counts the changes, so each shows its history afresh.
  const [done, setDone] = useState<{ d: Done; n: number } | null>(null)
  const changed = (d: Done) => {
    setDone((cur) => ({ d, n: (cur?.n ?? 0) + 1 }))
    retry()
  }

  return (
    <div className="lab-page">
      <nav className="back">
        <a href={labsHash('', currentLang())}>{t('lab.back')}</a>
      </nav>
      {done && <EditNotice key={done.n} done={done.d} />}
      <QueryStatus state={state} retry={retry} missing={t('lab.noSuchId', { id })} onError={<WindowForm route={route} />} />
      {state.status === 'done' && <LabDetails view={state.data} route={route} onChanged={changed} />}
    </div>
  )
}

function PersonLink({ p }: { p: PersonRef }) {
  return (
    <a href={personHash(p.id, currentLang())} translate="no">
      {p.name}
    </a>
  )
}

function LabLink({ lab }: { lab: Pick<Lab, 'id' | 'name'> }) {
  return (
    <a href={labHash(lab.id, currentLang())} translate="no">
      {lab.name}
    </a>
  )
}

// WindowForm sets the day the page reads the lab as of and the window of
// departures; submitting puts them in the URL, which reloads the data.
function WindowForm({ route }: { route: LabRoute }) {
  const { t } = useTranslation()
  const [asOf, setAsOf] = useState(route.asOf)
  const [since, setSince] = useState(route.since)
  const [until, setUntil] = useState(route.until)
  const submit = (e: FormEvent) => {
    e.preventDefault()
    window.location.hash = labHash(route.id, currentLang(), { asOf: asOf.trim(), since: since.trim(), until: until.trim() })
  }
  const field = (name: 'asOf' | 'since' | 'until', value: string, set: (v: string) => void) => (
    <label>
      <span>{t(`lab.form.${name}`)}</span>
      <input
        type="text"
        inputMode="numeric"
        name={name}
        value={value}
        pattern={datePattern}
        placeholder={t('lab.form.placeholder')}
        title={t('lab.form.format')}
        onChange={(e) => set(e.target.value)}
      />
    </label>
  )
  return (
    <form className="lab-window" onSubmit={submit} aria-label={t('lab.form.label')}>
      {field('asOf', asOf, setAsOf)}
      {field('since', since, setSince)}
      {field('until', until, setUntil)}
      <button type="submit">{t('lab.form.apply')}</button>
    </form>
  )
}

function LabDetails({ view, route, onChanged: changed }: { view: LabView; route: LabRoute; onChanged: (d: Done) => void }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const { lab } = view
  const heading = usePageHeading(lab.id)
  const apiKey = useApiKey()

  return (
    <article className="lab">
      <header className="lab-header">
        <h1 ref={heading} tabIndex={-1} translate="no">
          {lab.name}
        </h1>
        <p className="lab-facts">
          <span className={`lab-kind kind-${lab.kind.toLowerCase()}`}>{labKind(lab.kind)}</span>
          {lab.country && <span className="lab-country">{lab.country}</span>}
          {lab.topLab && <span className="badge top-lab">{t('lab.topLab')}</span>}
          {lab.founded && <span>{t('lab.founded', { date: formatPartial(lab.founded, lang) })}</span>}
        </p>
        {lab.aliases.length > 0 && (
          <p className="lab-aliases">
            {t('lab.aliases')} <span translate="no">{lab.aliases.join(', ')}</span>
          </p>
        )}
        {lab.parent && (
          <p className="lab-parent">
            {t('lab.partOf')} <LabLink lab={lab.parent} />
          </p>
        )}
        {lab.children.length > 0 && (
          <p className="lab-children">
            {t('lab.parts')}{' '}
            {lab.children.map((c, i) => (
              <span key={c.id}>
                {i > 0 && ', '}
                <LabLink lab={c} />
              </span>
            ))}
          </p>
        )}
        <Sources sources={lab.sources} about={lab.name} />
        {apiKey && <RecordEditor kind="labs" record={labInput(lab)} sources={lab.sources} onChanged={changed} />}
        <History kind="labs" id={lab.id} about={lab.name} />
        <nav className="explore" aria-label={t('explore.label', { name: lab.name })}>
          <a href={networkHash({ id: lab.id, sel: `LAB:${lab.id}` }, lang)}>{t('explore.network')}</a>
          <a href={networkHash({ id: lab.id, kinds: 'MADE_MOVE,FROM,TO', sel: `LAB:${lab.id}` }, lang)}>{t('explore.flows')}</a>
        </nav>
      </header>

      <WindowForm route={route} />

      <section aria-labelledby="lab-people">
        <h2 id="lab-people">{route.asOf ? t('lab.peopleAsOf', { date: formatPartial(route.asOf, lang) }) : t('lab.people')}</h2>
        {lab.currentPeople.length === 0 ? (
          <p className="status">{t('lab.noPeople')}</p>
        ) : (
          <ul className="lab-list">
            {lab.currentPeople.map((m) => (
              <li key={m.stint.id}>
                <span className="lab-list-main">
                  <PersonLink p={m.person} />
                  {m.stint.role && <span className="role">{m.stint.role}</span>}
                  {m.stint.founder && <span className="badge">{t('lab.founder')}</span>}
                  <span className="when">{formatPeriod(m.stint.start, m.stint.end, lang)}</span>
                  {m.stint.lab.id !== lab.id && (
                    <span className="via">
                      {t('lab.at')} <LabLink lab={m.stint.lab} />
                    </span>
                  )}
                </span>
                <Sources sources={m.stint.sources} about={`${m.person.name}, ${lab.name}`} />
              </li>
            ))}
          </ul>
        )}
        {lab.pastPeopleCount > 0 && <p className="status">{t('lab.pastPeople', { count: lab.pastPeopleCount })}</p>}
      </section>

      {lab.founders.length > 0 && (
        <section aria-labelledby="lab-founders">
          <h2 id="lab-founders">{t('lab.founders')}</h2>
          <ul className="lab-list">
            {lab.founders.map((f) => (
              <li key={f.person.id}>
                <span className="lab-list-main">
                  <PersonLink p={f.person} />
                  {f.date && <span className="when">{formatPartial(f.date, lang)}</span>}
                </span>
                <Sources sources={f.sources} about={t('lab.foundedBy', { lab: lab.name, person: f.person.name })} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {lab.investors.length > 0 && (
        <section aria-labelledby="lab-investors">
          <h2 id="lab-investors">{t('lab.investors')}</h2>
          <ul className="lab-list">
            {lab.investors.map((inv) => (
              <li key={inv.id}>
                <span className="lab-list-main">
                  {inv.investorPerson ? <PersonLink p={inv.investorPerson} /> : inv.investorLab ? <LabLink lab={inv.investorLab} /> : t('lab.notReported')}
                  {inv.round && <span className="role">{inv.round}</span>}
                  <span className="amount">{formatMoney(inv.amount, inv.currency, lang)}</span>
                  {inv.date && <span className="when">{formatPartial(inv.date, lang)}</span>}
                </span>
                <Sources sources={inv.sources} about={t('lab.investmentIn', { lab: lab.name })} />
              </li>
            ))}
          </ul>
        </section>
      )}

      <AlumniSection view={view} route={route} />
      <FlowsSection view={view} route={route} />
      <RecruitersSection view={view} />
      <OffersSection view={view} />
    </article>
  )
}

// sankeyFlows turns the destinations into the chart's bands, adding one for
// the rest: the alumni whose next lab no record gives or, when the answer is
// capped, who went to a lab past the largest destinations. The rest is a
// count over every alumnus, and names only when every alumnus is loaded.
function sankeyFlows(alumni: LabView['alumni'], restLabel: string): SankeyInput[] {
  const flows: SankeyInput[] = alumni.destinations.map((d) => ({
    id: d.lab.id,
    label: d.lab.name,
    count: d.count,
    people: d.people.map((p) => p.name),
  }))
  const rest = alumni.count - alumni.destinations.reduce((n, d) => n + d.count, 0)
  const names = alumni.capped || alumni.pageInfo.hasNextPage ? [] : alumni.alumni.filter((a) => !a.next).map((a) => a.person.name)
  if (rest > 0) flows.push({ id: '', label: restLabel, count: rest, people: names })
  return flows
}

function AlumniSection({ view, route }: { view: LabView; route: LabRoute }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const { lab, alumni } = view
  const flows = useMemo(() => sankeyFlows(alumni, alumni.capped ? t('lab.otherOrUnknownNext') : t('lab.unknownNext')), [alumni, t])
  const windowText =
    route.since || route.until
      ? formatPeriod(route.since || null, route.until || null, lang)
      : null

  return (
    <section aria-labelledby="lab-alumni" className="lab-alumni">
      <h2 id="lab-alumni">{t('lab.alumni')}</h2>
      <p className="status">
        {t('lab.alumniCount', { count: alumni.count })}
        {windowText && ` (${windowText})`}
      </p>
      {alumni.count > 0 && (
        <>
          <h3>{t('lab.byDestination')}</h3>
          {alumni.capped && <p className="hint capped">{t('lab.capped')}</p>}
          <Sankey labName={lab.name} flows={flows} />

          {alumni.periods.length > 0 && (
            <>
              <h3>{t('lab.byPeriod')}</h3>
              <table className="lab-table periods">
                <thead>
                  <tr>
                    <th scope="col">{t('lab.year')}</th>
                    <th scope="col">{t('lab.left')}</th>
                    <th scope="col">{t('lab.wentTo')}</th>
                  </tr>
                </thead>
                <tbody>
                  {alumni.periods.map((p) => (
                    <tr key={p.year}>
                      <th scope="row">{p.year}</th>
                      <td>{p.count}</td>
                      <td>
                        {p.destinations.map((d, i) => (
                          <span key={d.lab.id}>
                            {i > 0 && ', '}
                            <LabLink lab={d.lab} /> ({d.count})
                          </span>
                        ))}
                        {p.unknown > 0 && (
                          <span className="muted">
                            {p.destinations.length > 0 && ', '}
                            {t('lab.unknownCount', { count: p.unknown })}
                          </span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}

          {alumni.clusters.length > 0 && (
            <>
              <h3>{t('lab.clusters')}</h3>
              <p className="hint">{t('lab.clustersHint')}</p>
              <ul className="cluster-cards">
                {alumni.clusters.map((c, i) => (
                  <li key={c.members.map((m) => m.id).join(' ')} className="cluster-card">
                    <h4>{t('lab.clusterTitle', { n: i + 1, count: c.size })}</h4>
                    <dl>
                      <dt>{t('lab.members')}</dt>
                      <dd>
                        <CommaList items={c.members.map((m) => <PersonLink key={m.id} p={m} />)} />
                      </dd>
                      {c.sharedLabs.length > 0 && (
                        <>
                          <dt>{t('lab.sharedLabs')}</dt>
                          <dd>
                            <CommaList items={c.sharedLabs.map((l) => <LabLink key={l.id} lab={l} />)} />
                          </dd>
                        </>
                      )}
                      {c.sharedPapers.length > 0 && (
                        <>
                          <dt>{t('lab.sharedPapers')}</dt>
                          <dd>
                            <ul className="papers">
                              {c.sharedPapers.map((p) => (
                                <li key={p.id}>
                                  <cite>{p.title}</cite>
                                  {p.year && ` (${p.year})`}
                                </li>
                              ))}
                            </ul>
                          </dd>
                        </>
                      )}
                      <dt>{t('lab.mainDestinations')}</dt>
                      <dd>
                        <CommaList
                          items={c.destinations.map((d) => (
                            <span key={d.lab.id}>
                              <LabLink lab={d.lab} /> ({d.count})
                            </span>
                          ))}
                        />
                      </dd>
                    </dl>
                  </li>
                ))}
              </ul>
            </>
          )}

          <AlumniTable key={`${route.id} ${route.asOf} ${route.since} ${route.until}`} lab={lab.name} route={route} first={alumni} />
        </>
      )}
    </section>
  )
}

function CommaList({ items }: { items: ReactNode[] }) {
  return (
    <>
      {items.map((it, i) => (
        <span key={i}>
          {i > 0 && ', '}
          {it}
        </span>
      ))}
    </>
  )
}

// AlumniTable lists the alumni a page at a time ("Show more"); the CSV
// holds every alumnus, read page by page with progress when more than the
// loaded ones exist.
function AlumniTable({ lab, route, first }: { lab: string; route: LabRoute; first: LabView['alumni'] }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const [loaded, setLoaded] = useState({ alumni: first.alumni, hasNextPage: first.pageInfo.hasNextPage, endCursor: first.pageInfo.endCursor ?? null })
  const [more, setMore] = useState<MoreState>('idle')
  const [exporting, setExporting] = useState<number | null>(null)
  const [exportFailed, setExportFailed] = useState<Failure | null>(null)
  const alumni = loaded.alumni
  const showMore = () => {
    if (!loaded.endCursor) return
    setMore('loading')
    getAlumniPage(route, loaded.endCursor).then(
      (page) => {
        setLoaded((cur) => ({ alumni: [...cur.alumni, ...page.alumni], hasNextPage: page.hasNextPage, endCursor: page.endCursor }))
        setMore('idle')
      },
      (err: unknown) => setMore(failureOf(err)),
    )
  }
  const download = () => {
    if (!loaded.hasNextPage) {
      downloadCsv(alumniCSV(alumni), `${route.id}-alumni.csv`)
      return
    }
    setExporting(alumni.length)
    setExportFailed(null)
    allAlumni(route, loaded, setExporting).then(
      (all) => {
        setExporting(null)
        downloadCsv(alumniCSV(all), `${route.id}-alumni.csv`)
      },
      (err: unknown) => {
        setExporting(null)
        setExportFailed(failureOf(err))
      },
    )
  }
  return (
    <>
      <div className="table-head">
        <h3 id="lab-alumni-table">{t('lab.alumniTable')}</h3>
        <button type="button" onClick={download} disabled={exporting !== null}>
          {exporting !== null ? t('lab.exporting', { done: exporting, total: first.count }) : t('lab.exportCSV')}
        </button>
      </div>
      {exportFailed && (
        <p className="error" role="alert">
          {messageFor(exportFailed.code, exportFailed.detail)}
        </p>
      )}
      {alumni.length < first.count && <p className="status alumni-shown">{t('lab.alumniShown', { shown: alumni.length, total: first.count })}</p>}
      <div className="table-scroll" role="region" aria-labelledby="lab-alumni-table" tabIndex={0}>
        <table className="lab-table alumni-table">
          <thead>
            <tr>
              <th scope="col">{t('lab.person')}</th>
              <th scope="col">{t('lab.leftOn')}</th>
              <th scope="col">{t('lab.role')}</th>
              <th scope="col">{t('lab.next')}</th>
              <th scope="col">{t('lab.sourcesCol')}</th>
            </tr>
          </thead>
          <tbody>
            {alumni.map((a) => {
              const sources: Source[] = dedupe([...(a.stint?.sources ?? []), ...(a.next?.sources ?? [])])
              return (
                <tr key={a.person.id}>
                  <th scope="row">
                    <PersonLink p={a.person} />
                  </th>
                  <td>{formatPartial(a.left, lang)}</td>
                  <td>{a.stint?.role ?? ''}</td>
                  <td>
                    {a.next ? (
                      <>
                        <LabLink lab={a.next.lab} />
                        {a.next.date && <span className="when"> {formatPartial(a.next.date, lang)}</span>}
                        {a.next.confidence !== 'reported' && <span className="confidence"> {confidenceLabel(a.next.confidence)}</span>}
                      </>
                    ) : (
                      <span className="muted">{t('lab.unknownNext')}</span>
                    )}
                  </td>
                  <td>
                    <Sources sources={sources} about={t('lab.leftAbout', { person: a.person.name, lab })} />
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
      <LoadMore
        hasMore={loaded.hasNextPage}
        state={more}
        label={t('lab.moreAlumni', { count: Math.min(100, first.count - alumni.length) })}
        onClick={showMore}
      />
    </>
  )
}

function dedupe(sources: Source[]): Source[] {
  const seen = new Set<string>()
  return sources.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)))
}

// FlowsSection answers "who came from where and where did they go": moves
// into and out of the lab by year, as a chart and as a table whose every
// row names the people and the sources.
function FlowsSection({ view, route }: { view: LabView; route: LabRoute }) {
  const { t } = useTranslation()
  const { inflows, outflows, lab } = view
  const bars = useMemo(() => yearBars(inflows, outflows), [inflows, outflows])
  const rows = useMemo(() => flowRows(inflows, outflows), [inflows, outflows])
  const empty = inflows.count + inflows.undated + outflows.count + outflows.undated === 0
  const max = Math.max(1, ...bars.map((b) => Math.max(b.in, b.out)))
  return (
    <section aria-labelledby="lab-moves" className="lab-flows">
      <h2 id="lab-moves">{t('lab.flows.heading')}</h2>
      <p className="status">
        {t('lab.flows.summary', { in: inflows.count, out: outflows.count })}
        {inflows.undated + outflows.undated > 0 && ` ${t('lab.undated', { count: inflows.undated + outflows.undated })}`}
      </p>
      {lab.children.length > 0 && <p className="hint">{t('lab.flows.includesParts')}</p>}
      {empty ? (
        <p className="status">{t('lab.flows.none')}</p>
      ) : (
        <>
          <figure className="flow-chart">
            <figcaption id="lab-flow-chart">{t('lab.flows.chart', { lab: lab.name })}</figcaption>
            <p className="flow-legend" aria-hidden="true">
              <span className="swatch in" /> {t('lab.flows.in')} <span className="swatch out" /> {t('lab.flows.out')}
            </p>
            <ol className="flow-years" aria-labelledby="lab-flow-chart">
              {bars.map((b) => (
                <li key={b.period} aria-label={t('lab.flows.yearLabel', { period: b.period, in: b.in, out: b.out })}>
                  <span className="flow-year" aria-hidden="true">
                    {b.period}
                  </span>
                  <span className="flow-bars" aria-hidden="true">
                    <span className="flow-bar in" style={{ width: `${(b.in / max) * 100}%` }}>
                      {b.in > 0 && b.in}
                    </span>
                    <span className="flow-bar out" style={{ width: `${(b.out / max) * 100}%` }}>
                      {b.out > 0 && b.out}
                    </span>
                  </span>
                </li>
              ))}
            </ol>
          </figure>
          <div className="table-scroll" role="region" aria-labelledby="lab-flow-table" tabIndex={0}>
            <table className="lab-table flow-table">
              <caption id="lab-flow-table">{t('lab.flows.table', { lab: lab.name })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lab.year')}</th>
                  <th scope="col">{t('lab.flows.direction')}</th>
                  <th scope="col">{t('lab.flows.otherLab')}</th>
                  <th scope="col">{t('lab.flows.count')}</th>
                  <th scope="col">{t('lab.flows.people')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={`${r.direction} ${r.period} ${r.other?.id ?? ''}`} className={`flow-${r.direction}`}>
                    <th scope="row">{r.period}</th>
                    <td>{r.direction === 'in' ? t('lab.flows.cameFrom') : t('lab.flows.wentTo')}</td>
                    <td>{r.other ? <LabLink lab={r.other} /> : <span className="muted">{t('lab.notReported')}</span>}</td>
                    <td className="amount">{r.count}</td>
                    <td>
                      <FlowPeople row={r} route={route} labName={lab.name} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  )
}

// FlowPeople names the people of one row of the flow table with their
// sources: the first few that the page read, and the rest on demand.
function FlowPeople({ row, route, labName }: { row: FlowRow; route: LabRoute; labName: string }) {
  const { t } = useTranslation()
  const lang = currentLang()
  // The rest, kept with the first moves it completes: when the page reads
  // again (another window, an edit), the row's moves are new and the rest
  // read for the old ones no longer shows.
  const [rest, setRest] = useState<{ of: FlowRow['moves']; all: FlowRow['moves'] } | null>(null)
  const [more, setMore] = useState<MoreState>('idle')
  const moves = rest?.of === row.moves && rest.all.length > row.moves.length ? rest.all : row.moves
  const showAll = () => {
    setMore('loading')
    getRowMoves(route, row).then(
      (all) => {
        setRest({ of: row.moves, all })
        setMore('idle')
      },
      (err: unknown) => setMore(failureOf(err)),
    )
  }
  const loadedAll = moves !== row.moves
  return (
    <>
      <ul className="flow-people">
        {moves.map((m) => (
          <li key={m.id}>
            <PersonLink p={m.person} />
            {m.date && <span className="when"> {formatPartial(m.date, lang)}</span>}
            {m.confidence !== 'reported' && <span className="confidence"> {confidenceLabel(m.confidence)}</span>}{' '}
            <Sources
              sources={m.sources}
              about={
                row.direction === 'in'
                  ? t('lab.flows.moveAbout', { person: m.person.name, from: row.other?.name ?? '?', to: labName })
                  : t('lab.flows.moveAbout', { person: m.person.name, from: labName, to: row.other?.name ?? '?' })
              }
            />
          </li>
        ))}
        {row.count > moves.length && <li className="muted">{t('lab.flows.more', { count: row.count - moves.length })}</li>}
      </ul>
      <LoadMore hasMore={row.count > moves.length && !loadedAll} state={more} label={t('lab.flows.showAll', { count: row.count })} onClick={showAll} />
    </>
  )
}

function RecruitersSection({ view }: { view: LabView }) {
  const { t } = useTranslation()
  const lang = currentLang()
  return (
    <section aria-labelledby="lab-recruiters">
      <h2 id="lab-recruiters">{t('lab.recruiters')}</h2>
      {view.recruiters.length === 0 ? (
        <p className="status">{t('lab.noRecruiters')}</p>
      ) : (
        <ol className="lab-list">
          {view.recruiters.map((r) => (
            <li key={r.person.id} className="recruiter">
              <span className="lab-list-main">
                <PersonLink p={r.person} />
                <span className="amount">{t('lab.recruitCount', { count: r.count })}</span>
                <span className="muted">{t('lab.reportedInferred', { reported: r.reported, inferred: r.inferred })}</span>
              </span>
              <ul className="recruits">
                {r.recruits.map((e) => (
                  <li key={e.id}>
                    <PersonLink p={e.recruit} />
                    {e.date && <span className="when"> {formatPartial(e.date, lang)}</span>}
                    {e.toLab && (
                      <span className="via">
                        {' '}
                        {t('lab.to')} <LabLink lab={e.toLab} />
                      </span>
                    )}
                    {e.inferred && <span className="confidence"> {confidenceLabel('inferred')}</span>} <Caveat note={e.note} />{' '}
                    <Sources sources={e.sources} about={t('lab.recruitedAbout', { recruiter: r.person.name, recruit: e.recruit.name })} />
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}

function OffersSection({ view }: { view: LabView }) {
  const { t } = useTranslation()
  const lang = currentLang()
  return (
    <section aria-labelledby="lab-offers">
      <h2 id="lab-offers">{t('lab.offers')}</h2>
      {view.offers.length === 0 ? (
        <p className="status">{t('lab.noOffers')}</p>
      ) : (
        <div className="table-scroll" role="region" aria-label={t('lab.offersTable')} tabIndex={0}>
          <table className="lab-table offers">
            <thead>
              <tr>
                <th scope="col">{t('lab.person')}</th>
                <th scope="col">{t('lab.total')}</th>
                <th scope="col">{t('lab.date')}</th>
                <th scope="col">{t('lab.statusCol')}</th>
                <th scope="col">{t('lab.sourcesCol')}</th>
              </tr>
            </thead>
            <tbody>
              {view.offers.map((o) => (
                <tr key={o.id}>
                  <th scope="row">
                    {o.person ? <PersonLink p={o.person} /> : t('lab.notReported')}
                    {o.extendedBy && (
                      <span className="muted small">
                        {' '}
                        {t('lab.extendedBy')} <PersonLink p={o.extendedBy} />
                      </span>
                    )}
                    {o.lab && o.lab.id !== view.lab.id && (
                      <span className="muted small">
                        {' '}
                        {t('lab.at')} <LabLink lab={o.lab} />
                      </span>
                    )}
                  </th>
                  <td className="amount">
                    {formatMoney(o.totalValue, o.currency, lang)}
                    {o.years != null && <span className="muted small"> {t('lab.overYears', { count: o.years })}</span>}
                    {o.firstYearValue != null && (
                      <span className="muted small"> {t('lab.firstYear', { amount: formatMoney(o.firstYearValue, o.currency, lang) })}</span>
                    )}
                  </td>
                  <td>{o.date ? formatPartial(o.date, lang) : t('lab.notReported')}</td>
                  <td>
                    <span className={`status-${o.status.toLowerCase()}`}>{offerStatus(o.status)}</span>
                    {o.confidence !== 'reported' && <span className="confidence"> {confidenceLabel(o.confidence)}</span>}
                    <Caveat note={o.note} />
                  </td>
                  <td>
                    <Sources sources={o.sources} about={t('lab.offerAbout', { person: o.person?.name ?? '', lab: view.lab.name })} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {view.offersTotal > view.offers.length && <p className="status">{t('lab.moreOffers', { count: view.offersTotal - view.offers.length })}</p>}
        </div>
      )}
    </section>
  )
}
