import { describe, expect, it } from 'vitest'
import { flowRows, rowWindow, yearBars, type Inflows, type Outflows } from './flows.ts'

const lab = (id: string, name: string) => ({ id, name, kind: 'company', country: null })
const move = (id: string) => ({ id, person: { id, name: id, nativeName: null }, date: null, confidence: 'reported', sources: [] })

const inflows: Inflows = {
  count: 3,
  undated: 0,
  flows: [
    { from: lab('a', 'Alpha'), count: 2, buckets: [{ period: '2023', count: 1, moves: [move('m1')] }, { period: '2025', count: 1, moves: [move('m2')] }] },
    { from: null, count: 1, buckets: [{ period: '2025', count: 1, moves: [move('m3')] }] },
  ],
}
const outflows: Outflows = {
  count: 4,
  undated: 1,
  flows: [{ to: lab('b', 'Beta'), count: 4, buckets: [{ period: '2025', count: 4, moves: [move('m4')] }] }],
}

describe('lab flows', () => {
  it('sums each year in both directions, oldest first', () => {
    expect(yearBars(inflows, outflows)).toEqual([
      { period: '2023', in: 1, out: 0 },
      { period: '2025', in: 2, out: 4 },
    ])
  })

  it('lists each year and lab, newest year first, larger counts first', () => {
    expect(flowRows(inflows, outflows).map((r) => `${r.period} ${r.direction} ${r.other?.name ?? '?'} ${r.count}`)).toEqual([
      '2025 out Beta 4',
      '2025 in ? 1',
      '2025 in Alpha 1',
      '2023 in Alpha 1',
    ])
  })
})

describe('a row of the flow table', () => {
  it('reads its period as a date range', () => {
    expect(rowWindow('2025')).toEqual({ since: '2025-01-01', until: '2026-01-01' })
    expect(rowWindow('2025-03')).toEqual({ since: '2025-03-01', until: '2025-04-01' })
    expect(rowWindow('2024-12')).toEqual({ since: '2024-12-01', until: '2025-01-01' })
  })

  it("keeps within the page's window", () => {
    expect(rowWindow('2025', '2025-06', '2025-09-15')).toEqual({ since: '2025-06-01', until: '2025-09-15' })
    expect(rowWindow('2025', '2020', '2030')).toEqual({ since: '2025-01-01', until: '2026-01-01' })
  })
})
