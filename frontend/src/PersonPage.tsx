import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { History } from './person/History.tsx'
import { RecordEditor } from './person/RecordEditor.tsx'
import { EditNotice, type Done } from './person/EditNotice.tsx'
import { dealInput, moveInput, newRecord, offerInput, personInput, stintInput } from './person/records.ts'
import { useApiKey } from './shortlists/apiKey.ts'
import type { Source } from './graphql/types.ts'
import { getMorePapers, getPerson, type Degree, type PersonDeal, type PersonMove, type PersonPaper, type PersonView } from './person/api.ts'
import { CredentialChecks } from './candidates/CredentialChecks.tsx'
import './candidates/candidates.css'
import { formatPartial, formatPeriod, sortStints } from './dates.ts'
import i18n, { currentLang, intlLocale } from './i18n.ts'
import { confidenceLabel, formatMoney, labKind, offerStatus } from './lab/format.ts'
import { RecruitmentSection } from './recruitment/RecruitmentSection.tsx'
import { labHash, networkHash, personHash, recruitmentHash } from './route.ts'
import { Caveat } from './Caveat.tsx'
import { Sources } from './Sources.tsx'
import { Timeline, type TimelineMark } from './Timeline.tsx'
import { QueryStatus } from './QueryStatus.tsx'
import { failureOf } from './failure.ts'
import { usePageHeading, useQuery, useTitle } from './useQuery.ts'
import { LoadMore, type MoreState } from './LoadMore.tsx'

interface Props {
  id: string
  backHref: string
}

export function PersonPage({ id, backHref }: Props) {
  const { t } = useTranslation()
  const { state, retry } = useQuery((signal) => getPerson(id, signal), [id])
  useTitle(state, (view) => view.person.name)
  // The last change an editor made here, kept while the page reads again.
  // n counts the changes, so each shows its history afresh.
  const [done, setDone] = useState<{ d: Done; n: number } | null>(null)
  const changed = (d: Done) => {
    setDone((cur) => ({ d, n: (cur?.n ?? 0) + 1 }))
    retry()
  }

  return (
    <div className="person-page">
      <nav className="back">
        <a href={backHref}>{t('person.back')}</a>
      </nav>
      {done && <EditNotice key={done.n} done={done.d} />}
      <QueryStatus state={state} retry={retry} missing={t('person.noSuchId', { id })} />
      {state.status === 'done' && <PersonDetails view={state.data} onChanged={changed} />}
    </div>
  )
}

