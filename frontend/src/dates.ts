// Dates in the data keep the precision they were reported with ("2012",
// "2023-11", "2023-11-07"), so nothing here may invent a month or a day that
// no source gave.

import i18n, { currentLang, intlLocale, type Lang } from './i18n.ts'

export interface PartialDate {
  year: number
  month?: number
  day?: number
}

// parsePartial returns null for an empty or malformed date, which callers
// treat as unknown rather than guessing.
export function parsePartial(s: string | null | undefined): PartialDate | null {
  if (!s) return null
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s.trim())
  if (!m) return null
  const year = Number(m[1])
  if (m[2] === undefined) return { year }
  const month = Number(m[2])
  if (month < 1 || month > 12) return null
  if (m[3] === undefined) return { year, month }
  const day = Number(m[3])
  if (day < 1 || day > 31) return null
  return { year, month, day }
}

// formatPartial writes a date in the page's language with only the parts
// that were reported: "Nov 2023" or "2023年11月", never a made-up day. Month
// names come from Intl for the language, not from the browser's locale, so
// the page reads the same for everyone (and in tests). A string it cannot
// parse is shown as given: better raw than hidden.
export function formatPartial(s: string | null | undefined, lang: Lang = currentLang()): string {
  const d = parsePartial(s)
  if (!d) return s ?? ''
  const parts: Intl.DateTimeFormatOptions = { year: 'numeric', timeZone: 'UTC' }
  if (d.month !== undefined) parts.month = 'short'
  if (d.day !== undefined) parts.day = 'numeric'
  // The month and day stand in for what was not reported only inside the
  // Date; the options above keep them out of the text.
  const date = new Date(Date.UTC(d.year, (d.month ?? 1) - 1, d.day ?? 1))
  date.setUTCFullYear(d.year)
  // A day the month does not have ("2023-02-30") would roll over into the
  // next month: show it as given rather than as a date no one reported.
  if (d.day !== undefined && date.getUTCDate() !== d.day) return s ?? ''
  return formatter(lang, parts).format(date)
}

const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(lang: Lang, opts: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang} ${opts.month ?? ''} ${opts.day ?? ''}`
  let f = formatters.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat(intlLocale[lang], opts)
    formatters.set(key, f)
  }
  return f
}

// formatPeriod renders a stint's span. The data leaves an end empty both
// while a stint goes on and when no source reports it (someone who left a
// PhD programme at an unreported date, say), so a missing end must not read
// "present": the page claims only what a source said.
export function formatPeriod(start: string | null, end: string | null, lang: Lang = currentLang()): string {
  const t = i18n.getFixedT(lang)
  if (!start && !end) return t('period.notReported')
  if (!end) return t('period.from', { date: formatPartial(start, lang) })
  if (!start) return t('period.until', { date: formatPartial(end, lang) })
  if (start === end) return formatPartial(start, lang)
  return t('period.range', { start: formatPartial(start, lang), end: formatPartial(end, lang) })
}

// comparePartial orders by what is known: a year alone sorts before any
// month of that year, as its earliest reading.
export function comparePartial(a: PartialDate, b: PartialDate): number {
  return a.year - b.year || (a.month ?? 0) - (b.month ?? 0) || (a.day ?? 0) - (b.day ?? 0)
}

interface Dated {
  start: string | null
  end: string | null
  lab: { name: string }
}

// sortStints orders oldest first; a stint with no known start cannot be
// placed, so it goes last. Ties fall to the end date (an open end last) and
// then the lab name, so the order never depends on the server's.
export function sortStints<T extends Dated>(stints: readonly T[]): T[] {
  return [...stints].sort((a, b) => {
    const sa = parsePartial(a.start)
    const sb = parsePartial(b.start)
    if (sa && !sb) return -1
    if (!sa && sb) return 1
    if (sa && sb) {
      const c = comparePartial(sa, sb)
      if (c !== 0) return c
    }
    const ea = parsePartial(a.end)
    const eb = parsePartial(b.end)
    if (ea && !eb) return -1
    if (!ea && eb) return 1
    if (ea && eb) {
      const c = comparePartial(ea, eb)
      if (c !== 0) return c
    }
    return a.lab.name.localeCompare(b.lab.name)
  })
}

// yearPosition maps a partial date onto a continuous year axis. A start
// takes the beginning of what it names and an end takes its close, so
// "2012 – 2013" covers two full years on the timeline.
export function yearPosition(d: PartialDate, edge: 'start' | 'end'): number {
  if (d.month === undefined) return edge === 'start' ? d.year : d.year + 1
  if (d.day === undefined) return d.year + (edge === 'start' ? d.month - 1 : d.month) / 12
  const dayOfYear = (d.month - 1) * 30.4375 + (edge === 'start' ? d.day - 1 : d.day)
  return d.year + dayOfYear / 365.25
}
