// The network page's controllers: components that draw nothing and keep one
// concern of the graph in step with the page's state (see context.ts).

import { useEffect, useEffectEvent, useRef } from 'react'
import { getNeighborhood, getPath, type Path } from './api.ts'
import { dataRequest, errorOf, expandable, maxHops, pathRequest, useNetwork, type ExpandOutcome, type LoadOutcome, type PathOutcome } from './context.ts'
import { addPath, merge, recolor, resize } from './graph.ts'
import { pathKinds, type NetState } from './state.ts'

interface GraphDataProps {
  net: NetState
  attempt: number
  onLoaded: (request: string, outcome: LoadOutcome) => void
  onExpanded: (outcome: ExpandOutcome) => void
  onName: (id: string, name: string) => void
}

// GraphDataController fills the graph: the neighbourhood of the centre when
// it, the hops, limit, kinds or date change, then each node the URL says was
// expanded, and each node expanded later, merged in as it arrives.
export function GraphDataController({ net, attempt, onLoaded, onExpanded, onName }: GraphDataProps) {
  const { graph, renderer } = useNetwork()
  const request = dataRequest(net, attempt)
  // The expansions merged into the graph of the current request.
  const merged = useRef<{ request: string; keys: Set<string> }>({ request: '', keys: new Set() })
  const report = useEffectEvent((r: string, o: LoadOutcome) => onLoaded(r, o))
  const reportExpanded = useEffectEvent((o: ExpandOutcome) => onExpanded(o))
  const name = useEffectEvent((id: string, n: string) => onName(id, n))
  const colorBy = useEffectEvent(() => net.colorBy)
  const currentRenderer = useEffectEvent(() => renderer)
  const [id, hops, limit, kinds, asOf] = [net.id, net.hops, net.limit, net.kinds, net.asOf]
  const kindsKey = kinds.join(',')

  useEffect(() => {
    merged.current = { request, keys: new Set() }
    if (!id) {
      graph.clear()
      currentRenderer()?.refresh()
      return
    }
    const ctl = new AbortController()
    const kindList = kindsKey ? (kindsKey.split(',') as NetState['kinds']) : []
    getNeighborhood({ id, hops, limit, kinds: kindList, asOf }, ctl.signal).then(
      (hood) => {
        if (ctl.signal.aborted) return
        const r = currentRenderer()
        r?.stopLayout()
        graph.clear()
        if (!hood) {
          report(request, { status: 'error', code: 'NOT_FOUND', detail: '' })
          return
        }
        merge(graph, hood, colorBy())
        const center = hood.nodes[0]
        if (center) {
          resize(graph, center.key)
          name(center.id, center.label)
        }
        r?.refresh()
        r?.runLayout()
        report(request, { status: 'done', truncated: hood.truncated, nodes: graph.order, edges: graph.size })
      },
      (err: unknown) => {
        if (!ctl.signal.aborted) report(request, { status: 'error', ...errorOf(err) })
      },
    )
    return () => ctl.abort()
  }, [graph, request, id, hops, limit, kindsKey, asOf])

  // Expansions: each node named in net.expanded and not yet merged is
  // fetched and merged, once the graph it belongs to is there.
  const expandedKey = net.expanded.join(',')
  const loaded = graph.order > 0
  useEffect(() => {
    if (!loaded || merged.current.request !== request) return
    const ctl = new AbortController()
    const kindList = kindsKey ? (kindsKey.split(',') as NetState['kinds']) : []
    const pending = (expandedKey ? expandedKey.split(',') : []).filter((k) => !merged.current.keys.has(k) && graph.hasNode(k))
    void (async () => {
      for (const key of pending) {
        const node = graph.getNodeAttribute(key, 'node')
        if (!expandable.includes(node.kind)) continue
        merged.current.keys.add(key)
        reportExpanded({ key })
        try {
          const hood = await getNeighborhood({ id: node.id, hops: 1, limit: 300, kinds: kindList, asOf }, ctl.signal)
          if (ctl.signal.aborted) return
          const added = hood ? merge(graph, hood, colorBy()) : 0
          resize(graph, graph.findNode((_k, a) => a.node.distance === 0))
          const r = currentRenderer()
          r?.refresh()
          if (added > 0) r?.runLayout(false)
          reportExpanded({ key, added })
          report(request, { status: 'done', truncated: false, nodes: graph.order, edges: graph.size })
        } catch (err) {
          if (ctl.signal.aborted) return
          merged.current.keys.delete(key)
          reportExpanded({ key, error: errorOf(err) })
        }
      }
    })()
    return () => ctl.abort()
  }, [graph, request, expandedKey, loaded, kindsKey, asOf])

  return null
}

interface PathProps {
  net: NetState
  // graphVersion changes when the graph is refilled, so the path is drawn
  // on the new one.
  graphVersion: number
  onPath: (request: string, outcome: PathOutcome) => void
  onName: (id: string, name: string) => void
}

// PathController asks for the shortest chain between the two people chosen
// and highlights it on the graph, adding the people it passes through.
export function PathController({ net, graphVersion, onPath, onName }: PathProps) {
  const { graph, renderer } = useNetwork()
  const request = pathRequest(net)
  const report = useEffectEvent((r: string, o: PathOutcome) => onPath(r, o))
  const names = useEffectEvent((people: { id: string; name: string }[]) => people.forEach((p) => onName(p.id, p.name)))
  const pathRef = useRef<Path | null>(null)
  const [from, to, asOf] = [net.from, net.to, net.asOf]
  const kindsKey = net.kinds.join(',')
  const colorBy = useEffectEvent(() => net.colorBy)
  const highlight = useEffectEvent(() => {
    const path = pathRef.current
    if (!path) {
      renderer?.setPath(null)
      return
    }
    const before = graph.order
    const h = addPath(graph, path, colorBy())
    renderer?.setPath(h)
    if (graph.order !== before) {
      renderer?.refresh()
      renderer?.resetCamera()
    }
  })

  useEffect(() => {
    pathRef.current = null
    highlight()
    if (!from || !to) return
    const ctl = new AbortController()
    const kinds = pathKinds(kindsKey ? (kindsKey.split(',') as NetState['kinds']) : [])
    getPath({ from, to, kinds, maxHops, asOf }, ctl.signal).then(
      (path) => {
        if (ctl.signal.aborted) return
        if (path) names(path.people)
        pathRef.current = path
        highlight()
        report(request, { status: 'done', path })
      },
      (err: unknown) => {
        if (!ctl.signal.aborted) report(request, { status: 'error', ...errorOf(err) })
      },
    )
    return () => ctl.abort()
  }, [request, from, to, kindsKey, asOf])

  // Again whenever the graph is refilled or the renderer arrives.
  useEffect(() => {
    highlight()
  }, [graphVersion, renderer])

  return null
}

// GraphSettingsController keeps the drawing in step with the view's
// settings: node colours and the selected node.
export function GraphSettingsController({ colorBy, selected }: { colorBy: 'kind' | 'lab'; selected: string | null }) {
  const { graph, renderer } = useNetwork()
  useEffect(() => {
    recolor(graph, colorBy)
    renderer?.refresh()
  }, [graph, renderer, colorBy])
  useEffect(() => {
    renderer?.setSelected(selected)
  }, [renderer, selected])
  return null
}
