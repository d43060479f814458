// graph.ts turns the API's neighbourhoods into a graphology graph (merging
// expansions), colours and sizes its nodes, and exports it as SVG. No React
// here: the page keeps one graph and mutates it, so 5,000 nodes never pass
// through a render.
import Graph from 'graphology'
import type { Neighborhood, NetworkNode, NetworkNodeKind, Path } from './api.ts'

export interface NodeAttrs {
  x: number
  y: number
  size: number
  color: string
  label: string
  node: NetworkNode
  forceLabel?: boolean
}

export interface EdgeAttrs {
  type?: string
  rel: string
  size: number
  color: string
  start: string | null
  end: string | null
  synthetic?: boolean
}

export type NetGraph = Graph<NodeAttrs, EdgeAttrs>

export function newGraph(): NetGraph {
  return new Graph<NodeAttrs, EdgeAttrs>({ multi: true, type: 'mixed', allowSelfLoops: false })
}

export const kindColors: Record<NetworkNodeKind, string> = {
  PERSON: '#1d4ed8',
  LAB: '#15803d',
  PAPER: '#7c3aed',
  MOVE: '#c2410c',
  OFFER: '#a16207',
  GROUP: '#be185d',
}
export const edgeColor = '#b8c0ca'
export const pathColor = '#d9480f'
const otherColor = '#64748b'

// A fixed palette for labs; a lab always gets the same colour from its id.
const palette = ['#1d4ed8', '#15803d', '#7c3aed', '#c2410c', '#be185d', '#0e7490', '#a16207', '#4d7c0f', '#9333ea', '#b91c1c', '#0369a1', '#047857']

export function labColor(labId: string): string {
  let h = 0
  for (let i = 0; i < labId.length; i++) h = (h * 31 + labId.charCodeAt(i)) | 0
  return palette[Math.abs(h) % palette.length] as string
}

export function nodeColor(n: NetworkNode, by: 'kind' | 'lab'): string {
  if (by === 'kind') return kindColors[n.kind] ?? otherColor
  if (n.kind === 'LAB') return labColor(n.id)
  if (n.kind === 'PERSON' && n.currentLab) return labColor(n.currentLab.id)
  return otherColor
}

// merge adds a neighbourhood's nodes and edges that are not there yet. New
// nodes start on a ring around the node they were reached from (the centre
// of the fetch), so the layout has a sensible start. It returns how many
// nodes were added.
export function merge(g: NetGraph, hood: Neighborhood, colorBy: 'kind' | 'lab'): number {
  const center = hood.nodes[0]
  const origin = center && g.hasNode(center.key) ? g.getNodeAttributes(center.key) : { x: 0, y: 0 }
  let added = 0
  hood.nodes.forEach((n, i) => {
    if (g.hasNode(n.key)) return
    const angle = i * 2.399963 // the golden angle spreads nodes evenly
    const r = 10 * (n.distance || 0) + Math.sqrt(i)
    g.addNode(n.key, {
      x: origin.x + r * Math.cos(angle),
      y: origin.y + r * Math.sin(angle),
      size: 4,
      color: nodeColor(n, colorBy),
      label: n.label,
      node: n,
    })
    added++
  })
  for (const e of hood.edges) {
    if (g.hasEdge(e.id) || !g.hasNode(e.source) || !g.hasNode(e.target) || e.source === e.target) continue
    g.addDirectedEdgeWithKey(e.id, e.source, e.target, { rel: e.type, size: 1, color: edgeColor, start: e.start, end: e.end })
  }
  resize(g)
  return added
}

// resize sizes nodes by degree, so hubs stand out and get labels.
export function resize(g: NetGraph, centerKey?: string) {
  g.forEachNode((key) => {
    const size = Math.min(22, 3 + 1.6 * Math.sqrt(g.degree(key)))
    g.mergeNodeAttributes(key, { size: key === centerKey ? Math.max(size, 12) : size, forceLabel: key === centerKey })
  })
}

export function recolor(g: NetGraph, by: 'kind' | 'lab') {
  g.updateEachNodeAttributes((_k, a) => ({ ...a, color: nodeColor(a.node, by) }))
}

