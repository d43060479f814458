// renderer.ts wraps sigma (WebGL) and the ForceAtlas2 layout. The page
// creates one Renderer per canvas and talks to it through methods: the graph
// changes in place and sigma redraws without React.
import forceAtlas2 from 'graphology-layout-forceatlas2'
import FA2Layout from 'graphology-layout-forceatlas2/worker'
import Sigma from 'sigma'
import type { EdgeDisplayData, NodeDisplayData } from 'sigma/types'
import { EdgeBandProgram } from './band.ts'
import { NodeDiscProgram } from './disc.ts'
import { pauseHoverWhileDragging } from './hover.ts'
import { edgeColor, pathColor, toSVG, type Caption, type Drawn, type EdgeAttrs, type NetGraph, type NodeAttrs } from './graph.ts'

export interface Highlight {
  nodes: Set<string>
  edges: Set<string>
}

export interface RendererEvents {
  onSelect: (key: string | null) => void
  onExpand: (key: string) => void
  onLayout: (running: boolean) => void
}

const dim = '#e3e7ec'

export class Renderer {
  readonly sigma: Sigma<NodeAttrs, EdgeAttrs>
  private layout: FA2Layout | null = null
  private timer: ReturnType<typeof setTimeout> | null = null
  private hovered: string | null = null
  private selected: string | null = null
  private path: Highlight | null = null
  // Edges of a big graph are hidden while its layout runs.
  private hideEdges = false
  private killed = false

  constructor(
    private readonly graph: NetGraph,
    container: HTMLElement,
    private readonly events: RendererEvents,
  ) {
    this.sigma = new Sigma<NodeAttrs, EdgeAttrs>(graph, container, {
      // Labels for the big nodes; every other one on hover.
      // Every node's name at a normal zoom; sigma's label grid thins them
      // only where they would crowd one cell.
      labelRenderedSizeThreshold: 0,
      labelDensity: 1,
      labelGridCellSize: 80,
      // While the camera moves, draw nodes only: panning a big graph stays
      // smooth, and everything is drawn again once it rests.
      hideEdgesOnMove: true,
      hideLabelsOnMove: true,
      labelFont: 'system-ui, sans-serif',
      labelColor: { color: '#1b1f24' },
      zIndex: true,
      // Room for the labels of the outermost nodes.
      stagePadding: 60,
      defaultEdgeType: 'line',
      // Nodes as discs and edges as bands, each kind in one draw call where
      // sigma's circles and rectangles take one per item: the same picture,
      // and panning 5,000 nodes in software WebGL at the display's 60
      // frames/s instead of 18 (disc.ts and band.ts say why).
      nodeProgramClasses: { circle: NodeDiscProgram },
      edgeProgramClasses: { line: EdgeBandProgram },
      nodeReducer: (key, data) => this.nodeReducer(key, data),
      edgeReducer: (key, data) => this.edgeReducer(key, data),
    })
    this.sigma.on('clickNode', ({ node }) => events.onSelect(node))
    this.sigma.on('clickStage', () => events.onSelect(null))
    this.sigma.on('doubleClickNode', (e) => {
      e.preventSigmaDefault()
      events.onExpand(e.node)
    })
    this.sigma.on('enterNode', ({ node }) => {
      const was = this.hovered
      this.hovered = node
      container.style.cursor = 'pointer'
      this.repaint(was, node)
    })
    this.sigma.on('leaveNode', () => {
      const was = this.hovered
      this.hovered = null
      container.style.cursor = ''
      this.repaint(was)
    })
    pauseHoverWhileDragging(this.sigma.getMouseCaptor())
  }

  // repaint redraws only the nodes given and their edges: at 5,000 nodes a
  // full refresh on every hover would stall the pointer.
  private repaint(...keys: (string | null)[]) {
    const nodes = keys.filter((k): k is string => k !== null && this.graph.hasNode(k))
    const edges = new Set<string>()
    for (const n of nodes) this.graph.forEachEdge(n, (e) => void edges.add(e))
    try {
      this.sigma.refresh({ partialGraph: { nodes, edges: [...edges] }, skipIndexation: true })
    } catch {
      // A node sigma has not indexed yet: index everything.
      this.sigma.refresh()
    }
  }

  private nodeReducer(key: string, data: NodeAttrs): Partial<NodeDisplayData> {
    const res: Partial<NodeDisplayData> & NodeAttrs = { ...data }
    if (this.path) {
      if (this.path.nodes.has(key)) {
        res.forceLabel = true
        res.zIndex = 2
        res.highlighted = true
      } else {
        res.color = dim
        res.label = ''
        res.zIndex = 0
      }
    }
    if (key === this.selected || key === this.hovered) {
      res.highlighted = true
      res.forceLabel = true
      res.zIndex = 3
    }
    return res
  }

  private edgeReducer(key: string, data: EdgeAttrs): Partial<EdgeDisplayData> {
    const res: Partial<EdgeDisplayData> & EdgeAttrs = { ...data }
    if (this.hideEdges) return { ...res, hidden: true }
    if (this.path) {
      if (this.path.edges.has(key)) {
        res.color = pathColor
        res.size = 3
        res.zIndex = 2
      } else {
        res.color = '#eef0f3'
        res.zIndex = 0
      }
    } else if (data.synthetic) {
      res.hidden = true
    }
    const ends = this.hovered ?? this.selected
    if (ends && !this.path && this.graph.hasExtremity(key, ends)) {
      res.color = '#5b6572'
      res.size = 1.5
      res.zIndex = 1
    }
    return res
  }

