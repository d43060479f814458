import { useCallback, useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, messageFor } from '../graphql/client.ts'
import { getNeighborhood, getPath, networkEdgeTypes, type NetworkEdgeType, type NetworkNodeKind, type Path } from './api.ts'
import { formatPartial, formatPeriod } from '../dates.ts'
import { currentLang } from '../i18n.ts'
import { networkHash, personHash } from '../route.ts'
import { Sources } from '../Sources.tsx'
import { addPath, kindColors, merge, newGraph, recolor, resize, type NetGraph } from './graph.ts'
import { Picker } from './Picker.tsx'
import type { Highlight, Renderer } from './renderer.ts'
import { webglAvailable } from './webgl.ts'
import { limits, pathKinds, stateFromHash, stateParams, type NetState } from './state.ts'
import './network.css'

type Load =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; truncated: boolean }
  | { status: 'error'; code: string; detail: string }

type PathLoad =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; path: Path | null }
  | { status: 'error'; code: string; detail: string }

const firstYear = 1970
const thisYear = new Date().getFullYear()
// The slider's last stop means "today": no asOf.
const nowStop = thisYear + 1
const maxHops = 4
const expandable: NetworkNodeKind[] = ['PERSON', 'LAB', 'PAPER']

function errorOf(err: unknown): { code: string; detail: string } {
  return err instanceof ApiError ? { code: err.code, detail: err.message } : { code: 'INTERNAL', detail: '' }
}

function sameState(a: NetState, b: NetState): boolean {
  return JSON.stringify(stateParams(a)) === JSON.stringify(stateParams(b))
}

