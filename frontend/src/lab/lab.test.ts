import { describe, expect, it } from 'vitest'
import type { Alumnus } from './api.ts'
import { parseHash, labHash, labsHash, labsQuery, section } from '../route.ts'
import { alumniCSV } from './csv.ts'
import { formatMoney } from './format.ts'
import { layoutSankey } from './sankey.ts'

describe('lab routes', () => {
  it('round-trips a lab with its window', () => {
    const h = labHash('google deepmind', 'zh', { asOf: '2024', since: '2020', until: '' })
    expect(h).toBe('#/lab/google%20deepmind?asOf=2024&since=2020&lang=zh')
    expect(parseHash(h)).toEqual({ page: 'lab', id: 'google deepmind', asOf: '2024', since: '2020', until: '' })
    expect(section(parseHash(h))).toBe('labs')
  })

  it('keeps the labs search in the hash', () => {
    expect(labsHash('open ai')).toBe('#/labs?q=open+ai')
    expect(labsQuery('#/labs?q=open+ai')).toBe('open ai')
    expect(parseHash('#/labs?q=x')).toEqual({ page: 'labs' })
  })
})

describe('layoutSankey', () => {
  const flows = [
    { id: 'a', label: 'A', count: 3, people: ['x', 'y', 'z'] },
    { id: 'b', label: 'B', count: 1, people: ['w'] },
    { id: 'c', label: 'C', count: 0, people: [] },
  ]

  it('gives each destination a band as wide as its people, stacked without overlap', () => {
    const l = layoutSankey(flows)
    expect(l.bands.map((b) => b.id)).toEqual(['a', 'b'])
    const [a, b] = l.bands
    if (!a || !b) throw new Error('no bands')
    const hA = a.sy1 - a.sy0
    const hB = b.sy1 - b.sy0
    expect(hA / hB).toBeCloseTo(3)
    expect(a.ty1 - a.ty0).toBeCloseTo(hA)
    // On the lab's side the bands are contiguous; on the other they leave a gap.
    expect(b.sy0).toBeCloseTo(a.sy1)
    expect(b.ty0).toBeGreaterThan(a.ty1)
    expect(l.source.y1 - l.source.y0).toBeCloseTo(hA + hB)
    expect(b.ty1).toBeLessThanOrEqual(l.height)
    expect(a.path).toMatch(/^M[\d.]+,[\d.]+C.*Z$/)
  })

  it('draws nothing for no alumni', () => {
    const l = layoutSankey([])
    expect(l.bands).toEqual([])
    expect(l.height).toBeGreaterThan(0)
  })
})

describe('alumni CSV', () => {
  const src = (id: string, url: string | null) => ({ id, publisher: 'P', title: `T${id}`, date: null, url, note: null })
  const lab = { id: 'g', name: 'G', kind: 'company', country: null }
  const alumni: Alumnus[] = [
    {
      left: '2023-05',
      leftBy: 'STINT',
      person: { id: 'p1', name: 'Ada "The" Example, Jr.', nativeName: null },
      stint: { id: 's1', role: 'researcher', start: '2019', end: '2023-05', lab, sources: [src('1', 'https://a.example/1')] },
      next: { by: 'STINT', confidence: 'reported', date: '2023-06', id: 'n1', lab: { ...lab, id: 'o', name: 'OpenAI' }, note: null, sources: [src('1', 'https://a.example/1'), src('2', null)] },
    },
    { left: '2024', leftBy: 'MOVE', person: { id: 'p2', name: '=cmd()', nativeName: null }, stint: null, next: null },
  ]

  it('writes a header and one row per alumnus, sources deduplicated', () => {
    const lines = alumniCSV(alumni).split('\r\n')
    expect(lines[0]).toBe('\uFEFFperson_id,name,left,left_by,role,next_lab_id,next_lab,next_date,next_confidence,sources')
    expect(lines[1]).toBe('p1,"Ada ""The"" Example, Jr.",2023-05,STINT,researcher,o,OpenAI,2023-06,reported,https://a.example/1 T2')
    expect(lines[2]).toBe("p2,'=cmd(),2024,MOVE,,,,,,")
    expect(lines).toHaveLength(4)
  })
})

describe('formatMoney', () => {
  it('writes compact amounts with the currency, or says not reported', () => {
    // The exact abbreviation is ICU's (en-GB writes "US$1.5bn").
    expect(formatMoney(1_500_000_000, 'USD', 'en')).toMatch(/\$1\.5\s?b/i)
    expect(formatMoney(250_000, null, 'en')).toMatch(/^250\s?k$/i)
    expect(formatMoney(null, 'USD', 'en')).toBe('not reported')
  })
})