function PersonDetails({ view, onChanged: changed }: { view: PersonView; onChanged: (d: Done) => void }) {
  const { person } = view
  const apiKey = useApiKey()
  const { t } = useTranslation()
  const lang = currentLang()
  const heading = usePageHeading(person.id)
  const stints = sortStints(person.stints)

  return (
    <article className="person">
      <header className="person-header">
        {/* Names are data: shown as they are, the native one in its own
            script, and kept from machine translation. */}
        <h1 ref={heading} tabIndex={-1} translate="no">
          {person.name}
        </h1>
        {person.nativeName && (
          <p className="native-name" translate="no" dir="auto">
            {person.nativeName}
          </p>
        )}
        <Sources sources={person.sources} about={person.name} />
        {apiKey && <RecordEditor kind="people" record={personInput(person)} sources={person.sources} onChanged={changed} />}
        <History kind="people" id={person.id} about={person.name} />
        <nav className="explore" aria-label={t('explore.label', { name: person.name })}>
          <a href={networkHash({ id: person.id, sel: `PERSON:${person.id}` }, lang)}>{t('explore.network')}</a>
          <a href={networkHash({ id: person.id, from: person.id }, lang)}>{t('explore.path')}</a>
          <a href={recruitmentHash(person.id, lang)}>{t('explore.chains')}</a>
        </nav>
      </header>

      <section aria-labelledby="credentials-heading">
        <h2 id="credentials-heading">{t('person.credentials')}</h2>
        <CredentialChecks name={person.name} credentials={person.credentials} sources={view.credentialSources} />
      </section>

      <section aria-labelledby="labs-heading">
        <h2 id="labs-heading">{t('person.labs')}</h2>
        <Timeline stints={stints} studies={sortStints(person.degrees)} marks={[...moveMarks(view), ...offerMarks(view)]} />
        {stints.length === 0 ? (
          <p className="status">{t('person.noLabs')}</p>
        ) : (
          <>
            <ol className="stints">
              {stints.map((s) => (
                <li key={s.id} className="stint">
                  <span className="stint-period">{formatPeriod(s.start, s.end, lang)}</span>
                  <span className="stint-body">
                    <a className="lab-name" href={labHash(s.lab.id, lang)} translate="no">
                      {s.lab.name}
                    </a>
                    <span className={`lab-kind kind-${s.lab.kind.toLowerCase()}`}>
                      {labKind(s.lab.kind)}
                      {s.lab.country && ` · ${s.lab.country}`}
                    </span>
                    {s.role && <span className="role">{s.role}</span>}
                    {s.confidence !== 'reported' && (
                      <span className={`confidence confidence-${s.confidence}`}>{confidenceLabel(s.confidence)}</span>
                    )}
                    <Caveat note={s.note} />
                  </span>
                  <Sources sources={s.sources} about={`${s.lab.name}, ${formatPeriod(s.start, s.end, lang)}`} />
                  {apiKey && <RecordEditor kind="stints" record={stintInput(person.id, s)} sources={s.sources} onChanged={changed} />}
                  <History kind="stints" id={s.id} about={`${s.lab.name}, ${formatPeriod(s.start, s.end, lang)}`} />
                </li>
              ))}
            </ol>
          </>
        )}
        {apiKey && <RecordEditor kind="stints" record={newRecord('stints', person.id)} sources={person.sources} adding={{ taken: person.stints.map((s) => s.id) }} onChanged={changed} />}
      </section>

      {person.degrees.length > 0 && (
        <section aria-labelledby="degrees-heading">
          <h2 id="degrees-heading">{t('person.education')}</h2>
          <ol className="stints degrees">
            {sortStints(person.degrees).map((d) => (
              <li key={d.id} className="stint degree">
                <span className="stint-period">{formatPeriod(d.start, d.end, lang)}</span>
                <span className="stint-body">
                  <a className="lab-name" href={labHash(d.lab.id, lang)} translate="no">
                    {d.lab.name}
                  </a>
                  <span className="role">{describeDegree(d)}</span>
                  {d.advisorId && (
                    <span className="advisor">
                      {t('person.advisor')}
                      <a href={personHash(d.advisorId, lang)} translate="no">
                        {d.advisorName ?? d.advisorId}
                      </a>
                    </span>
                  )}
                </span>
                <Sources sources={d.sources} about={`${d.lab.name}, ${describeDegree(d)}`} />
              </li>
            ))}
          </ol>
        </section>
      )}

      <MovesSection personId={person.id} moves={person.moves} edit={apiKey ? { sources: person.sources, changed } : null} />
      <OffersSection view={view} edit={apiKey ? { sources: person.sources, changed } : null} />
      <DealsSection personId={person.id} deals={view.deals} edit={apiKey ? { sources: person.sources, changed } : null} />
      <PapersSection key={person.id} id={person.id} name={person.name} first={person.papers} total={person.paperCount} />
      <RecruitmentSection id={person.id} />
    </article>
  )
}

// offerMarks puts the dated offers on the timeline, beside the jobs they
// came between.
function offerMarks(view: PersonView): TimelineMark[] {
  return view.offers.map((o) => ({
    id: o.id,
    date: o.date,
    label: i18n.t('timeline.offer', { lab: o.lab?.name ?? i18n.t('lab.notReported') }),
    kind: o.lab?.kind ?? 'other',
    event: 'offer',
  }))
}

