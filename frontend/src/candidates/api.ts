// The recruiter's filter's operations (#/candidates).

import { post, request } from '../graphql/client.ts'
import {
  CandidateDealsDocument,
  CandidateIdsDocument,
  CandidateSourcesDocument,
  CandidatesDocument,
  CredentialRulesDocument,
  type CandidateDealsQuery,
  type CandidateIdsQuery,
  type CandidatesQuery,
  type CredentialRulesQuery,
  type PeopleFilter,
  type PeopleOrder,
} from '../graphql/generated.ts'
import type { Source } from '../graphql/types.ts'

export type { PeopleFilter, PeopleOrder }

export const peopleOrders = ['NAME', 'CITATIONS', 'CREDENTIALS', 'TENURE'] as const satisfies readonly PeopleOrder[]

export const credentialNames = ['aiPhd', 'topLab', 'breakthrough'] as const
export type CredentialName = (typeof credentialNames)[number]

export type CandidatePage = CandidatesQuery['people']
export type CandidateEdge = CandidatePage['edges'][number]
// CredentialMatch is one credential of a row, named by one of
// credentialNames.
export type CredentialMatch = CandidateEdge['credentials'][number]
export type CandidateDegree = CredentialMatch['degrees'][number]
export type CandidateStint = CredentialMatch['stints'][number]
export type CandidatePaper = CredentialMatch['papers'][number]
export type CredentialRules = CredentialRulesQuery['credentialRules']

// candidateSourcesPerRequest rows' sources fit under the cost limit in one
// request: the cost model prices the three credentials at three and each
// evidence list at most ten, under 7,200 a row. api/limits_test.go
// (TestCost_CandidatePage) fails if fewer than this many rows fit.
// CandidateSources.graphql asks for this many rows (document.test.ts checks).
export const candidateSourcesPerRequest = 7

export interface CandidatesArgs {
  where: PeopleFilter
  orderBy: PeopleOrder
  after: string | null
}

// getCandidates returns one page of the recruiter's filter, with each row's
// credentials and the evidence for them, but not the evidence's sources.
export async function getCandidates(args: CandidatesArgs, signal?: AbortSignal): Promise<CandidatePage> {
  const data = await request(CandidatesDocument, { ...args }, signal)
  return data.people
}

// CandidateSources maps "degree:<id>", "stint:<id>" and "paper:<id>" to the
// sources of that piece of evidence, for one person.
export type CandidateSources = Record<string, Source[]>

// EvidenceWithSources is a credential's evidence as read with its sources.
interface EvidenceWithSources {
  degrees: { id: string; sources: Source[] }[]
  stints: { id: string; sources: Source[] }[]
  papers: { id: string; sources: Source[] }[]
}

// evidenceSources maps each piece of evidence of one person's credentials
// to its sources, as CandidateSources keys them.
export function evidenceSources(credentials: EvidenceWithSources[]): CandidateSources {
  const m: CandidateSources = {}
  for (const c of credentials) {
    for (const d of c.degrees) m[`degree:${d.id}`] = d.sources
    for (const s of c.stints) m[`stint:${s.id}`] = s.sources
    for (const p of c.papers) m[`paper:${p.id}`] = p.sources
  }
  return m
}

// getCandidateSources reads the sources of the evidence of the rows that
// follow after (the cursor of the row before them), by person id.
export async function getCandidateSources(args: CandidatesArgs, signal?: AbortSignal): Promise<Map<string, CandidateSources>> {
  const data = await request(CandidateSourcesDocument, { ...args }, signal)
  const out = new Map<string, CandidateSources>()
  for (const e of data.people.edges) out.set(e.node.id, evidenceSources(e.credentials))
  return out
}

export async function getCredentialRules(signal?: AbortSignal): Promise<CredentialRules> {
  const data = await request(CredentialRulesDocument, {}, signal)
  return data.credentialRules
}

// getLabNames names the labs of a shared link, which carries ids only; an
// unknown id is left out. LabNames is the one operation built here rather
// than read from src/graphql: it has an aliased field per id, 20 a request.
export async function getLabNames(ids: string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 20) {
    const chunk = unique.slice(i, i + 20)
    const fields = chunk.map((_, j) => `l${j}: lab(id: $id${j}) { id name }`).join('\n')
    const vars = chunk.map((_, j) => `$id${j}: ID!`).join(', ')
    const data = await post<Record<string, { id: string; name: string } | null>>(
      `query LabNames(${vars}) {\n${fields}\n}`,
      Object.fromEntries(chunk.map((id, j) => [`id${j}`, id])),
      signal,
    )
    for (const lab of Object.values(data)) if (lab) out.set(lab.id, lab.name)
  }
  return out
}

export type CandidateDeal = CandidateDealsQuery['deals'][number]

// getDealsByPerson reads the company deals on record and files each under
// the people it brought, so a row can show the deals its person was in.
export async function getDealsByPerson(signal?: AbortSignal): Promise<Map<string, CandidateDeal[]>> {
  const data = await request(CandidateDealsDocument, {}, signal)
  const by = new Map<string, CandidateDeal[]>()
  for (const d of data.deals) {
    for (const p of d.people) by.set(p.id, [...(by.get(p.id) ?? []), d])
  }
  return by
}

// maxSelection is the most people one addToShortlist takes (the API's
// limit), and so the most "select all matching" picks.
export const maxSelection = 500

// allIds reads the ids of every person the filter matches, 100 a request,
// calling onProgress after each; it stops at maxSelection.
export async function allIds(
  args: Omit<CandidatesArgs, 'after'>,
  onProgress: (done: number, total: number) => void,
  signal?: AbortSignal,
): Promise<string[]> {
  const ids: string[] = []
  let after: string | null = null
  for (;;) {
    const data: CandidateIdsQuery = await request(CandidateIdsDocument, { ...args, after }, signal)
    ids.push(...data.people.edges.map((e) => e.node.id))
    onProgress(ids.length, data.people.totalCount)
    const next: CandidateIdsQuery['people']['pageInfo'] = data.people.pageInfo
    if (!next.hasNextPage || !next.endCursor || ids.length >= maxSelection) break
    after = next.endCursor
  }
  return ids.slice(0, maxSelection)
}
