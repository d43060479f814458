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
  it('writes amounts exactly, shortened only by moving the decimal point', () => {
    expect(formatMoney(125_000_000, 'USD', 'zh')).toBe('US$1.25 亿')
    expect(formatMoney(125_000_000, 'USD', 'en')).toMatch(/^(US)?\$125M$/)
    expect(formatMoney(14_300_000_000, 'USD', 'en')).toMatch(/^(US)?\$14\.3B$/)
    expect(formatMoney(14_300_000_000, 'USD', 'zh')).toBe('US$143 亿')
    expect(formatMoney(1_234_567, 'USD', 'en')).toMatch(/^(US)?\$1\.234567M$/)
    expect(formatMoney(12_345, null, 'zh')).toBe('1.2345 万')
    expect(formatMoney(250_000, null, 'en')).toBe('250K')
    expect(formatMoney(999, 'XYZ', 'en')).toBe('999 XYZ')
    expect(formatMoney(null, 'USD', 'en')).toBe('not reported')
  })

  // Every amount in the demo data, in both languages, reads back as the
  // number the source gave.
  const amounts = dataAmounts()
  it('has amounts to check in data/', () => {
    expect(amounts.length).toBeGreaterThan(5)
  })
  it.each(amounts.flatMap((a) => (['en', 'zh'] as const).map((lang) => ({ ...a, lang }))))('$file $column $amount $currency in $lang', ({ amount, currency, lang }) => {
    const shown = formatMoney(amount, currency, lang)
    expect(readBack(shown, lang)).toBe(BigInt(amount))
    if (currency) expect(shown).not.toMatch(/^\d/)
  })
})

// readBack turns what formatMoney wrote into the whole number it says, with
// exact decimal arithmetic.
function readBack(shown: string, lang: 'en' | 'zh'): bigint {
  const m = /(-?[\d,]+(?:\.\d+)?)\s?(T|B|M|K|亿|万)?/.exec(shown)
  if (!m || !m[1]) throw new Error(`no number in ${shown}`)
  const exp = { T: 12, B: 9, M: 6, K: 3, 亿: 8, 万: 4 }[m[2] ?? ''] ?? 0
  if (lang === 'en') expect(['亿', '万']).not.toContain(m[2])
  const [whole = '', fraction = ''] = m[1].replace(/,/g, '').split('.')
  return BigInt(whole + fraction.padEnd(exp, '0').slice(0, exp)) * 1n
}

// dataAmounts reads every column of data/*.csv that holds an amount of
// money (amount, *_value), with the row's currency.
function dataAmounts(): { file: string; column: string; amount: number; currency: string | null }[] {
  // Every CSV of the repository's data/, read when the test is built.
  const files = import.meta.glob<string>('../../../data/*.csv', { query: '?raw', import: 'default', eager: true })
  const out: { file: string; column: string; amount: number; currency: string | null }[] = []
  for (const [path, text] of Object.entries(files)) {
    const file = path.slice(path.lastIndexOf('/') + 1)
    const [header, ...rows] = parseCsv(text)
    if (!header) continue
    const money = header.flatMap((h, i) => (h === 'amount' || h.endsWith('_value') ? [i] : []))
    const cur = header.indexOf('currency')
    for (const row of rows) {
      for (const i of money) {
        const v = row[i]
        if (v) out.push({ file, column: header[i] as string, amount: Number(v), currency: (cur >= 0 && row[cur]) || null })
      }
    }
  }
  return out
}

// parseCsv reads RFC 4180 CSV: quoted fields may hold commas, quotes and
// line breaks.
function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"'
        i++
      } else if (c === '"') quoted = false
      else field += c
    } else if (c === '"') quoted = true
    else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      if (row.some((f) => f !== '')) rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  row.push(field)
  if (row.some((f) => f !== '')) rows.push(row)
  return rows
}