// NetworkPage is loaded only when its route is opened (see App.tsx).
export default function NetworkPage() {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  const [net, setNet] = useState<NetState>(() => stateFromHash(window.location.hash))
  const [names, setNames] = useState<Record<string, string>>({})

  // The graph and its renderer live outside React state: sigma draws them.
  const graphRef = useRef<NetGraph>(newGraph())
  const rendererRef = useRef<Renderer | null>(null)
  const canvasRef = useRef<HTMLDivElement>(null)
  const [webgl, setWebgl] = useState(true)
  const [rendererFailed, setRendererFailed] = useState(false)
  const [layoutRunning, setLayoutRunning] = useState(false)
  const [load, setLoad] = useState<Load>({ status: 'idle' })
  const [stats, setStats] = useState({ nodes: 0, edges: 0, version: 0 })
  const [selected, setSelected] = useState<string | null>(null)
  const [expanding, setExpanding] = useState<{ key: string; added?: number; error?: { code: string; detail: string } } | null>(null)
  const [pathLoad, setPathLoad] = useState<PathLoad>({ status: 'idle' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    heading.current?.focus()
  }, [])

  useEffect(() => {
    document.title = t('app.title', { page: t('network.title') })
  }, [t])

  // update changes the state and the URL together; replaceState, so tuning
  // the view does not fill the history.
  const update = useCallback((patch: Partial<NetState>) => {
    setNet((prev) => {
      const next = { ...prev, ...patch }
      window.history.replaceState(window.history.state, '', networkHash(stateParams(next), currentLang()))
      return next
    })
  }, [])

  // A hand-edited URL, or Back, restores the view it names.
  useEffect(() => {
    const onChange = () => {
      const next = stateFromHash(window.location.hash)
      setNet((prev) => (sameState(prev, next) ? prev : next))
    }
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])

  const refreshStats = useCallback(() => {
    const g = graphRef.current
    setStats((s) => ({ nodes: g.order, edges: g.size, version: s.version + 1 }))
  }, [])

  const expandRef = useRef<(key: string) => void>(() => {})
  // The path's highlight, for a renderer that arrives after the path did.
  const highlightRef = useRef<Highlight | null>(null)

  // One renderer for the page's lifetime.
  useEffect(() => {
    const el = canvasRef.current
    if (!el) return
    if (!webglAvailable()) {
      setWebgl(false)
      return
    }
    // sigma is loaded only where it can draw, and in its own chunk.
    let r: Renderer | null = null
    let cancelled = false
    import('./renderer.ts').then(
      ({ Renderer }) => {
        if (cancelled) return
        try {
          r = new Renderer(graphRef.current, el, {
            onSelect: (key) => setSelected(key),
            onExpand: (key) => expandRef.current(key),
            onLayout: (running) => setLayoutRunning(running),
          })
        } catch {
          setWebgl(false)
          return
        }
        rendererRef.current = r
        // A graph that arrived before sigma did is drawn now.
        if (highlightRef.current) r.setPath(highlightRef.current)
        if (graphRef.current.order > 0) r.runLayout()
      },
      () => {
        if (!cancelled) setRendererFailed(true)
      },
    )
    return () => {
      cancelled = true
      r?.kill()
      rendererRef.current = null
    }
  }, [])

  const kindsKey = net.kinds.join(',')

  // The neighbourhood: refetched when the centre, hops, limit, kinds or date change.
  useEffect(() => {
    const g = graphRef.current
    if (!net.id) {
      g.clear()
      rendererRef.current?.refresh()
      setLoad({ status: 'idle' })
      refreshStats()
      return
    }
    const ctl = new AbortController()
    setLoad({ status: 'loading' })
    getNeighborhood({ id: net.id, hops: net.hops, limit: net.limit, kinds: net.kinds, asOf: net.asOf }, ctl.signal).then(
      (hood) => {
        if (ctl.signal.aborted) return
        rendererRef.current?.stopLayout()
        g.clear()
        setSelected(null)
        setExpanding(null)
        if (!hood) {
          setLoad({ status: 'error', code: 'NOT_FOUND', detail: '' })
          refreshStats()
          return
        }
        merge(g, hood, net.colorBy)
        const center = hood.nodes[0]
        if (center) {
          resize(g, center.key)
          setNames((n) => ({ ...n, [center.id]: center.label }))
        }
        rendererRef.current?.refresh()
        rendererRef.current?.runLayout()
        setLoad({ status: 'done', truncated: hood.truncated })
        refreshStats()
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return
        setLoad({ status: 'error', ...errorOf(err) })
      },
    )
    return () => ctl.abort()
    // colorBy is applied by its own effect; kindsKey stands for kinds.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [net.id, net.hops, net.limit, kindsKey, net.asOf, attempt, refreshStats])

  useEffect(() => {
    recolor(graphRef.current, net.colorBy)
    rendererRef.current?.refresh()
  }, [net.colorBy])

  // expand fetches a node's own neighbourhood and merges it in.
  const expand = useCallback(
    (key: string) => {
      const g = graphRef.current
      if (!g.hasNode(key)) return
      const node = g.getNodeAttribute(key, 'node')
      if (!expandable.includes(node.kind)) return
      setExpanding({ key })
      getNeighborhood({ id: node.id, hops: 1, limit: 300, kinds: net.kinds, asOf: net.asOf }).then(
        (hood) => {
          const added = hood ? merge(g, hood, net.colorBy) : 0
          const center = g.findNode((_k, a) => a.node.distance === 0)
          resize(g, center)
          rendererRef.current?.refresh()
          if (added > 0) rendererRef.current?.runLayout()
          setExpanding({ key, added })
          refreshStats()
        },
        (err: unknown) => setExpanding({ key, error: errorOf(err) }),
      )
    },
    [net.kinds, net.asOf, net.colorBy, refreshStats],
  )
  expandRef.current = expand

  // The path between two people, with the links the relationship filter allows.
  useEffect(() => {
    if (!net.from || !net.to) {
      setPathLoad({ status: 'idle' })
      return
    }
    const ctl = new AbortController()
    setPathLoad({ status: 'loading' })
    getPath({ from: net.from, to: net.to, kinds: pathKinds(net.kinds), maxHops, asOf: net.asOf }, ctl.signal).then(
      (path) => {
        if (ctl.signal.aborted) return
        if (path) {
          const people = Object.fromEntries(path.people.map((p) => [p.id, p.name]))
          setNames((n) => ({ ...n, ...people }))
        }
        setPathLoad({ status: 'done', path })
      },
      (err: unknown) => {
        if (ctl.signal.aborted) return
        setPathLoad({ status: 'error', ...errorOf(err) })
      },
    )
    return () => ctl.abort()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [net.from, net.to, kindsKey, net.asOf])

  // Highlight the path on the graph, again whenever the graph is reloaded.
  const pathFound = pathLoad.status === 'done' ? pathLoad.path : null
  useEffect(() => {
    const r = rendererRef.current
    if (!pathFound) {
      highlightRef.current = null
      r?.setPath(null)
      return
    }
    const before = graphRef.current.order
    const h = addPath(graphRef.current, pathFound, net.colorBy)
    highlightRef.current = h
    r?.setPath(h)
    if (graphRef.current.order !== before) {
      r?.refresh()
      r?.resetCamera()
      refreshStats()
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pathFound, stats.version === 0 ? 0 : load.status === 'done' ? stats.version : -1])

  useEffect(() => {
    rendererRef.current?.setSelected(selected)
  }, [selected])

  const select = (key: string) => {
    setSelected(key)
    rendererRef.current?.focusNode(key)
  }

  const nameOf = (id: string | null) => (id ? (names[id] ?? id) : '')

  return (
    <section className="network-page" aria-labelledby="network-heading">
      <h1 id="network-heading" ref={heading} tabIndex={-1}>
        {t('network.title')}
      </h1>
      <p className="network-intro">{t('network.intro')}</p>

      <Controls net={net} update={update} nameOf={nameOf} onName={(id, name) => setNames((n) => ({ ...n, [id]: name }))} />

      <div className="net-body">
        <div className="net-main">
          <div className="net-statusbar" aria-live="polite">
            {load.status === 'idle' && <p className="status">{t('network.empty')}</p>}
            {load.status === 'loading' && (
              <p className="status" role="status">
                {t('network.loading')}
              </p>
            )}
            {load.status === 'error' && (
              <div className="error" role="alert">
                <p>{messageFor(load.code, load.detail)}</p>
                {load.code !== 'NOT_FOUND' && load.code !== 'BAD_USER_INPUT' && (
                  <button type="button" onClick={() => setAttempt((n) => n + 1)}>
                    {t('common.tryAgain')}
                  </button>
                )}
              </div>
            )}
            {load.status === 'done' && (
              <p className="status net-stats">
                <span data-testid="net-count">{t('network.stats', { nodes: stats.nodes, edges: stats.edges })}</span>
                {load.truncated && <span> · {t('network.truncated')}</span>}
                {stats.nodes <= 1 && <span> · {t('network.alone')}</span>}
                {layoutRunning && <span> · {t('network.arranging')}</span>}
              </p>
            )}
          </div>
          {!webgl && (
            <p className="error net-nowebgl" role="alert">
              {t('network.noWebgl')}
            </p>
          )}
          {rendererFailed && (
            <p className="error" role="alert">
              {t('app.viewFailed')}
            </p>
          )}
          <div
            ref={canvasRef}
            className="net-canvas"
            role="img"
            aria-label={t('network.canvasLabel')}
            data-layout={layoutRunning ? 'running' : 'done'}
            hidden={!webgl}
          />
          {webgl && <Toolbar renderer={rendererRef} disabled={stats.nodes === 0} fileName={net.id ?? 'network'} />}
          <Legend colorBy={net.colorBy} />
        </div>

        <aside className="net-side">
          <FindInGraph graph={graphRef.current} version={stats.version} onSelect={select} />
          <Details
            graph={graphRef.current}
            selected={selected}
            version={stats.version}
            expanding={expanding}
            onExpand={expand}
            onCentre={(id) => update({ id })}
            onPathEnd={(end, id, name) => {
              setNames((n) => ({ ...n, [id]: name }))
              update(end === 'from' ? { from: id } : { to: id })
            }}
          />
          <PathPanel net={net} update={update} nameOf={nameOf} onName={(id, name) => setNames((n) => ({ ...n, [id]: name }))} load={pathLoad} onSelect={select} />
        </aside>
      </div>
    </section>
  )
}

interface ControlsProps {
  net: NetState
  update: (patch: Partial<NetState>) => void
  nameOf: (id: string | null) => string
  onName: (id: string, name: string) => void
}

function Controls({ net, update, nameOf, onName }: ControlsProps) {
  const { t } = useTranslation()
  const [year, setYear] = useState(net.asOf ? Number(net.asOf.slice(0, 4)) : nowStop)

  useEffect(() => {
    setYear(net.asOf ? Number(net.asOf.slice(0, 4)) : nowStop)
  }, [net.asOf])

  // The slider refetches once it rests, not at every step.
  useEffect(() => {
    const want = year >= nowStop ? null : String(year)
    if (want === (net.asOf ? net.asOf.slice(0, 4) : null)) return
    const timer = setTimeout(() => update({ asOf: want }), 350)
    return () => clearTimeout(timer)
  }, [year, net.asOf, update])

  const toggleKind = (k: NetworkEdgeType, on: boolean) => {
    const current = net.kinds.length === 0 ? [...networkEdgeTypes] : net.kinds
    const next = on ? [...current, k] : current.filter((x) => x !== k)
    const ordered = networkEdgeTypes.filter((x) => next.includes(x))
    // All checked is the same as no filter; none checked is not allowed.
    if (ordered.length === 0) return
    update({ kinds: ordered.length === networkEdgeTypes.length ? [] : ordered })
  }
  const checked = (k: NetworkEdgeType) => net.kinds.length === 0 || net.kinds.includes(k)

  return (
    <div className="net-controls">
      <Picker
        inputId="network-centre"
        label={t('network.centre')}
        placeholder={t('network.centrePlaceholder')}
        labs
        value={net.id ? { id: net.id, name: nameOf(net.id) } : null}
        onPick={(hit) => {
          if (hit) onName(hit.id, hit.name)
          update({ id: hit?.id ?? null })
        }}
      />
      <div className="net-row">
        <label>
          {t('network.hops')}{' '}
          <select value={net.hops} onChange={(e) => update({ hops: Number(e.target.value) })}>
            {[1, 2, 3].map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('network.limit')}{' '}
          <select value={net.limit} onChange={(e) => update({ limit: Number(e.target.value) })}>
            {[...new Set([...limits, net.limit])].map((l) => (
              <option key={l} value={l}>
                {t('network.limitNodes', { count: l })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('network.colorBy')}{' '}
          <select value={net.colorBy} onChange={(e) => update({ colorBy: e.target.value === 'lab' ? 'lab' : 'kind' })}>
            <option value="kind">{t('network.colorKind')}</option>
            <option value="lab">{t('network.colorLab')}</option>
          </select>
        </label>
        <label className="net-year">
          {t('network.asOf')}{' '}
          <input
            type="range"
            min={firstYear}
            max={nowStop}
            step={1}
            value={year}
            aria-valuetext={year >= nowStop ? t('network.asOfNow') : String(year)}
            onChange={(e) => setYear(Number(e.target.value))}
          />
          <output>{year >= nowStop ? t('network.asOfNow') : year}</output>
        </label>
      </div>
      <details className="net-kinds">
        <summary>
          {t('network.kinds')}: {net.kinds.length === 0 ? t('network.kindsAll') : t('network.kindsSome', { count: net.kinds.length, total: networkEdgeTypes.length })}
        </summary>
        <fieldset>
          <legend className="visually-hidden">{t('network.kinds')}</legend>
          {networkEdgeTypes.map((k) => (
            <label key={k}>
              <input type="checkbox" value={k} checked={checked(k)} onChange={(e) => toggleKind(k, e.target.checked)} /> {t(`network.edge.${k}`)}
            </label>
          ))}
          {net.kinds.length > 0 && (
            <button type="button" onClick={() => update({ kinds: [] })}>
              {t('network.kindsReset')}
            </button>
          )}
        </fieldset>
      </details>
    </div>
  )
}

function Toolbar({ renderer, disabled, fileName }: { renderer: React.RefObject<Renderer | null>; disabled: boolean; fileName: string }) {
  const { t } = useTranslation()
  const download = (href: string, name: string) => {
    const a = document.createElement('a')
    a.href = href
    a.download = name
    document.body.append(a)
    a.click()
    a.remove()
  }
  const png = async () => {
    const blob = await renderer.current?.png()
    if (!blob) return
    const url = URL.createObjectURL(blob)
    download(url, `${fileName}.png`)
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
  const svg = () => {
    const text = renderer.current?.svg()
    if (!text) return
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }))
    download(url, `${fileName}.svg`)
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
  return (
    <div className="net-toolbar" role="toolbar" aria-label={t('network.title')}>
      <button type="button" onClick={() => renderer.current?.zoom(0.5)} disabled={disabled}>
        {t('network.zoomIn')}
      </button>
      <button type="button" onClick={() => renderer.current?.zoom(2)} disabled={disabled}>
        {t('network.zoomOut')}
      </button>
      <button type="button" onClick={() => renderer.current?.resetCamera()} disabled={disabled}>
        {t('network.fit')}
      </button>
      <button type="button" onClick={() => renderer.current?.runLayout()} disabled={disabled}>
        {t('network.relayout')}
      </button>
      <button type="button" onClick={() => void png()} disabled={disabled}>
        {t('network.exportPng')}
      </button>
      <button type="button" onClick={svg} disabled={disabled}>
        {t('network.exportSvg')}
      </button>
    </div>
  )
}

function Legend({ colorBy }: { colorBy: 'kind' | 'lab' }) {
  const { t } = useTranslation()
  if (colorBy !== 'kind') return null
  return (
    <ul className="net-legend" aria-label={t('network.legend')}>
      {(Object.keys(kindColors) as NetworkNodeKind[]).map((k) => (
        <li key={k}>
          <span className="net-swatch" style={{ background: kindColors[k] }} aria-hidden="true" />
          {t(`network.nodeKind.${k}`)}
        </li>
      ))}
    </ul>
  )
}

function FindInGraph({ graph, version, onSelect }: { graph: NetGraph; version: number; onSelect: (key: string) => void }) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const matches = useMemo(() => {
    const needle = q.trim().toLowerCase()
    if (!needle) return []
    const out: { key: string; label: string }[] = []
    graph.forEachNode((key, a) => {
      if (out.length < 12 && a.label.toLowerCase().includes(needle)) out.push({ key, label: a.label })
    })
    return out
    // version says the graph changed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q, graph, version])
  return (
    <div className="net-find">
      <label htmlFor="network-find">{t('network.find')}</label>
      <input id="network-find" type="search" value={q} placeholder={t('network.findPlaceholder')} onChange={(e) => setQ(e.target.value)} disabled={version === 0} />
      {q.trim() && matches.length === 0 && <p className="status">{t('network.findNone')}</p>}
      {matches.length > 0 && (
        <ul>
          {matches.map((m) => (
            <li key={m.key}>
              <button type="button" onClick={() => onSelect(m.key)} translate="no">
                {m.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

interface DetailsProps {
  graph: NetGraph
  selected: string | null
  version: number
  expanding: { key: string; added?: number; error?: { code: string; detail: string } } | null
  onExpand: (key: string) => void
  onCentre: (id: string) => void
  onPathEnd: (end: 'from' | 'to', id: string, name: string) => void
}

function Details({ graph, selected, expanding, onExpand, onCentre, onPathEnd }: DetailsProps) {
  const { t } = useTranslation()
  const lang = currentLang()
  const node = selected && graph.hasNode(selected) ? graph.getNodeAttribute(selected, 'node') : null
  return (
    <section className="net-details" aria-labelledby="net-details-heading">
      <h2 id="net-details-heading">{t('network.details')}</h2>
      {!node || !selected ? (
        <p className="status">{t('network.noSelection')}</p>
      ) : (
        <>
          <p className="net-node-name" translate="no">
            {node.label}
          </p>
          <p className="net-node-meta">
            <span className="net-swatch" style={{ background: kindColors[node.kind] }} aria-hidden="true" />
            {t(`network.nodeKind.${node.kind}`)}
            {node.labKind ? ` · ${node.labKind}` : ''}
            {node.distance >= 0 && ` · ${t('network.distance', { count: node.distance })}`}
          </p>
          {node.currentLab && <p>{t('network.currentLab', { lab: node.currentLab.name })}</p>}
          {node.year != null && <p>{t('network.year', { year: node.year })}</p>}
          {node.date && <p>{t('network.date', { date: formatPartial(node.date, lang) })}</p>}
          {node.kind === 'PERSON' && (
            <p>
              <a href={personHash(node.id, lang)}>{t('network.openPerson')}</a>
            </p>
          )}
          <div className="net-actions">
            {expandable.includes(node.kind) && (
              <button type="button" onClick={() => onExpand(selected)} disabled={expanding?.key === selected && expanding.added === undefined && !expanding.error}>
                {t('network.expand')}
              </button>
            )}
            {(node.kind === 'PERSON' || node.kind === 'LAB') && node.distance !== 0 && (
              <button type="button" onClick={() => onCentre(node.id)}>
                {t('network.centreHere')}
              </button>
            )}
            {node.kind === 'PERSON' && (
              <>
                <button type="button" onClick={() => onPathEnd('from', node.id, node.label)}>
                  {t('network.pathFromHere')}
                </button>
                <button type="button" onClick={() => onPathEnd('to', node.id, node.label)}>
                  {t('network.pathToHere')}
                </button>
              </>
            )}
          </div>
          {expanding?.key === selected && (
            <p className="status" role="status">
              {expanding.error
                ? messageFor(expanding.error.code, expanding.error.detail)
                : expanding.added === undefined
                  ? t('network.expanding')
                  : t('network.expanded', { count: expanding.added })}
            </p>
          )}
        </>
      )}
    </section>
  )
}

interface PathPanelProps {
  net: NetState
  update: (patch: Partial<NetState>) => void
  nameOf: (id: string | null) => string
  onName: (id: string, name: string) => void
  load: PathLoad
  onSelect: (key: string) => void
}

function PathPanel({ net, update, nameOf, onName, load, onSelect }: PathPanelProps) {
  const { t } = useTranslation()
  const lang = currentLang()
  return (
    <section className="net-path" aria-labelledby="net-path-heading">
      <h2 id="net-path-heading">{t('network.path')}</h2>
      <Picker
        inputId="network-path-from"
        label={t('network.pathFrom')}
        placeholder={t('network.pathPersonPlaceholder')}
        labs={false}
        value={net.from ? { id: net.from, name: nameOf(net.from) } : null}
        onPick={(hit) => {
          if (hit) onName(hit.id, hit.name)
          update({ from: hit?.id ?? null })
        }}
      />
      <Picker
        inputId="network-path-to"
        label={t('network.pathTo')}
        placeholder={t('network.pathPersonPlaceholder')}
        labs={false}
        value={net.to ? { id: net.to, name: nameOf(net.to) } : null}
        onPick={(hit) => {
          if (hit) onName(hit.id, hit.name)
          update({ to: hit?.id ?? null })
        }}
      />
      {(net.from || net.to) && (
        <button type="button" onClick={() => update({ from: null, to: null })}>
          {t('network.pathClear')}
        </button>
      )}
      <div aria-live="polite">
        {load.status === 'loading' && <p className="status">{t('network.pathLoading')}</p>}
        {load.status === 'error' && (
          <p className="error" role="alert">
            {messageFor(load.code, load.detail)}
          </p>
        )}
        {load.status === 'done' && !load.path && <p className="status">{t('network.pathNone', { hops: maxHops })}</p>}
        {load.status === 'done' && load.path && (
          <>
            <p className="status">{t('network.pathFound', { count: load.path.steps.length })}</p>
            <ol className="net-steps">
              {load.path.steps.map((s, i) => {
                const via = s.viaLab?.name ?? s.viaPaper?.title ?? ''
                // For RECRUITED and ADVISED, inverse says the second did it to the first.
                const [a, b] = s.inverse ? [s.to.name, s.from.name] : [s.from.name, s.to.name]
                const period = s.start || s.end ? formatPeriod(s.start, s.end, lang) : ''
                return (
                  <li key={i} className="net-step">
                    <span className="net-step-people">
                      <button type="button" className="link-button" onClick={() => onSelect(`PERSON:${s.from.id}`)} translate="no">
                        {s.from.name}
                      </button>
                      {' → '}
                      <button type="button" className="link-button" onClick={() => onSelect(`PERSON:${s.to.id}`)} translate="no">
                        {s.to.name}
                      </button>
                    </span>
                    <span className="net-step-kind">
                      {t(`network.link.${s.kind}`, { via, a, b })}
                      {period && ` (${period})`}
                    </span>
                    <Sources sources={s.sources} about={`${s.from.name} – ${s.to.name}`} />
                  </li>
                )
              })}
            </ol>
          </>
        )}
      </div>
    </section>
  )
}