// moveMarks puts the dated moves on the timeline, coloured by the lab moved
// to; the moves list below has each with its sources.
function moveMarks(view: PersonView): TimelineMark[] {
  return view.person.moves.map((m) => ({
    id: `move:${m.id}`,
    date: m.date,
    label: i18n.t('timeline.move', { to: m.to?.name ?? i18n.t('lab.notReported') }),
    kind: m.to?.kind ?? 'other',
    event: 'move',
  }))
}

// MovesSection lists the person's moves, oldest first: from which lab to
// which, when, who recruited them, and the sources.
function MovesSection({ personId, moves, edit }: { personId: string; moves: PersonMove[]; edit: Editing | null }) {
  const { t } = useTranslation()
  const lang = currentLang()
  if (moves.length === 0 && !edit) return null
  const labLink = (lab: PersonMove['from']) =>
    lab ? (
      <a className="lab-name" href={labHash(lab.id, lang)} translate="no">
        {lab.name}
      </a>
    ) : (
      <span className="lab-name unknown">{t('lab.notReported')}</span>
    )
  return (
    <section aria-labelledby="moves-heading">
      <h2 id="moves-heading">{t('person.moves')}</h2>
      <ol className="stints moves">
        {moves.map((m) => (
          <li key={m.id} className="stint move">
            <span className="stint-period">{m.date ? formatPartial(m.date, lang) : t('person.undated')}</span>
            <span className="stint-body">
              <span className="move-labs">
                {labLink(m.from)}
                <span aria-hidden="true"> → </span>
                <span className="visually-hidden">{t('person.movedTo')}</span>
                {labLink(m.to)}
              </span>
              {m.recruiter && (
                <span className="advisor recruiter">
                  {t('person.recruitedBy')}
                  <a href={personHash(m.recruiter.id, lang)} translate="no">
                    {m.recruiter.name}
                  </a>
                </span>
              )}
              {m.confidence !== 'reported' && (
                <span className={`confidence confidence-${m.confidence}`}>{confidenceLabel(m.confidence)}</span>
              )}
              <Caveat note={m.note} />
            </span>
            <Sources
              sources={m.sources}
              about={t('person.moveAbout', { from: m.from?.name ?? t('lab.notReported'), to: m.to?.name ?? t('lab.notReported') })}
            />
            {edit && <RecordEditor kind="moves" record={moveInput(personId, m)} sources={m.sources} onChanged={edit.changed} />}
            <History
              kind="moves"
              id={m.id}
              about={t('person.moveAbout', { from: m.from?.name ?? t('lab.notReported'), to: m.to?.name ?? t('lab.notReported') })}
            />
          </li>
        ))}
      </ol>
      {edit && <RecordEditor kind="moves" record={newRecord('moves', personId)} sources={edit.sources} adding={{ taken: moves.map((m) => m.id) }} onChanged={edit.changed} />}
    </section>
  )
}