  // rest draws the picture at rest once a camera animation is over. sigma
  // draws a frame only when the camera's state changes, and hides edges and
  // labels in the frames drawn while it is animated: an animation that
  // changes nothing (fitting a view that already fits, as after laying out a
  // small graph) left the last frame, drawn mid-animation, without them
  // until the next redraw.
  private rest(animation: Promise<void>) {
    void animation.then(() => {
      if (!this.killed) this.sigma.scheduleRender()
    })
  }

  setSelected(key: string | null) {
    const was = this.selected
    this.selected = key
    this.repaint(was, key)
  }

  setPath(h: Highlight | null) {
    this.path = h
    this.sigma.refresh()
  }

  // runLayout runs ForceAtlas2 for a bounded time: synchronously for small
  // graphs, in a web worker for big ones so the page stays responsive.
  runLayout(fit = true) {
    this.stopLayout()
    const n = this.graph.order
    if (n === 0) return
    const big = n > 2000
    const settings = { ...forceAtlas2.inferSettings(this.graph), barnesHutOptimize: n > 500 }
    if (n <= 400) {
      forceAtlas2.assign(this.graph, { iterations: n < 100 ? 300 : 150, settings })
      if (fit) this.rest(this.sigma.getCamera().animatedReset({ duration: 200 }))
      this.events.onLayout(false)
      return
    }
    this.layout = new FA2Layout(this.graph, { settings })
    this.hideEdges = big
    this.layout.start()
    this.events.onLayout(true)
    this.timer = setTimeout(
      () => {
        this.stopLayout()
        if (fit) this.rest(this.sigma.getCamera().animatedReset({ duration: 200 }))
      },
      Math.min(6000, 1500 + n),
    )
  }

  stopLayout() {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    if (this.layout) {
      this.layout.kill()
      this.layout = null
      if (this.hideEdges) {
        this.hideEdges = false
        this.sigma.refresh()
      }
      this.events.onLayout(false)
    }
  }

  refresh() {
    this.sigma.refresh()
  }

  focusNode(key: string) {
    const pos = this.sigma.getNodeDisplayData(key)
    if (pos) this.rest(this.sigma.getCamera().animate({ x: pos.x, y: pos.y, ratio: 0.5 }, { duration: 300 }))
  }

  zoom(by: number) {
    const cam = this.sigma.getCamera()
    this.rest(by > 1 ? cam.animatedUnzoom({ duration: 150 }) : cam.animatedZoom({ duration: 150 }))
  }

  resetCamera() {
    this.rest(this.sigma.getCamera().animatedReset({ duration: 200 }))
  }

  // png is the SVG export drawn at twice the screen's size, so the picture
  // has the same labels and caption, sharp enough to print.
  async png(caption: Caption, scale = 2): Promise<Blob | null> {
    const text = this.svg(caption)
    const img = new Image()
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }))
    try {
      img.src = url
      await img.decode()
      const out = document.createElement('canvas')
      out.width = Math.round(img.naturalWidth * scale)
      out.height = Math.round(img.naturalHeight * scale)
      const ctx = out.getContext('2d')
      if (!ctx) return null
      ctx.scale(scale, scale)
      ctx.drawImage(img, 0, 0)
      return await new Promise((resolve) => out.toBlob(resolve, 'image/png'))
    } finally {
      URL.revokeObjectURL(url)
    }
  }

  // svg draws what is on screen from the node and edge positions.
  svg(caption?: Caption): string {
    const { width, height } = this.sigma.getDimensions()
    const d: Drawn = { nodes: [], edges: [] }
    const ratio = this.sigma.getCamera().ratio
    const pos = new Map<string, { x: number; y: number; size: number; color: string; label: string; hidden: boolean }>()
    this.graph.forEachNode((key) => {
      const dd = this.sigma.getNodeDisplayData(key)
      if (!dd) return
      const p = this.sigma.framedGraphToViewport({ x: dd.x, y: dd.y })
      const size = this.sigma.scaleSize(dd.size, ratio)
      pos.set(key, { x: p.x, y: p.y, size, color: dd.color, label: dd.label ?? '', hidden: !!dd.hidden })
      if (!dd.hidden) d.nodes.push({ key, x: p.x, y: p.y, size, color: dd.color, label: dd.label ?? '', showLabel: !!dd.forceLabel })
    })
    this.graph.forEachEdge((key, _a, s, t) => {
      const dd = this.sigma.getEdgeDisplayData(key)
      const a = pos.get(s)
      const b = pos.get(t)
      if (!dd || dd.hidden || !a || !b) return
      d.edges.push({ x1: a.x, y1: a.y, x2: b.x, y2: b.y, color: dd.color || edgeColor, size: dd.size })
    })
    // Path highlights and hubs on top.
    d.nodes.sort((a, b) => a.size - b.size)
    return toSVG(d, width, height, caption)
  }

  kill() {
    this.killed = true
    this.stopLayout()
    this.sigma.kill()
  }
}