// pathKeys returns the chain of node keys a path runs through: each person,
// and the lab or paper that links two of them.
export function pathChain(path: Path): string[] {
  const chain: string[] = []
  path.steps.forEach((s, i) => {
    if (i === 0) chain.push(`PERSON:${s.from.id}`)
    if (s.viaLab) chain.push(`LAB:${s.viaLab.id}`)
    else if (s.viaPaper) chain.push(`PAPER:${s.viaPaper.id}`)
    chain.push(`PERSON:${s.to.id}`)
  })
  if (chain.length === 0 && path.people[0]) chain.push(`PERSON:${path.people[0].id}`)
  return chain
}

// addPath puts the path's nodes into the graph when the neighbourhood did
// not reach them, and returns the keys of the nodes and edges to highlight.
export function addPath(g: NetGraph, path: Path, colorBy: 'kind' | 'lab'): { nodes: Set<string>; edges: Set<string> } {
  const chain = pathChain(path)
  const labels = new Map<string, string>()
  for (const s of path.steps) {
    labels.set(`PERSON:${s.from.id}`, s.from.name)
    labels.set(`PERSON:${s.to.id}`, s.to.name)
    if (s.viaLab) labels.set(`LAB:${s.viaLab.id}`, s.viaLab.name)
    if (s.viaPaper) labels.set(`PAPER:${s.viaPaper.id}`, s.viaPaper.title)
  }
  // Nodes the neighbourhood did not reach go outward from the last one on
  // the chain that it did, a third of the graph's extent apart, so the path
  // reads as a line leaving the cluster.
  let minX = Infinity
  let maxX = -Infinity
  let minY = Infinity
  let maxY = -Infinity
  let cx = 0
  let cy = 0
  g.forEachNode((_k, a) => {
    minX = Math.min(minX, a.x)
    maxX = Math.max(maxX, a.x)
    minY = Math.min(minY, a.y)
    maxY = Math.max(maxY, a.y)
    cx += a.x / g.order
    cy += a.y / g.order
  })
  const spacing = g.order > 1 ? Math.max(maxX - minX, maxY - minY, 1) / 3 : 10
  let prev: { x: number; y: number } = { x: cx, y: cy }
  chain.forEach((key, i) => {
    if (g.hasNode(key)) {
      prev = g.getNodeAttributes(key)
      return
    }
    const [kind, ...rest] = key.split(':')
    const id = rest.join(':')
    const node: NetworkNode = {
      key,
      id,
      kind: kind as NetworkNodeKind,
      label: labels.get(key) ?? id,
      distance: -1,
      labKind: null,
      topLab: null,
      currentLab: null,
      year: null,
      date: null,
    }
    const dx = prev.x - cx
    const dy = prev.y - cy
    const len = Math.hypot(dx, dy)
    // Away from the centre of mass, turning a little at each step.
    const angle = (len > 0 ? Math.atan2(dy, dx) : 0) + (i % 2 === 0 ? 0.35 : -0.35)
    prev = { x: prev.x + spacing * Math.cos(angle), y: prev.y + spacing * Math.sin(angle) }
    g.addNode(key, { ...prev, size: 6, color: nodeColor(node, colorBy), label: node.label, node })
  })
  const edges = new Set<string>()
  for (let i = 1; i < chain.length; i++) {
    const a = chain[i - 1] as string
    const b = chain[i] as string
    const found = [...g.edges(a, b), ...g.edges(b, a)]
    if (found.length === 0) {
      const key = `path:${a}>${b}`
      if (!g.hasEdge(key)) g.addDirectedEdgeWithKey(key, a, b, { rel: 'PATH', size: 1, color: edgeColor, start: null, end: null, synthetic: true })
      found.push(key)
    }
    for (const e of found) edges.add(e)
  }
  return { nodes: new Set(chain), edges }
}