// PapersSection lists the person's papers, newest first, breakthroughs
// marked, each with the person's place among the authors and the sources of
// both the authorship and the paper.
// The total says how many there are; past the first 100, "Show more"
// reads the next 100.
function PapersSection({ id, name, first, total }: { id: string; name: string; first: PersonPaper[]; total: number }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const num = new Intl.NumberFormat(intlLocale[lang])
  const [more, setMore] = useState<PersonPaper[]>([])
  const [moreState, setMoreState] = useState<MoreState>('idle')
  const papers = [...first, ...more]
  if (papers.length === 0) return null
  const breakthroughs = papers.filter((a) => a.paper.breakthrough).length
  const loadMore = () => {
    setMoreState('loading')
    getMorePapers(id, papers.length).then(
      (page) => {
        setMore((cur) => [...cur, ...page])
        setMoreState('idle')
      },
      (err: unknown) => setMoreState(failureOf(err)),
    )
  }
  return (
    <section aria-labelledby="papers-heading">
      <h2 id="papers-heading">{t('person.papersTotal', { count: total, n: num.format(total) })}</h2>
      {papers.length < total && <p className="status papers-shown">{t('person.papersShown', { shown: num.format(papers.length), total: num.format(total) })}</p>}
      {breakthroughs > 0 && <p className="status">{t('person.breakthroughCount', { count: breakthroughs })}</p>}
      <ol className="stints papers">
        {papers.map((a) => (
          <li key={a.paper.id} className={a.paper.breakthrough ? 'stint paper breakthrough' : 'stint paper'}>
            <span className="stint-period">{a.paper.year ?? t('person.undated')}</span>
            <span className="stint-body">
              <span className="paper-title" translate="no">
                {a.paper.title}
              </span>
              {a.paper.breakthrough && <span className="breakthrough-badge">{t('person.breakthrough')}</span>}
              {a.paper.venue && (
                <span className="venue" translate="no">
                  {a.paper.venue}
                </span>
              )}
              {a.position !== null && <span className="role position">{authorPosition(a.position)}</span>}
              {a.paper.arxiv && (
                <a className="paper-link" href={`https://arxiv.org/abs/${encodeURIComponent(a.paper.arxiv)}`} target="_blank" rel="noopener noreferrer">
                  arXiv:{a.paper.arxiv}
                </a>
              )}
              {a.paper.doi && (
                <a className="paper-link" href={`https://doi.org/${a.paper.doi}`} target="_blank" rel="noopener noreferrer">
                  doi:{a.paper.doi}
                </a>
              )}
              {a.paper.citations !== null && (
                <span className="citations">{t('candidates.citations', { count: a.paper.citations, n: num.format(a.paper.citations) })}</span>
              )}
            </span>
            <Sources sources={paperSources(a)} about={t('person.paperAbout', { name, title: a.paper.title })} />
          </li>
        ))}
      </ol>
      <LoadMore
        hasMore={papers.length < total}
        state={moreState}
        label={t('person.morePapers', { count: Math.min(100, total - papers.length) })}
        onClick={loadMore}
      />
    </section>
  )
}

// authorPosition says where among the authors the person is.
function authorPosition(position: number): string {
  return position === 1 ? i18n.t('person.firstAuthor') : i18n.t('person.authorN', { n: position })
}

// paperSources are the sources of the authorship, then those of the paper
// that the authorship does not already cite: one list, each report once.
function paperSources(a: Pick<PersonPaper, 'sources' | 'paper'>): Source[] {
  const seen = new Set(a.sources.map((s) => s.id))
  return [...a.sources, ...a.paper.sources.filter((s) => !seen.has(s.id))]
}

// OffersSection lists the offers made to the person, newest first, each with
// the lab, who extended it, the package as reported and its sources.
function OffersSection({ view, edit }: { view: PersonView; edit: Editing | null }) {
  const { t } = useTranslation()
  const lang = currentLang()
  if (view.offersTotal === 0 && !edit) return null
  return (
    <section aria-labelledby="offers-heading">
      <h2 id="offers-heading">{t('person.offers')}</h2>
      <ol className="stints offers">
        {view.offers.map((o) => {
          const lab = o.lab?.name ?? t('lab.notReported')
          return (
            <li key={o.id} className="stint offer">
              <span className="stint-period">{o.date ? formatPartial(o.date, lang) : t('person.undated')}</span>
              <span className="stint-body">
                {o.lab ? (
                  <a className="lab-name" href={labHash(o.lab.id, lang)} translate="no">
                    {o.lab.name}
                  </a>
                ) : (
                  <span className="lab-name">{lab}</span>
                )}
                {o.extendedBy && (
                  <span className="advisor">
                    {t('lab.extendedBy')}{' '}
                    <a href={personHash(o.extendedBy.id, lang)} translate="no">
                      {o.extendedBy.name}
                    </a>
                  </span>
                )}
                <span className="amount">
                  {formatMoney(o.totalValue, o.currency, lang)}
                  {o.years != null && ` ${t('lab.overYears', { count: o.years })}`}
                  {o.firstYearValue != null && `, ${t('lab.firstYear', { amount: formatMoney(o.firstYearValue, o.currency, lang) })}`}
                </span>
                <span className={`offer-status status-${o.status.toLowerCase()}`}>{offerStatus(o.status)}</span>
                {o.confidence !== 'reported' && (
                  <span className={`confidence confidence-${o.confidence}`}>{confidenceLabel(o.confidence)}</span>
                )}
                <Caveat note={o.note} />
              </span>
              <Sources sources={o.sources} about={t('person.offerAbout', { lab })} />
              {edit && <RecordEditor kind="offers" record={offerInput(view.person.id, o)} sources={o.sources} onChanged={edit.changed} />}
              <History kind="offers" id={o.id} about={t('person.offerAbout', { lab })} />
            </li>
          )
        })}
      </ol>
      {view.offersTotal > view.offers.length && <p className="status">{t('lab.moreOffers', { count: view.offersTotal - view.offers.length })}</p>}
      {edit && (
        <RecordEditor
          kind="offers"
          record={newRecord('offers', view.person.id)}
          sources={edit.sources}
          adding={{ taken: view.offers.map((o) => o.id) }}
          onChanged={edit.changed}
        />
      )}
    </section>
  )
}

