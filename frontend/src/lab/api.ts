// The lab page's and the labs index's operations.

import { ApiError, request } from '../graphql/client.ts'
import {
  LabAlumniDocument,
  LabAlumniPageDocument,
  LabFlowsInDocument,
  LabFlowsOutDocument,
  LabInfoDocument,
  LabMovesDocument,
  LabRecruitersDocument,
  LabsIndexDocument,
  SearchLabsDocument,
  type LabAlumniQuery,
  type LabInfoQuery,
  type LabRecruitersQuery,
  type LabOrder,
  type LabsIndexQuery,
} from '../graphql/generated.ts'
import type { LabRef, Offer } from '../graphql/types.ts'
import type { Inflows, Outflows } from './flows.ts'

export type LabInfo = NonNullable<LabInfoQuery['lab']>
export type LabMember = LabInfo['currentPeople'][number]
export type Founding = LabInfo['founders'][number]
export type Investment = LabInfo['investors'][number]
export type LabAlumni = NonNullable<LabAlumniQuery['labAlumni']>
export type Alumnus = LabAlumni['alumni'][number]
export type AlumniDestination = LabAlumni['destinations'][number]
export type AlumniCluster = LabAlumni['clusters'][number]
export type Recruiter = LabRecruitersQuery['recruitment']['topRecruiters'][number]
export type RecruitmentEdge = Recruiter['recruits'][number]

export interface LabView {
  lab: LabInfo
  alumni: LabAlumni
  recruiters: Recruiter[]
  offers: Offer[]
  offersTotal: number
  inflows: Inflows
  outflows: Outflows
}

export interface LabViewArgs {
  id: string
  asOf?: string
  since?: string
  until?: string
}

// getLabView reads everything the lab page shows; null when there is no lab
// with that id.
export async function getLabView(args: LabViewArgs, signal?: AbortSignal): Promise<LabView | null> {
  const asOf = args.asOf || null
  const since = args.since || null
  const until = args.until || null
  try {
    const [info, recruitment, alumni, moves, flowsIn, flowsOut] = await Promise.all([
      request(LabInfoDocument, { id: args.id, asOf }, signal),
      request(LabRecruitersDocument, { id: args.id, asOf }, signal),
      request(LabAlumniDocument, { id: args.id, asOf, since, until }, signal),
      request(LabMovesDocument, { id: args.id }, signal),
      request(LabFlowsInDocument, { id: args.id, since, until }, signal),
      request(LabFlowsOutDocument, { id: args.id, since, until }, signal),
    ])
    if (!info.lab) return null
    return {
      lab: info.lab,
      alumni: alumni.labAlumni ?? { count: 0, capped: false, alumni: [], pageInfo: { hasNextPage: false, endCursor: null }, destinations: [], periods: [], clusters: [] },
      recruiters: recruitment.recruitment.topRecruiters,
      offers: moves.offers.edges.map((e) => e.node),
      offersTotal: moves.offers.totalCount,
      inflows: flowsIn.inflows,
      outflows: flowsOut.outflows,
    }
  } catch (err) {
    // labAlumni answers NOT_FOUND for an unknown lab, where lab answers null.
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return null
    throw err
  }
}

export interface AlumniPage {
  alumni: Alumnus[]
  hasNextPage: boolean
  endCursor: string | null
}

// getAlumniPage reads the alumni after the cursor, in the page's window
// (the same args as getLabView).
export async function getAlumniPage(args: LabViewArgs, after: string, signal?: AbortSignal): Promise<AlumniPage> {
  const data = await request(
    LabAlumniPageDocument,
    { id: args.id, asOf: args.asOf || null, since: args.since || null, until: args.until || null, after },
    signal,
  )
  const page = data.labAlumni
  return { alumni: page?.alumni ?? [], hasNextPage: page?.pageInfo.hasNextPage ?? false, endCursor: page?.pageInfo.endCursor ?? null }
}

// allAlumni reads every alumnus after the first page, a page a request,
// calling onProgress with how many are read, for the CSV of all of them.
export async function allAlumni(args: LabViewArgs, first: AlumniPage, onProgress: (done: number) => void, signal?: AbortSignal): Promise<Alumnus[]> {
  const out = [...first.alumni]
  let page = first
  while (page.hasNextPage && page.endCursor) {
    page = await getAlumniPage(args, page.endCursor, signal)
    if (page.alumni.length === 0) break
    out.push(...page.alumni)
    onProgress(out.length)
  }
  return out
}

// searchLabs returns the labs matching q, best first.
export async function searchLabs(q: string, signal?: AbortSignal, first = 20): Promise<LabRef[]> {
  const data = await request(SearchLabsDocument, { query: q, first }, signal)
  return data.search.flatMap((hit) => (hit.lab ? [hit.lab] : []))
}

export type LabsIndexPage = LabsIndexQuery['labs']
export type LabSummary = LabsIndexPage['edges'][number]['node']
export type { LabOrder }

// getLabsIndex reads a page of the labs index in one order.
export async function getLabsIndex(orderBy: LabOrder, after: string | null, signal?: AbortSignal): Promise<LabsIndexPage> {
  const data = await request(LabsIndexDocument, { orderBy, after }, signal)
  return data.labs
}
