// The lab page's moves in and out, shaped for its chart and its table.

import type { LabFlowsInQuery, LabFlowsOutQuery } from '../graphql/generated.ts'

export type Outflows = LabFlowsOutQuery['outflows']
export type Inflows = LabFlowsInQuery['inflows']
type Bucket = Outflows['flows'][number]['buckets'][number]
export type FlowMove = Bucket['moves'][number]

// FlowRow is one line of the table: the moves of one period between the
// lab and one other lab (null when the other end was not reported).
export interface FlowRow {
  direction: 'in' | 'out'
  period: string
  other: { id: string; name: string } | null
  count: number
  // moves are the first of them the API listed; count may be more.
  moves: FlowMove[]
}

// YearBar is one period of the chart: how many came and how many left.
export interface YearBar {
  period: string
  in: number
  out: number
}

// flowRows lists every (period, other lab) of both directions, newest
// period first, then the larger count, then the other lab's name.
export function flowRows(inflows: Inflows, outflows: Outflows): FlowRow[] {
  const rows: FlowRow[] = []
  for (const f of inflows.flows) {
    for (const b of f.buckets) rows.push({ direction: 'in', period: b.period, other: f.from, count: b.count, moves: b.moves })
  }
  for (const f of outflows.flows) {
    for (const b of f.buckets) rows.push({ direction: 'out', period: b.period, other: f.to, count: b.count, moves: b.moves })
  }
  return rows.sort(
    (a, b) => b.period.localeCompare(a.period) || b.count - a.count || (a.other?.name ?? '').localeCompare(b.other?.name ?? ''),
  )
}

// yearBars sums both directions by period, oldest first, for the chart.
export function yearBars(inflows: Inflows, outflows: Outflows): YearBar[] {
  const by = new Map<string, YearBar>()
  const add = (period: string, dir: 'in' | 'out', n: number) => {
    const bar = by.get(period) ?? { period, in: 0, out: 0 }
    bar[dir] += n
    by.set(period, bar)
  }
  for (const f of inflows.flows) for (const b of f.buckets) add(b.period, 'in', b.count)
  for (const f of outflows.flows) for (const b of f.buckets) add(b.period, 'out', b.count)
  return [...by.values()].sort((a, b) => a.period.localeCompare(b.period))
}

// RowWindow is the date range of one row of the table: its period, within
// the page's own window (since, until), as full dates for the API.
export interface RowWindow {
  since: string
  until: string
}

// fullDate pads a partial date (YYYY or YYYY-MM) to its first day.
function fullDate(d: string): string {
  return d.length === 4 ? `${d}-01-01` : d.length === 7 ? `${d}-01` : d
}

// rowWindow gives a row's period ("2025" or "2025-03") as a date range,
// cut to the page's window where that is narrower.
export function rowWindow(period: string, since?: string | null, until?: string | null): RowWindow {
  const start = fullDate(period)
  // A year ends where its December does.
  const y = Number(period.slice(0, 4))
  const m = period.length === 4 ? 12 : Number(period.slice(5, 7))
  const end = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`
  const s = since ? fullDate(since) : ''
  const u = until ? fullDate(until) : ''
  return { since: s > start ? s : start, until: u && u < end ? u : end }
}
