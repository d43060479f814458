// sankey lays out the lab's alumni as a one-to-many flow: the lab on the
// left, each destination on the right, a band per destination as wide as the
// people who went there. With one source there are no crossings to untangle,
// so the layout is a few lines of arithmetic rather than a library.

export interface SankeyInput {
  id: string
  label: string
  count: number
  people: string[]
}

export interface SankeyBand extends SankeyInput {
  // The band's edges where it leaves the lab and where it reaches its
  // destination, top and bottom.
  sy0: number
  sy1: number
  ty0: number
  ty1: number
  path: string
}

export interface SankeyLayout {
  width: number
  height: number
  source: { x: number; y0: number; y1: number }
  targetX: number
  nodeWidth: number
  bands: SankeyBand[]
}

export const sankeyGeometry = {
  width: 760,
  nodeWidth: 12,
  sourceX: 170,
  targetX: 460,
  gap: 8,
  rowHeight: 34,
  minHeight: 220,
}

// layoutSankey keeps the order it is given (most people first, as the API
// sends destinations) and skips destinations with nobody.
export function layoutSankey(items: readonly SankeyInput[]): SankeyLayout {
  const g = sankeyGeometry
  const flows = items.filter((d) => d.count > 0)
  const total = flows.reduce((n, d) => n + d.count, 0)
  const height = Math.max(g.minHeight, flows.length * g.rowHeight + 2 * g.gap)
  const gaps = Math.max(flows.length - 1, 0) * g.gap
  const k = total > 0 ? (height - 2 * g.gap - gaps) / total : 0
  const sourceHeight = total * k
  const sy = (height - sourceHeight) / 2
  let s = sy
  let t = g.gap
  const x0 = g.sourceX + g.nodeWidth
  const x1 = g.targetX
  const xm = (x0 + x1) / 2
  const bands = flows.map((d): SankeyBand => {
    const h = d.count * k
    const band = { ...d, sy0: s, sy1: s + h, ty0: t, ty1: t + h, path: '' }
    band.path =
      `M${x0},${r(band.sy0)}C${xm},${r(band.sy0)} ${xm},${r(band.ty0)} ${x1},${r(band.ty0)}` +
      `L${x1},${r(band.ty1)}C${xm},${r(band.ty1)} ${xm},${r(band.sy1)} ${x0},${r(band.sy1)}Z`
    s += h
    t += h + g.gap
    return band
  })
  return {
    width: g.width,
    height,
    source: { x: g.sourceX, y0: sy, y1: sy + sourceHeight },
    targetX: g.targetX,
    nodeWidth: g.nodeWidth,
    bands,
  }
}

function r(n: number): string {
  return String(Math.round(n * 10) / 10)
}
