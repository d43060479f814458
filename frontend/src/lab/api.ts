// The lab page's and the labs index's operations.

import { ApiError, request } from '../graphql/client.ts'
import {
  FlowRowMovesDocument,
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
import { rowWindow, type FlowMove, type FlowRow, type Inflows, type Outflows } from './flows.ts'

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

// How many moves a row of the flow table reads when asked for all: a row
// between two labs is one flow, so the API's most (100) pass its cost
// limit; a row from no reported lab reads every flow in of its period, 10
// at most, so fewer moves each (api/limits_test.go prices both).
const rowMoves = 100
const unreportedRowMoves = 12

// getRowMoves reads every move of one row of the lab's flow table (up to
// rowMoves), for the page's window. The row counts moves
// between the lab (with its parts) and exactly one other lab, where a
// query given both ends takes the other's parts too: the moves are kept
// when their other end is that lab. A row from no reported lab reads the
// lab's moves in and keeps the flow with no origin.
export async function getRowMoves(args: LabViewArgs, row: FlowRow, signal?: AbortSignal): Promise<FlowMove[]> {
  const w = rowWindow(row.period, args.since, args.until)
  const other = row.other?.id ?? null
  const ends = row.direction === 'in' ? { from: other, to: args.id } : { from: args.id, to: other }
  const perBucket = other === null ? unreportedRowMoves : rowMoves
  const data = await request(FlowRowMovesDocument, { ...ends, ...w, perBucket }, signal)
  const moves = data.talentFlows.flows
    .filter((f) => other !== null || f.from === null)
    .flatMap((f) => f.buckets.filter((b) => b.period === row.period).flatMap((b) => b.moves))
  if (other === null) return moves
  return moves.filter((m) => (row.direction === 'in' ? m.from?.id : m.to?.id) === other)
}