// Editing is what an editor's forms in a section need: the sources a new
// record may cite (the person's) and what to do once a change is saved.
interface Editing {
  sources: Source[]
  changed: (d: Done) => void
}

// DealsSection lists the company deals that brought the person (an
// acquisition or a licence-and-hire), as offers are listed, with sources.
function DealsSection({ personId, deals, edit }: { personId: string; deals: PersonDeal[]; edit: Editing | null }) {
  const { t } = useTranslation()
  const lang = currentLang()
  if (deals.length === 0 && !edit) return null
  return (
    <section aria-labelledby="deals-heading">
      <h2 id="deals-heading">{t('person.deals')}</h2>
      <ol className="stints deals">
        {deals.map((d) => {
          const about = t('person.dealAbout', { buyer: d.buyer.name, target: d.target.name })
          return (
            <li key={d.id} className="stint deal">
              <span className="stint-period">{d.date ? formatPartial(d.date, lang) : t('person.undated')}</span>
              <span className="stint-body">
                <span className="move-labs">
                  <a className="lab-name" href={labHash(d.buyer.id, lang)} translate="no">
                    {d.buyer.name}
                  </a>
                  <span className="role">{t('person.dealKind', { kind: d.kind })}</span>
                  <a className="lab-name" href={labHash(d.target.id, lang)} translate="no">
                    {d.target.name}
                  </a>
                </span>
                {d.amount != null && <span className="amount">{formatMoney(d.amount, d.currency, lang)}</span>}
                {d.confidence !== 'reported' && <span className={`confidence confidence-${d.confidence}`}>{confidenceLabel(d.confidence)}</span>}
                <Caveat note={d.note} />
              </span>
              <Sources sources={d.sources} about={about} />
              {edit && <RecordEditor kind="deals" record={dealInput(d)} sources={d.sources} onChanged={edit.changed} />}
              <History kind="deals" id={d.id} about={about} />
            </li>
          )
        })}
      </ol>
      {edit && (
        <RecordEditor kind="deals" record={newRecord('deals', personId)} sources={edit.sources} adding={{ taken: deals.map((d) => d.id) }} onChanged={edit.changed} />
      )}
    </section>
  )
}

// Degrees are fixed words in the data (see docs/data-format.md), so they are
// translated; one the locale files do not know yet is shown as it is.
const degreeNames = ['phd', 'masters', 'bachelors', 'other'] as const

function known<T extends string>(list: readonly T[], s: string): s is T {
  return (list as readonly string[]).includes(s)
}

// describeDegree says what was studied and how it ended, claiming only what
// the data says: completed null means no source reports it either way.
function describeDegree(d: Pick<Degree, 'degree' | 'field' | 'completed'>): string {
  const name = known(degreeNames, d.degree) ? i18n.t(`degree.${d.degree}`) : d.degree
  const what = d.field ? i18n.t('degree.inField', { degree: name, field: d.field }) : name
  if (d.completed === true) return i18n.t('degree.completed', { what })
  if (d.completed === false) return i18n.t('degree.left', { what })
  return what
}
