import { useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { allIds, candidateSourcesPerRequest, credentialNames, getCandidates, getDealsByPerson, maxSelection, type CandidateDeal, getCandidateSources, getCredentialRules, getLabNames, peopleOrders, type CandidateEdge, type CandidateSources, type CredentialRules, type PeopleFilter, type PeopleOrder } from './api.ts'
import { messageFor } from '../graphql/client.ts'
import { downloadCsv, toCsv } from '../csv.ts'
import { failureOf, type Failure } from '../failure.ts'
import { FieldNotes } from '../FieldNotes.tsx'
import { fieldNoteProps } from '../describedBy.ts'
import { currentLang, intlLocale } from '../i18n.ts'
import { CandidateRow } from './CandidateRow.tsx'
import { LabPicker } from './LabPicker.tsx'
import { useApiKey } from '../shortlists/apiKey.ts'
import { allRows, type ExportProgress } from './exportAll.ts'
import { AddToShortlist, SaveSearch } from '../shortlists/ListTools.tsx'
import { csvHeader, csvRow, hasEvidence } from './model.ts'
import { candidatesHash, credentialFacetOf, emptyFacets, facetParams, isEmpty, labFacets, parseFacets, toFilter, type FacetError, type Facets, type LabFacet } from './state.ts'
import './candidates.css'

// debounceMs is how long the facets must rest before the count and the list
// are asked for again: typing "2024" sends one request, not four.
const debounceMs = 350

interface Results {
  key: string
  where: PeopleFilter
  orderBy: PeopleOrder
  edges: CandidateEdge[]
  totalCount: number
  hasNextPage: boolean
  endCursor: string | null
}

// RowSources is what is known of one row's sources: loaded, or failed.
type RowSources = CandidateSources | 'error'

export default function CandidatesPage() {
  const narrow = useNarrow()
  const { t } = useTranslation()
  const lang = currentLang()
  const heading = useRef<HTMLHeadingElement>(null)
  const [facets, setFacets] = useState<Facets>(() => parseFacets(window.location.hash))
  const [labNames, setLabNames] = useState<Map<string, string>>(() => new Map())
  const [rules, setRules] = useState<CredentialRules | Failure | null>(null)
  const [results, setResults] = useState<Results | null>(null)
  // settled is the request (attempt and filter) the results or failure answer.
  const [settled, setSettled] = useState<string | null>(null)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [moreState, setMoreState] = useState<'idle' | 'loading' | Failure>('idle')
  const [sources, setSources] = useState<Map<string, RowSources>>(() => new Map())
  const [sourcesAttempt, setSourcesAttempt] = useState(0)
  const [exporting, setExporting] = useState<ExportProgress | Failure | null>(null)
  const [attempt, setAttempt] = useState(0)
  // Shortlists and saved searches belong to an API key: without one the
  // page says how to get them instead of offering them.
  const apiKey = useApiKey()
  const [selected, setSelected] = useState<string[]>([])

  const { where, errors } = useMemo(() => toFilter(facets), [facets])
  const queryKey = JSON.stringify({ where, order: facets.order })

  useEffect(() => {
    heading.current?.focus()
  }, [])

  // The company deals each person was part of, read once: they add to a
  // row, so a failure to read them leaves the rows as they are.
  const [deals, setDeals] = useState<Map<string, CandidateDeal[]>>(() => new Map())
  useEffect(() => {
    const ctl = new AbortController()
    getDealsByPerson(ctl.signal).then(
      (by) => {
        if (!ctl.signal.aborted) setDeals(by)
      },
      () => {},
    )
    return () => ctl.abort()
  }, [])

  useEffect(() => {
    document.title = t('app.title', { page: t('nav.candidates') })
  }, [t])

  // The URL follows the facets (replaceState: each click is not a step Back
  // should undo), and the facets follow a URL changed from outside.
  useEffect(() => {
    const want = candidatesHash(facets, lang)
    if (window.location.hash !== want) window.history.replaceState(window.history.state, '', want)
  }, [facets, lang])

  useEffect(() => {
    const onChange = () => {
      if (!/^#\/candidates(\?|$)/.test(window.location.hash)) return
      const next = parseFacets(window.location.hash)
      setFacets((cur) => (facetParams(cur).toString() === facetParams(next).toString() ? cur : next))
    }
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])

  // A shared link carries lab ids only; their names are looked up once.
  const unnamed = labFacets.flatMap((l) => facets[l]).filter((id) => !labNames.has(id))
  const unnamedKey = [...new Set(unnamed)].sort().join(',')
  useEffect(() => {
    if (!unnamedKey) return
    const ctl = new AbortController()
    getLabNames(unnamedKey.split(','), ctl.signal).then(
      (names) => setLabNames((cur) => new Map([...cur, ...names])),
      () => undefined,
    )
    return () => ctl.abort()
  }, [unnamedKey])

  useEffect(() => {
    const ctl = new AbortController()
    getCredentialRules(ctl.signal).then(setRules, (err: unknown) => {
      if (!ctl.signal.aborted) setRules(failureOf(err))
    })
    return () => ctl.abort()
  }, [])

  // The first page of a new filter, once the facets have rested.
  useEffect(() => {
    if (errors.length > 0) return
    const ctl = new AbortController()
    const request = `${attempt}:${queryKey}`
    const { where: w, order } = JSON.parse(queryKey) as { where: PeopleFilter; order: PeopleOrder }
    const timer = window.setTimeout(() => {
      getCandidates({ where: w, orderBy: order, after: null }, ctl.signal).then(
        (page) => {
          setResults({ key: queryKey, where: w, orderBy: order, edges: page.edges, totalCount: page.totalCount, hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor })
          setSources(new Map())
          setMoreState('idle')
          setFailure(null)
          setSettled(request)
        },
        (err: unknown) => {
          if (ctl.signal.aborted) return
          setFailure(failureOf(err))
          setSettled(request)
        },
      )
    }, debounceMs)
    return () => {
      window.clearTimeout(timer)
      ctl.abort()
    }
  }, [queryKey, errors.length, attempt])

  // The sources of the evidence of the rows shown, a few rows a request so
  // that each stays under the API's cost limit, one request at a time.
  const edges = results?.edges
  useEffect(() => {
    if (!results || !edges) return
    const ctl = new AbortController()
    const missing = edges.map((e, i) => (sources.has(e.node.id) || !hasEvidence(e) ? -1 : i)).filter((i) => i >= 0)
    const first = missing[0]
    if (first === undefined) return
    const chunk = missing.slice(0, candidateSourcesPerRequest).filter((i, j) => i === first + j)
    const after = first === 0 ? null : (edges[first - 1]?.cursor ?? null)
    getCandidateSources({ where: results.where, orderBy: results.orderBy, after }, ctl.signal).then(
      (byPerson) => {
        setSources((cur) => {
          const next = new Map(cur)
          for (const i of chunk) {
            const id = edges[i]?.node.id
            if (id) next.set(id, byPerson.get(id) ?? 'error')
          }
          return next
        })
      },
      () => {
        if (ctl.signal.aborted) return
        setSources((cur) => {
          const next = new Map(cur)
          for (const i of chunk) {
            const id = edges[i]?.node.id
            if (id) next.set(id, 'error')
          }
          return next
        })
      },
    )
    return () => ctl.abort()
  }, [results, edges, sources, sourcesAttempt])

  // exportCsv writes every row the filter matches, not only those shown,
  // reading the rest from the server with progress.
  async function exportCsv() {
    if (!results) return
    setExporting({ done: 0, total: results.totalCount, sources: false })
    try {
      const all = await allRows({ where: results.where, orderBy: results.orderBy }, setExporting)
      downloadCsv(toCsv([csvHeader, ...all.edges.map((e) => csvRow(e, all.sources.get(e.node.id)))]), `candidates-${new Date().toISOString().slice(0, 10)}.csv`)
      setExporting(null)
    } catch (err) {
      setExporting(failureOf(err))
    }
  }
  const exportBusy = exporting !== null && !('code' in exporting)

  // selectAllMatching picks every person the filter matches, on every page,
  // reading only their ids, up to what one shortlist request takes.
  const [selecting, setSelecting] = useState<{ done: number; total: number } | null>(null)
  async function selectAllMatching() {
    if (!results) return
    setSelecting({ done: 0, total: results.totalCount })
    try {
      const ids = await allIds({ where: results.where, orderBy: results.orderBy }, (done, total) => setSelecting({ done, total }))
      setSelected((cur) => [...new Set([...cur, ...ids])])
    } catch (err) {
      setExporting(failureOf(err))
    } finally {
      setSelecting(null)
    }
  }

  function loadMore() {
    if (!results || !results.endCursor) return
    const r = results
    setMoreState('loading')
    getCandidates({ where: r.where, orderBy: r.orderBy, after: r.endCursor }).then(
      (page) => {
        setResults((cur) =>
          cur && cur.key === r.key
            ? { ...cur, edges: [...cur.edges, ...page.edges], hasNextPage: page.pageInfo.hasNextPage, endCursor: page.pageInfo.endCursor, totalCount: page.totalCount }
            : cur,
        )
        setMoreState('idle')
      },
      (err: unknown) => setMoreState(failureOf(err)),
    )
  }

  function retrySources() {
    setSources((cur) => new Map([...cur].filter(([, v]) => v !== 'error')))
    setSourcesAttempt((n) => n + 1)
  }

  const update = (patch: Partial<Facets>) => setFacets((f) => ({ ...f, ...patch }))

  function setLabs(l: LabFacet, ids: string[], picked?: { id: string; name: string }) {
    if (picked) setLabNames((cur) => new Map(cur).set(picked.id, picked.name))
    update({ [l]: ids })
  }

  const stale = results !== null && results.key !== queryKey
  const loading = errors.length === 0 && settled !== `${attempt}:${queryKey}`
  const num = new Intl.NumberFormat(intlLocale[lang])
  const errorText = (e: FacetError) => t(`candidates.invalid.${e}`)

  return (
    <div className="candidates-page">
      <header className="candidates-header">
        <h1 ref={heading} tabIndex={-1}>
          {t('nav.candidates')}
        </h1>
        <p className="intro">{t('candidates.intro')}</p>
      </header>
      <div className="cand-layout">
        {/* On a phone the results come first and the filters fold away
            under their summary; on a wide screen they stay open beside. */}
        <details className="facets-fold" key={narrow ? 'narrow' : 'wide'} open={!narrow}>
          <summary>{t('candidates.filtersFold', { count: activeFilters(facets) })}</summary>
        <form className="facets" role="search" aria-label={t('candidates.filters')} onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>{t('candidates.credentials')}</legend>
            {credentialNames.map((c) => {
              const k = credentialFacetOf(c)
              return (
                <label key={c} className="check">
                  <input type="checkbox" checked={facets[k]} onChange={(e) => update({ [k]: e.target.checked })} />
                  {t(`candidates.cred.${c}`)}
                </label>
              )
            })}
            <label className="field">
              <span>{t('candidates.atLeast')}</span>
              <select value={facets.atLeast ?? ''} onChange={(e) => update({ atLeast: e.target.value === '' ? null : Number(e.target.value) })}>
                <option value="">{t('candidates.atLeastAny')}</option>
                {[1, 2, 3].map((n) => (
                  <option key={n} value={n}>
                    {t('candidates.atLeastN', { count: n })}
                  </option>
                ))}
              </select>
            </label>
          </fieldset>
          <fieldset>
            <legend>{t('candidates.labs')}</legend>
            {labFacets.map((l) => (
              <LabPicker key={l} label={t(`candidates.lab.${l}`)} selected={facets[l]} names={labNames} onChange={(ids, picked) => setLabs(l, ids, picked)} />
            ))}
          </fieldset>
          <fieldset>
            <legend>{t('candidates.career')}</legend>
            <TextFacet id="cand-moved" label={t('candidates.movedSince')} hint={t('candidates.movedSinceHint')} value={facets.movedSince} error={errors.includes('movedSince') ? errorText('movedSince') : undefined} onChange={(v) => update({ movedSince: v })} />
            <div className="pair">
              <TextFacet id="cand-tmin" label={t('candidates.minTenure')} numeric value={facets.minTenure} error={errors.includes('minTenure') ? errorText('minTenure') : undefined} onChange={(v) => update({ minTenure: v })} />
              <TextFacet id="cand-tmax" label={t('candidates.maxTenure')} numeric value={facets.maxTenure} error={errors.includes('maxTenure') ? errorText('maxTenure') : errors.includes('tenureOrder') ? errorText('tenureOrder') : undefined} onChange={(v) => update({ maxTenure: v })} />
            </div>
            <TextFacet id="cand-cit" label={t('candidates.minCitations')} numeric value={facets.minCitations} error={errors.includes('minCitations') ? errorText('minCitations') : undefined} onChange={(v) => update({ minCitations: v })} />
          </fieldset>
          <ChipsFacet
            id="cand-topic"
            legend={t('candidates.topics')}
            label={t('candidates.topicLabel')}
            placeholder={t('candidates.topicPlaceholder')}
            addLabel={t('candidates.addTopic')}
            values={facets.topics}
            onChange={(topics) => update({ topics })}
          />
          <ChipsFacet
            id="cand-role"
            legend={t('candidates.roles')}
            label={t('candidates.roleLabel')}
            placeholder={t('candidates.rolePlaceholder')}
            addLabel={t('candidates.addRole')}
            hint={t('candidates.roleHint')}
            error={errors.includes('roleKeywords') ? errorText('roleKeywords') : undefined}
            values={facets.roleKeywords}
            onChange={(roleKeywords) => update({ roleKeywords })}
          >
            <label className="check">
              <input type="checkbox" checked={facets.roleAnyJob} onChange={(e) => update({ roleAnyJob: e.target.checked })} />
              {t('candidates.roleAnyJob')}
            </label>
          </ChipsFacet>
          <button type="button" className="clear" disabled={isEmpty(facets)} onClick={() => setFacets({ ...emptyFacets, order: facets.order })}>
            {t('candidates.clear')}
          </button>
        </form>
        </details>

        <section className="cand-results" aria-labelledby="cand-count">
          <div className="results-bar">
            <p id="cand-count" className="count" role="status" aria-live="polite">
              {errors.length > 0
                ? t('candidates.fixFilters')
                : results && !stale
                  ? t('candidates.count', { count: results.totalCount, n: num.format(results.totalCount) })
                  : failure
                    ? ''
                    : t('candidates.counting')}
              {loading && results && !stale && <span className="updating"> {t('candidates.updating')}</span>}
            </p>
            <label className="order">
              <span>{t('candidates.orderBy')}</span>
              <select value={facets.order} onChange={(e) => update({ order: e.target.value as PeopleOrder })}>
                {peopleOrders.map((o) => (
                  <option key={o} value={o}>
                    {t(`candidates.order.${o}`)}
                  </option>
                ))}
              </select>
            </label>
            <button type="button" className="export" disabled={!results || stale || results.edges.length === 0 || exportBusy} onClick={() => void exportCsv()}>
              {exportBusy
                ? t(exporting.sources ? 'candidates.exportingSources' : 'candidates.exportingRows', { done: num.format(exporting.done), total: num.format(exporting.total) })
                : t('candidates.export', { count: results?.totalCount ?? 0, n: num.format(results?.totalCount ?? 0) })}
            </button>
          </div>
          {exporting !== null && 'code' in exporting && (
            <p className="error" role="alert">
              {t('candidates.exportFailed')} {messageFor(exporting.code, exporting.detail)}
            </p>
          )}
          <p className="visually-hidden" role="status">
            {exportBusy ? t(exporting.sources ? 'candidates.exportingSources' : 'candidates.exportingRows', { done: num.format(exporting.done), total: num.format(exporting.total) }) : ''}
          </p>

          {apiKey && results && !stale && results.edges.length > 0 && (
            <label className="select-all">
              <input
                type="checkbox"
                checked={results.edges.every((e) => selected.includes(e.node.id))}
                onChange={(e) => {
                  const ids = results.edges.map((x) => x.node.id)
                  setSelected((cur) => (e.target.checked ? [...new Set([...cur, ...ids])] : cur.filter((x) => !ids.includes(x))))
                }}
              />
              <span>{t('candidates.selectAll', { count: results.edges.length })}</span>
            </label>
          )}
          {apiKey && results && !stale && results.totalCount > results.edges.length && (
            <p className="select-matching">
              <button type="button" onClick={selectAllMatching} disabled={selecting !== null || results.totalCount > maxSelection}>
                {t('candidates.selectMatching', { count: results.totalCount, n: num.format(results.totalCount) })}
              </button>{' '}
              {results.totalCount > maxSelection && <span className="hint">{t('candidates.selectTooMany', { max: num.format(maxSelection) })}</span>}
              <span role="status">
                {selecting !== null
                  ? t('candidates.selectingProgress', { done: num.format(selecting.done), total: num.format(selecting.total) })
                  : selected.length > 0
                    ? t('candidates.selectedCount', { count: selected.length, n: num.format(selected.length) })
                    : ''}
              </span>
            </p>
          )}
          {apiKey ? (
            <div className="list-tools">
              <SaveSearch where={where} disabled={errors.length > 0} />
              <AddToShortlist selected={selected} onAdded={() => setSelected([])} />
            </div>
          ) : (
            <p className="hint">{t('shortlists.signInForLists')}</p>
          )}

          <RulesPanel rules={rules} />

          {failure && (
            <div className="error" role="alert">
              <p>{messageFor(failure.code, failure.detail)}</p>
              <button type="button" onClick={() => setAttempt((n) => n + 1)}>
                {t('common.tryAgain')}
              </button>
            </div>
          )}
          {results && !failure && results.edges.length === 0 && !stale && (
            <div className="empty">
              <p>{t('candidates.none')}</p>
              {!isEmpty(facets) && <p>{t('candidates.noneHint')}</p>}
            </div>
          )}
          {results && results.edges.length > 0 && (
            <ol className="candidates" aria-busy={loading || stale} aria-label={t('candidates.resultsLabel')}>
              {results.edges.map((e) => (
                <CandidateRow
                  key={e.node.id}
                  edge={e}
                  deals={deals.get(e.node.id)}
                  sources={sources.get(e.node.id)}
                  onRetrySources={retrySources}
                  select={
                    apiKey
                      ? {
                          checked: selected.includes(e.node.id),
                          onChange: (on) => setSelected((cur) => (on ? [...cur, e.node.id] : cur.filter((x) => x !== e.node.id))),
                        }
                      : undefined
                  }
                />
              ))}
            </ol>
          )}
          {results && !stale && results.hasNextPage && (
            <div className="more">
              {typeof moreState === 'object' && (
                <p className="error" role="alert">
                  {messageFor(moreState.code, moreState.detail)}
                </p>
              )}
              <button type="button" onClick={loadMore} disabled={moreState === 'loading'}>
                {moreState === 'loading' ? t('common.loading') : t('candidates.loadMore', { shown: results.edges.length, total: results.totalCount })}
              </button>
            </div>
          )}
          {!results && !failure && errors.length === 0 && (
            <p className="status" role="status">
              {t('common.loading')}
            </p>
          )}
        </section>
      </div>
    </div>
  )
}

interface ChipsFacetProps {
  id: string
  legend: string
  label: string
  placeholder: string
  addLabel: string
  hint?: string | undefined
  error?: string | undefined
  values: string[]
  onChange: (values: string[]) => void
  children?: ReactNode
}

// ChipsFacet is a list of words typed in (topics, title keywords): each
// shown as a chip that can be removed; several can be added at once,
// separated by commas.
function ChipsFacet({ id, legend, label, placeholder, addLabel, hint, error, values, onChange, children }: ChipsFacetProps) {
  const { t } = useTranslation()
  const [text, setText] = useState('')
  function add() {
    const more = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
    if (more.length > 0) onChange([...new Set([...values, ...more])])
    setText('')
  }
  return (
    <fieldset>
      <legend>{legend}</legend>
      {values.length > 0 && (
        <ul className="chips" aria-label={legend}>
          {values.map((v) => (
            <li key={v} className="chip">
              <span>{v}</span>
              <button type="button" aria-label={t('candidates.remove', { what: v })} onClick={() => onChange(values.filter((x) => x !== v))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="topic-add">
        <label htmlFor={id} className="visually-hidden">
          {label}
        </label>
        <input
          id={id}
          type="text"
          value={text}
          placeholder={placeholder}
          {...fieldNoteProps(id, hint, error)}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault()
              add()
            }
          }}
        />
        <button type="button" onClick={add} disabled={!text.trim()}>
          {addLabel}
        </button>
      </div>
      <FieldNotes id={id} hint={hint} error={error} />
      {children}
    </fieldset>
  )
}

interface TextFacetProps {
  id: string
  label: string
  hint?: string
  value: string
  numeric?: boolean
  error: string | undefined
  onChange: (v: string) => void
}

function TextFacet({ id, label, hint, value, numeric, error, onChange }: TextFacetProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode={numeric ? 'decimal' : 'numeric'}
        value={value}
        {...fieldNoteProps(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  )
}

// RulesPanel shows the rules the server applies, as it states them, so a
// recruiter can tell why someone does or does not count.
function RulesPanel({ rules }: { rules: CredentialRules | Failure | null }) {
  const { t } = useTranslation()
  return (
    <details className="rules">
      <summary>{t('candidates.rules.title')}</summary>
      {rules === null && <p className="status">{t('common.loading')}</p>}
      {rules !== null && 'code' in rules && <p className="error">{messageFor(rules.code, rules.detail)}</p>}
      {rules !== null && 'version' in rules && (
        <dl>
          <dt>{t('candidates.cred.aiPhd')}</dt>
          <dd>
            <p>{rules.aiPhdRule}</p>
            <p>
              {t('candidates.rules.aiFields')} {rules.aiFields.join(', ')}
            </p>
          </dd>
          <dt>{t('candidates.cred.topLab')}</dt>
          <dd>
            <p>{rules.topLabRule}</p>
            <p>
              {t('candidates.rules.topLabs')} <span translate="no">{rules.topLabs.map((l) => l.name).join(', ')}</span>
            </p>
          </dd>
          <dt>{t('candidates.cred.breakthrough')}</dt>
          <dd>
            <p>{rules.breakthroughRule}</p>
            <p>{t('candidates.rules.citationBar', { n: new Intl.NumberFormat(intlLocale[currentLang()]).format(rules.citationBar) })}</p>
          </dd>
          <dt>{t('candidates.rules.version')}</dt>
          <dd>
            <code>{rules.version}</code>
          </dd>
        </dl>
      )}
    </details>
  )
}

const narrowQuery = '(max-width: 36rem)'

// useNarrow says whether the window is phone-sized, following rotation.
function useNarrow(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      const m = window.matchMedia?.(narrowQuery)
      m?.addEventListener('change', onChange)
      return () => m?.removeEventListener('change', onChange)
    },
    () => window.matchMedia?.(narrowQuery).matches ?? false,
  )
}

// activeFilters counts the facets set, for the folded filters' summary.
function activeFilters(f: Facets): number {
  let n = 0
  for (const [k, v] of Object.entries(f)) {
    if (k === 'order' || k === 'atLeast') continue
    if (Array.isArray(v) ? v.length > 0 : typeof v === 'boolean' ? v : typeof v === 'string' ? v.trim() !== '' : false) n++
  }
  if ((f.atLeast ?? 0) > 0) n++
  return n
}