export interface Drawn {
  nodes: { key: string; x: number; y: number; size: number; color: string; label: string; showLabel: boolean }[]
  edges: { x1: number; y1: number; x2: number; y2: number; color: string; size: number }[]
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

// Caption is what an exported picture says about itself, so it can be
// published on its own: a title, the legend, the date the graph holds for,
// and whose data it is.
export interface Caption {
  title: string
  asOf: string
  legend: { label: string; color: string }[]
  credit: string
}

const labelFont = 12
const captionTop = 40

// placeLabels gives every node a label, biggest nodes first, and leaves out
// only a label that would overlap one already placed.
export function placeLabels(nodes: Drawn['nodes']): Set<string> {
  const placed: { x1: number; y1: number; x2: number; y2: number }[] = []
  const out = new Set<string>()
  for (const n of [...nodes].sort((a, b) => Number(b.showLabel) - Number(a.showLabel) || b.size - a.size)) {
    if (!n.label) continue
    const w = n.label.length * labelFont * 0.55
    const box = { x1: n.x + n.size + 3, y1: n.y - labelFont / 2 - 1, x2: n.x + n.size + 3 + w, y2: n.y + labelFont / 2 + 1 }
    if (!n.showLabel && placed.some((p) => box.x1 < p.x2 && p.x1 < box.x2 && box.y1 < p.y2 && p.y1 < box.y2)) continue
    placed.push(box)
    out.add(n.key)
  }
  return out
}

// toSVG draws nodes and edges at their positions on screen, edges first,
// with every label that does not collide with another; with a caption, a
// title band above and the legend, date and credit below.
export function toSVG(d: Drawn, width: number, height: number, caption?: Caption): string {
  const top = caption ? captionTop : 0
  const bottom = caption ? 24 + 18 * Math.ceil(caption.legend.length / 4) : 0
  const total = height + top + bottom
  const out = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${total}" viewBox="0 0 ${width} ${total}">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
  ]
  if (caption) out.push(`<text x="12" y="26" font-family="system-ui, sans-serif" font-size="18" font-weight="bold" fill="#1b1f24">${esc(caption.title)}</text>`)
  out.push(`<g transform="translate(0 ${top})"><g stroke-linecap="round">`)
  const r = (n: number) => Math.round(n * 10) / 10
  for (const e of d.edges) {
    out.push(`<line x1="${r(e.x1)}" y1="${r(e.y1)}" x2="${r(e.x2)}" y2="${r(e.y2)}" stroke="${e.color}" stroke-width="${r(e.size)}"/>`)
  }
  out.push('</g><g>')
  for (const n of d.nodes) {
    out.push(`<circle cx="${r(n.x)}" cy="${r(n.y)}" r="${r(n.size)}" fill="${n.color}"><title>${esc(n.label)}</title></circle>`)
  }
  out.push(`</g><g font-family="system-ui, sans-serif" font-size="${labelFont}" fill="#1b1f24" stroke="#ffffff" stroke-width="3" paint-order="stroke">`)
  const labelled = placeLabels(d.nodes)
  for (const n of d.nodes) {
    if (labelled.has(n.key)) out.push(`<text x="${r(n.x + n.size + 3)}" y="${r(n.y + 4)}">${esc(n.label)}</text>`)
  }
  out.push('</g></g>')
  if (caption) {
    const y0 = top + height + 16
    out.push('<g font-family="system-ui, sans-serif" font-size="12" fill="#1b1f24">')
    caption.legend.forEach((l, i) => {
      const x = 12 + (i % 4) * Math.max(120, (width - 24) / 4)
      const y = y0 + 18 * Math.floor(i / 4)
      out.push(`<circle cx="${r(x + 5)}" cy="${r(y - 4)}" r="5" fill="${l.color}"/><text x="${r(x + 14)}" y="${r(y)}">${esc(l.label)}</text>`)
    })
    const yEnd = total - 8
    out.push(`<text x="12" y="${yEnd}" fill="#4a5561">${esc(caption.asOf)}</text>`)
    out.push(`<text x="${width - 12}" y="${yEnd}" text-anchor="end" fill="#4a5561">${esc(caption.credit)}</text>`)
    out.push('</g>')
  }
  out.push('</svg>')
  return out.join('\n')
}
