import { afterEach, describe, expect, it, vi } from 'vitest'
import { allIds, maxSelection } from './api.ts'

afterEach(() => {
  vi.unstubAllGlobals()
})

// serve answers CandidateIds with pages of 100 ids out of total.
function serve(total: number) {
  const calls: (string | null)[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const { variables } = JSON.parse(init.body as string) as { variables: { after: string | null } }
      calls.push(variables.after)
      const from = variables.after ? Number(variables.after) : 0
      const ids = Array.from({ length: Math.max(0, Math.min(100, total - from)) }, (_, i) => `p${from + i}`)
      const next = from + ids.length
      const data = { people: { totalCount: total, pageInfo: { hasNextPage: next < total, endCursor: String(next) }, edges: ids.map((id) => ({ node: { id } })) } }
      return new Response(JSON.stringify({ data }), { status: 200 })
    }),
  )
  return calls
}

describe('select all matching', () => {
  it('reads every page of ids, with progress', async () => {
    const calls = serve(250)
    const progress: string[] = []
    const ids = await allIds({ where: { topLab: true }, orderBy: 'NAME' }, (done, total) => progress.push(`${done}/${total}`))
    expect(ids).toHaveLength(250)
    expect(new Set(ids).size).toBe(250)
    expect(calls).toEqual([null, '100', '200'])
    expect(progress).toEqual(['100/250', '200/250', '250/250'])
  })

  it('stops at what one shortlist request takes', async () => {
    const calls = serve(2000)
    const ids = await allIds({ where: {}, orderBy: 'NAME' }, () => {})
    expect(ids).toHaveLength(maxSelection)
    expect(calls).toHaveLength(maxSelection / 100)
  })
})
