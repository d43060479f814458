import { describe, expect, it } from 'vitest'
import { formatPartial, formatPeriod, parsePartial, sortStints, yearPosition } from './dates.ts'

describe('parsePartial', () => {
  it('keeps the precision reported', () => {
    expect(parsePartial('2012')).toEqual({ year: 2012 })
    expect(parsePartial('2023-11')).toEqual({ year: 2023, month: 11 })
    expect(parsePartial('2023-11-07')).toEqual({ year: 2023, month: 11, day: 7 })
  })

  it('treats empty and malformed dates as unknown', () => {
    for (const s of [null, undefined, '', '23', '2023-13', '2023-1', 'Nov 2023', '2023-11-00']) {
      expect(parsePartial(s), String(s)).toBeNull()
    }
  })
})

describe('formatPartial', () => {
  it.each([
    ['2012', '2012'],
    ['2023-11', 'Nov 2023'],
    ['2023-01', 'Jan 2023'],
    ['2023-11-07', '7 Nov 2023'],
    ['sometime', 'sometime'],
    [null, ''],
  ])('%s reads %s', (input, want) => {
    expect(formatPartial(input)).toBe(want)
  })
})

describe('formatPeriod', () => {
  it.each([
    ['2023-11', null, 'from Nov 2023'],
    ['2012', '2013', '2012 – 2013'],
    [null, '2025', 'until 2025'],
    [null, null, 'dates not reported'],
    ['2019-06', '2021-02-15', 'Jun 2019 – 15 Feb 2021'],
    ['2014', '2014', '2014'],
  ])('%s to %s reads %s', (start, end, want) => {
    expect(formatPeriod(start, end)).toBe(want)
  })
})

describe('in Simplified Chinese', () => {
  it.each([
    ['2012', '2012年'],
    ['2023-11', '2023年11月'],
    ['2023-11-07', '2023年11月7日'],
    ['sometime', 'sometime'],
  ])('%s reads %s', (input, want) => {
    expect(formatPartial(input, 'zh')).toBe(want)
  })

  it.each([
    ['2023-11', null, '2023年11月起'],
    ['2012', '2013', '2012年 – 2013年'],
    [null, '2025', '至2025年'],
    [null, null, '日期未报道'],
    ['2019-06', '2021-02-15', '2019年6月 – 2021年2月15日'],
    ['2014', '2014', '2014年'],
  ])('%s to %s reads %s', (start, end, want) => {
    expect(formatPeriod(start, end, 'zh')).toBe(want)
  })
})

describe('formatPartial never invents a day', () => {
  it('shows a day the month does not have as given', () => {
    expect(formatPartial('2023-02-30')).toBe('2023-02-30')
    expect(formatPartial('2024-02-29')).toBe('29 Feb 2024')
  })
})

describe('sortStints', () => {
  const stint = (name: string, start: string | null, end: string | null = null) => ({
    lab: { name },
    start,
    end,
  })

  it('orders oldest first and puts an unknown start last', () => {
    const got = sortStints([
      stint('Vercept', '2024-11'),
      stint('Unknown start', null, '2020'),
      stint('Meta', '2025-06'),
      stint('AI2', '2020'),
      stint('UW', '2019-09', '2024'),
    ]).map((s) => s.lab.name)
    expect(got).toEqual(['UW', 'AI2', 'Vercept', 'Meta', 'Unknown start'])
  })

  it('places a year alone before any month of that year', () => {
    const got = sortStints([stint('B', '2020-03'), stint('A', '2020')]).map((s) => s.lab.name)
    expect(got).toEqual(['A', 'B'])
  })

  it('breaks ties by end, an open end last, then by lab name', () => {
    const got = sortStints([
      stint('Open', '2020'),
      stint('Zeta', '2020', '2022'),
      stint('Alpha', '2020', '2022'),
      stint('Short', '2020', '2021'),
    ]).map((s) => s.lab.name)
    expect(got).toEqual(['Short', 'Alpha', 'Zeta', 'Open'])
  })

  it('does not change its input', () => {
    const input = [stint('B', '2021'), stint('A', '2020')]
    sortStints(input)
    expect(input.map((s) => s.lab.name)).toEqual(['B', 'A'])
  })
})

describe('yearPosition', () => {
  it('spans whole reported periods', () => {
    expect(yearPosition({ year: 2012 }, 'start')).toBe(2012)
    expect(yearPosition({ year: 2013 }, 'end')).toBe(2014)
    expect(yearPosition({ year: 2023, month: 11 }, 'start')).toBeCloseTo(2023 + 10 / 12)
    expect(yearPosition({ year: 2023, month: 12 }, 'end')).toBe(2024)
  })
})
