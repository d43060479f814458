// exportAll reads every row a filter matches, not only the pages shown,
// with the sources of each row's evidence, for the CSV export.

import { candidateSourcesPerRequest, getCandidateSources, getCandidates, type CandidateEdge, type CandidateSources, type CandidatesArgs } from './api.ts'

export interface ExportProgress {
  // done rows of total have been read; sources says the evidence's sources
  // are being read (the second pass).
  done: number
  total: number
  sources: boolean
}

// allRows pages through the filter (20 rows a request, as the page does),
// then reads the sources of the evidence, candidateSourcesPerRequest rows a
// request so each stays under the API's cost limit, calling onProgress
// after each request.
export async function allRows(
  args: Omit<CandidatesArgs, 'after'>,
  onProgress: (p: ExportProgress) => void,
  signal?: AbortSignal,
): Promise<{ edges: CandidateEdge[]; sources: Map<string, CandidateSources> }> {
  const edges: CandidateEdge[] = []
  let after: string | null = null
  for (;;) {
    const page = await getCandidates({ ...args, after }, signal)
    edges.push(...page.edges)
    onProgress({ done: edges.length, total: page.totalCount, sources: false })
    if (!page.pageInfo.hasNextPage || !page.pageInfo.endCursor || page.edges.length === 0) break
    after = page.pageInfo.endCursor
  }
  const sources = new Map<string, CandidateSources>()
  for (let i = 0; i < edges.length; i += candidateSourcesPerRequest) {
    const chunk = edges.slice(i, i + candidateSourcesPerRequest)
    if (chunk.some(hasEvidence)) {
      const before = i === 0 ? null : (edges[i - 1]?.cursor ?? null)
      const byPerson = await getCandidateSources({ ...args, after: before }, signal)
      for (const [id, s] of byPerson) sources.set(id, s)
    }
    onProgress({ done: Math.min(i + candidateSourcesPerRequest, edges.length), total: edges.length, sources: true })
  }
  return { edges, sources }
}

function hasEvidence(e: CandidateEdge): boolean {
  return e.credentials.some((c) => c.degrees.length + c.stints.length + c.papers.length > 0)
}
