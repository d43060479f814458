// model derives what a result row shows from what the server answered: the
// current labs, the evidence in words, and the rows of the CSV export.
import type { CandidateEdge, CandidateSources, CredentialMatch, CredentialName } from './api.ts'
import type { Source } from '../graphql/types.ts'
import { formatPeriod, parsePartial, type PartialDate } from '../dates.ts'
import type { Lang } from '../i18n.ts'


// CandidateLike is what a row shows: a candidate of the search, or a member
// of a shortlist, which the server answers in the same shape.
export type CandidateLike = Omit<CandidateEdge, 'cursor'>

// currentLabs are the labs of the stints that hold today (started, and no
// end or an end whose period is not over), latest start first, as the
// server measures tenure; a stint of unknown start comes last.
export function currentLabs(edge: CandidateLike, today: Date = new Date()): string[] {
  const y = today.getUTCFullYear()
  const m = today.getUTCMonth() + 1
  const d = today.getUTCDate()
  const todayKey = y * 10000 + m * 100 + d
  const holding = edge.node.stints.filter((s) => {
    const start = parsePartial(s.start)
    if (start && startKey(start) > todayKey) return false
    if (s.end === null) return true
    const end = parsePartial(s.end)
    return end ? endKey(end) > todayKey : false
  })
  holding.sort((a, b) => {
    const sa = parsePartial(a.start)
    const sb = parsePartial(b.start)
    if (!sa || !sb) return sa ? -1 : sb ? 1 : 0
    return startKey(sb) - startKey(sa)
  })
  return [...new Set(holding.map((s) => s.lab.name))]
}

function startKey(p: PartialDate): number {
  return p.year * 10000 + (p.month ?? 1) * 100 + (p.day ?? 1)
}

// endKey is the first day after the end's period: "2023" is over on
// 2024-01-01.
function endKey(p: PartialDate): number {
  if (p.day !== undefined && p.day !== null) return p.year * 10000 + (p.month ?? 1) * 100 + p.day + 1
  if (p.month !== undefined && p.month !== null) return p.month === 12 ? (p.year + 1) * 10000 + 101 : p.year * 10000 + (p.month + 1) * 100 + 1
  return (p.year + 1) * 10000 + 101
}

// Evidence is one degree, stint or paper behind a credential.
export interface Evidence {
  key: string // "degree:<id>" and so on, as in CandidateSources
  kind: 'degree' | 'stint' | 'paper'
  title: string
  detail: string
}

// Words picks the wording of the page's language for the evidence.
export interface Words {
  lang: Lang
  degree: (degree: string, field: string | null) => string
  citations: (n: number) => string
  breakthrough: string
}

export function evidenceOf(c: CredentialMatch, w: Words): Evidence[] {
  return [
    ...c.degrees.map((d) => ({
      key: `degree:${d.id}`,
      kind: 'degree' as const,
      title: `${w.degree(d.degree, d.field)}, ${d.lab.name}`,
      detail: d.end ?? '',
    })),
    ...c.stints.map((s) => ({
      key: `stint:${s.id}`,
      kind: 'stint' as const,
      title: s.lab.name,
      detail: [formatPeriod(s.start, s.end, w.lang), s.role].filter(Boolean).join(' · '),
    })),
    ...c.papers.map((p) => ({
      key: `paper:${p.id}`,
      kind: 'paper' as const,
      title: p.title,
      detail: [p.year, p.citations !== null ? w.citations(p.citations) : null, p.breakthrough ? w.breakthrough : null]
        .filter((x) => x !== null && x !== undefined)
        .join(' · '),
    })),
  ]
}

// hasEvidence says whether a row has any record whose sources could be shown.
export function hasEvidence(edge: CandidateLike): boolean {
  return edge.credentials.some((c) => c.degrees.length + c.stints.length + c.papers.length > 0)
}

export function metCount(edge: CandidateLike): number {
  return edge.credentials.filter((c) => c.met).length
}

// The CSV speaks English whatever the page's language: it is read by
// spreadsheets and scripts more than by people.
const credentialCsvNames: Record<CredentialName, string> = { aiPhd: 'AI PhD', topLab: 'top lab', breakthrough: 'breakthrough' }

// credentialCsv names a credential in the CSV; one the app does not know
// keeps the server's name.
function credentialCsv(name: string): string {
  return (credentialCsvNames as Record<string, string>)[name] ?? name
}

export const csvHeader = ['id', 'name', 'current lab', 'credentials met', 'matched', 'evidence', 'evidence sources', 'evidence urls']

const englishWords: Words = {
  lang: 'en',
  degree: (degree, field) => (field ? `${degree === 'phd' ? 'PhD' : degree} in ${field}` : degree === 'phd' ? 'PhD' : degree),
  citations: (n) => `${n} citations`,
  breakthrough: 'breakthrough',
}

export function csvRow(edge: CandidateLike, sources: CandidateSources | undefined, today?: Date): string[] {
  const evidence: string[] = []
  const titles: string[] = []
  const urls: string[] = []
  for (const c of edge.credentials) {
    for (const e of evidenceOf(c, englishWords)) {
      evidence.push(`${credentialCsv(c.credential)}: ${e.title}${e.detail ? ` (${e.detail})` : ''}`)
      for (const s of sources?.[e.key] ?? ([] as Source[])) {
        titles.push(s.title)
        if (s.url) urls.push(s.url)
      }
    }
  }
  return [
    edge.node.id,
    edge.node.name,
    currentLabs(edge, today).join('; '),
    edge.credentials
      .filter((c) => c.met)
      .map((c) => credentialCsv(c.credential))
      .join('; '),
    edge.matched.join('; '),
    evidence.join(' | '),
    [...new Set(titles)].join(' | '),
    [...new Set(urls)].join(' '),
  ]
}
