import { useCallback, useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { messageFor } from '../graphql/client.ts'
import { currentLang } from '../i18n.ts'
import { networkHash } from '../route.ts'
import { dataRequest, NetworkContext, pathRequest, type ExpandOutcome, type LoadOutcome, type Outcome, type PathOutcome } from './context.ts'
import { Controls } from './Controls.tsx'
import { GraphDataController, GraphSettingsController, PathController } from './controllers.tsx'
import { newGraph } from './graph.ts'
import { Details, FindInGraph, Legend, PathPanel, Toolbar } from './panels.tsx'
import type { Renderer } from './renderer.ts'
import { stateFromHash, stateParams, type NetState } from './state.ts'
import { webglAvailable } from './webgl.ts'
import './network.css'

function sameState(a: NetState, b: NetState): boolean {
  return JSON.stringify(stateParams(a)) === JSON.stringify(stateParams(b))
}

// NetworkPage is the network view (loaded only when its route is opened, see
// App.tsx): it holds the page's state, which lives in the URL, and lays out
// the graph, its controllers and its panels (context.ts says how they split).
export default function NetworkPage() {
  const { t } = useTranslation()
  const heading = useRef<HTMLHeadingElement>(null)
  const [net, setNet] = useState<NetState>(() => stateFromHash(window.location.hash))
  const [names, setNames] = useState<Record<string, string>>({})
  // The graph lives outside React state: sigma draws it.
  const [graph] = useState(newGraph)
  const [renderer, setRenderer] = useState<Renderer | null>(null)
  const [webgl] = useState(webglAvailable)
  const [rendererFailed, setRendererFailed] = useState(false)
  const [layoutRunning, setLayoutRunning] = useState(false)
  const [attempt, setAttempt] = useState(0)
  const [loaded, setLoaded] = useState<Outcome<LoadOutcome> | null>(null)
  const [pathOutcome, setPathOutcome] = useState<Outcome<PathOutcome> | null>(null)
  const [expanding, setExpanding] = useState<ExpandOutcome | null>(null)

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
      // A new centre, depth, size, kinds or date is a new graph: what was
      // expanded or selected in the old one does not carry over.
      if (dataRequest(next, 0) !== dataRequest(prev, 0)) {
        if (!('expanded' in patch)) next.expanded = []
        if (!('selected' in patch)) next.selected = null
      }
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

  const select = useCallback((key: string | null) => update({ selected: key }), [update])
  const expand = useCallback((key: string) => setNet((prev) => (prev.expanded.includes(key) ? prev : withUrl({ ...prev, expanded: [...prev.expanded, key] }))), [])

  // The canvas: one renderer for the page's lifetime, where WebGL works.
  const canvasRef = useRef<HTMLDivElement>(null)
  const events = useRef({ select, expand })
  useEffect(() => {
    events.current = { select, expand }
  }, [select, expand])
  useEffect(() => {
    const el = canvasRef.current
    if (!el || !webgl) return
    // sigma is loaded only where it can draw, and in its own chunk.
    let r: Renderer | null = null
    let cancelled = false
    import('./renderer.ts').then(
      ({ Renderer }) => {
        if (cancelled) return
        try {
          r = new Renderer(graph, el, {
            onSelect: (key) => events.current.select(key),
            onExpand: (key) => events.current.expand(key),
            onLayout: (running) => setLayoutRunning(running),
          })
        } catch {
          setRendererFailed(true)
          return
        }
        // A graph that arrived before sigma did is drawn now.
        if (graph.order > 0) r.runLayout()
        setRenderer(r)
      },
      () => {
        if (!cancelled) setRendererFailed(true)
      },
    )
    return () => {
      cancelled = true
      r?.kill()
    }
  }, [graph, webgl])

  const request = dataRequest(net, attempt)
  const load: { status: 'idle' } | { status: 'loading' } | LoadOutcome = !net.id
    ? { status: 'idle' }
    : loaded?.request === request
      ? loaded.value
      : { status: 'loading' }
  const pathLoad: { status: 'idle' } | { status: 'loading' } | PathOutcome =
    !net.from || !net.to ? { status: 'idle' } : pathOutcome?.request === pathRequest(net) ? pathOutcome.value : { status: 'loading' }
  const graphVersion = load.status === 'done' ? load.nodes * 100003 + load.edges : 0
  const onName = useCallback((id: string, name: string) => setNames((n) => (n[id] === name ? n : { ...n, [id]: name })), [])
  const nameOf = (id: string | null) => (id ? (names[id] ?? id) : '')
  const focus = (key: string) => {
    select(key)
    renderer?.focusNode(key)
  }

  return (
    <NetworkContext value={{ graph, renderer }}>
      <GraphDataController
        net={net}
        attempt={attempt}
        onLoaded={(req, value) => setLoaded({ request: req, value })}
        onExpanded={setExpanding}
        onName={onName}
      />
      <PathController net={net} graphVersion={graphVersion} onPath={(req, value) => setPathOutcome({ request: req, value })} onName={onName} />
      <GraphSettingsController colorBy={net.colorBy} selected={net.selected} />

      <section className="network-page" aria-labelledby="network-heading">
        <h1 id="network-heading" ref={heading} tabIndex={-1}>
          {t('network.title')}
        </h1>
        <p className="network-intro">{t('network.intro')}</p>

        <Controls net={net} update={update} nameOf={nameOf} onName={onName} />

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
                  <span data-testid="net-count">{t('network.stats', { nodes: load.nodes, edges: load.edges })}</span>
                  {load.truncated && <span> · {t('network.truncated')}</span>}
                  {load.nodes <= 1 && <span> · {t('network.alone')}</span>}
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
            {webgl && (
              <Toolbar
                renderer={renderer}
                disabled={load.status !== 'done' || load.nodes === 0}
                fileName={net.id ?? 'network'}
                title={net.id ? t('network.exportTitle', { name: nameOf(net.id) }) : t('network.title')}
                colorBy={net.colorBy}
                asOf={net.asOf}
              />
            )}
            <Legend colorBy={net.colorBy} />
          </div>

          <aside className="net-side">
            <FindInGraph graph={graph} version={graphVersion} onSelect={focus} />
            <Details
              graph={graph}
              selected={net.selected}
              version={graphVersion}
              expanding={expanding}
              onExpand={expand}
              onCentre={(id) => update({ id })}
              onPathEnd={(end, id, name) => {
                onName(id, name)
                update(end === 'from' ? { from: id } : { to: id })
              }}
            />
            <PathPanel net={net} update={update} nameOf={nameOf} onName={onName} load={pathLoad} onSelect={focus} />
          </aside>
        </div>
      </section>
    </NetworkContext>
  )
}

// withUrl writes a state reached without update (an expansion) to the URL.
function withUrl(next: NetState): NetState {
  window.history.replaceState(window.history.state, '', networkHash(stateParams(next), currentLang()))
  return next
}
