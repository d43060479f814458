import { act } from 'react'
import { describe, expect, it, vi } from 'vitest'
import App from '../App.tsx'
import type { CandidateEdge } from './api.ts'
import { csvHeader, csvRow, currentLabs } from './model.ts'
import { candidatesHash, emptyFacets, facetsFromFilter, maxRoleKeywords, parseFacets, toFilter } from './state.ts'
import { settle, testRoot, waitFor } from '../testing.tsx'

const ada: CandidateEdge = {
  cursor: 'c-ada',
  citations: 12000,
  tenureYears: 1.26,
  matched: ['meets 2 of 3 credentials: AI PhD, breakthrough'],
  reasons: [
    { condition: 'atLeast', asked: '2', asOf: null, count: 2, values: ['aiPhd', 'breakthrough'], records: [] },
    {
      condition: 'aiPhd', asked: null, asOf: null, count: null, values: [],
      records: [{ kind: 'degree', id: 'd1', labId: 'delta', labName: 'Delta University', label: 'machine learning', start: '2014', end: '2018', breakthrough: false, citations: null }],
    },
  ],
  node: {
    id: 'ada-example',
    name: 'Ada Example',
    nativeName: null,
    stints: [
      { id: 'st1', start: '2018', end: '2024', lab: { id: 'alpha', name: 'Lab Alpha' } },
      { id: 'st2', start: '2024-09', end: null, lab: { id: 'gamma', name: 'Gamma Corp' } },
      { id: 'st3', start: '2099', end: null, lab: { id: 'future', name: 'Future Lab' } },
    ],
    currentStint: { id: 'st2', lab: { id: 'gamma', name: 'Gamma Corp' } },
    lastReported: null,
  },
  credentials: [
    { credential: 'aiPhd', met: true, degrees: [{ id: 'd1', degree: 'phd', field: 'machine learning', end: '2018', lab: { id: 'delta', name: 'Delta University' } }], stints: [], papers: [] },
    { credential: 'topLab', met: false, degrees: [], stints: [], papers: [] },
    { credential: 'breakthrough', met: true, degrees: [], stints: [], papers: [{ id: 'p1', title: 'Attention, "mostly"', year: 2017, citations: 12000, breakthrough: true }] },
  ],
}

const src = (id: string, url: string) => ({ id, publisher: 'Example Times', title: `Report ${id}`, date: '2025', url, note: null })

describe('facets in the URL', () => {
  it('round-trips through the hash and leaves defaults out', () => {
    const f = { ...emptyFacets, phd: true, breakthrough: true, atLeast: 2, workedAt: ['openai', 'meta'], neverAt: ['google'], movedSince: '2024-06', minTenure: '1', topics: ['rl', 'vision'], order: 'CITATIONS' as const }
    const hash = candidatesHash(f, 'zh')
    expect(hash).toBe('#/candidates?phd=1&bt=1&least=2&worked=openai&worked=meta&never=google&moved=2024-06&tmin=1&topic=rl&topic=vision&order=CITATIONS&lang=zh')
    expect(parseFacets(hash)).toEqual(f)
    expect(candidatesHash(emptyFacets)).toBe('#/candidates')
    expect(parseFacets('#/candidates?least=7&order=NOPE')).toEqual(emptyFacets)
  })

  it('builds the server filter and refuses values the server would', () => {
    expect(toFilter({ ...emptyFacets, topLab: true, atLeast: 0, minCitations: '500' })).toEqual({ where: { topLab: true, atLeast: 0, minCitations: 500 }, errors: [] })
    expect(toFilter({ ...emptyFacets, movedSince: '2024-13', minTenure: '-1', maxTenure: 'x', minCitations: '1.5' }).errors).toEqual(['movedSince', 'minTenure', 'maxTenure', 'minCitations'])
    expect(toFilter({ ...emptyFacets, minTenure: '5', maxTenure: '2' }).errors).toEqual(['tenureOrder'])
  })

  it('keeps "not currently at" and title keywords in a shared link and in a saved search', () => {
    const f = { ...emptyFacets, notCurrentlyAt: ['meta', 'google'], neverAt: ['openai'], roleKeywords: ['research scientist', '研究员'], roleAnyJob: true }
    const hash = candidatesHash(f)
    expect(hash).toBe('#/candidates?notat=meta&notat=google&never=openai&role=research+scientist&role=%E7%A0%94%E7%A9%B6%E5%91%98&roleany=1')
    expect(parseFacets(hash)).toEqual(f)
    const { where, errors } = toFilter(f)
    expect(errors).toEqual([])
    expect(where).toEqual({ notCurrentlyAt: ['meta', 'google'], neverAt: ['openai'], roleKeywords: ['research scientist', '研究员'], roleAnyJob: true })
    expect(facetsFromFilter(where)).toEqual(f)
    // "Any job" without keywords asks nothing, so it is not sent.
    expect(toFilter({ ...emptyFacets, roleAnyJob: true }).where).toEqual({})
    // Blank keywords in a link are dropped; the server's bounds are checked here.
    expect(parseFacets('#/candidates?role=+&role=lead').roleKeywords).toEqual(['lead'])
    const many = Array.from({ length: maxRoleKeywords + 1 }, (_, i) => `k${i}`)
    expect(toFilter({ ...emptyFacets, roleKeywords: many }).errors).toEqual(['roleKeywords'])
    expect(toFilter({ ...emptyFacets, roleKeywords: ['研'.repeat(134)] }).errors).toEqual(['roleKeywords'])
    expect(toFilter({ ...emptyFacets, roleKeywords: ['研'.repeat(133)] }).errors).toEqual([])
  })
})

describe('rows and CSV', () => {
  it('names the labs held today, latest start first', () => {
    expect(currentLabs(ada, new Date('2026-01-01'))).toEqual(['Gamma Corp'])
    expect(currentLabs(ada, new Date('2024-06-01'))).toEqual(['Lab Alpha'])
  })

  it('writes a row with the credentials met, the reasons and the evidence', () => {
    const row = csvRow(ada, { 'degree:d1': [src('s1', 'https://example.org/1')], 'paper:p1': [src('s2', 'https://example.org/2')] }, new Date('2026-01-01'))
    expect(row).toEqual([
      'ada-example',
      'Ada Example',
      'Gamma Corp',
      'AI PhD; breakthrough',
      'meets 2 of 3 credentials: AI PhD, breakthrough',
      'AI PhD: PhD in machine learning, Delta University (2018) | breakthrough: Attention, "mostly" (2017 · 12000 citations · breakthrough)',
      'Report s1 | Report s2',
      'https://example.org/1 https://example.org/2',
    ])
    expect(csvHeader[0]).toBe('id')
  })
})

describe('candidates page', () => {
  const screen = testRoot()
  let queries: { query: string; variables: Record<string, unknown> }[]

  function serve(total = 1) {
    queries = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> }
        queries.push(body)
        let data: unknown = {}
        if (body.query.includes('query Candidates(')) {
          data = { people: { totalCount: total, pageInfo: { hasNextPage: false, endCursor: 'c-ada' }, edges: total ? [ada] : [] } }
        } else if (body.query.includes('query CandidateSources(')) {
          data = {
            people: {
              edges: [
                {
                  node: { id: 'ada-example' },
                  credentials: [
                    { credential: 'aiPhd', degrees: [{ id: 'd1', sources: [src('s1', 'https://example.org/1')] }], stints: [], papers: [] },
                    { credential: 'topLab', degrees: [], stints: [], papers: [] },
                    { credential: 'breakthrough', degrees: [], stints: [], papers: [{ id: 'p1', sources: [src('s2', 'https://example.org/2'), src('s3', 'https://example.org/3')] }] },
                  ],
                },
              ],
            },
          }
        } else if (body.query.includes('credentialRules')) {
          data = { credentialRules: { version: '2026-11-29.1', aiFields: ['machine learning'], aiPhdRule: 'a completed PhD', topLabs: [{ id: 'openai', name: 'OpenAI' }], topLabRule: 'a stint at a top lab', breakthroughRule: 'a breakthrough paper', citationBar: 10000 } }
        } else if (body.query.includes('query LabNames(')) {
          data = { l0: { id: 'openai', name: 'OpenAI' } }
        }
        return new Response(JSON.stringify({ data }), { status: 200 })
      }),
    )
  }

  it('restores the facets from the URL and explains each match with its sources', async () => {
    window.history.replaceState(null, '', '/#/candidates?phd=1&bt=1&worked=openai')
    serve()
    await screen.render(<App />)
    await waitFor(() => screen.container.querySelector('li.candidate'), 'a result row')
    expect(screen.container.querySelector('#cand-count')?.textContent).toBe('1 candidate')
    const people = queries.find((q) => q.query.includes('query Candidates('))
    expect(people?.variables).toEqual({ where: { phd: true, breakthrough: true, workedAt: ['openai'] }, orderBy: 'NAME', after: null })
    expect(screen.container.querySelector<HTMLInputElement>('input[type=checkbox]')?.checked).toBe(true)
    await waitFor(() => [...screen.container.querySelectorAll('.chip span')].find((s) => s.textContent === 'OpenAI'), 'the lab named')

    const row = screen.container.querySelector('li.candidate') as HTMLElement
    expect(row.querySelector('a')?.getAttribute('href')).toBe('#/person/ada-example')
    expect(row.querySelector('.current-lab')?.textContent).toBe('Now at Gamma Corp')
    const creds = [...row.querySelectorAll('li.cred')].map((li) => `${li.querySelector('.cred-name')?.textContent}: ${li.querySelector('.cred-verdict')?.textContent}`)
    expect(creds).toEqual(['AI PhD: met', 'Top lab: not met', 'Breakthrough: met'])
    expect(row.querySelector('.evidence-title')?.textContent).toBe('PhD in machine learning, Delta University')
    // The reasons are data the app words: in English here, in Chinese below.
    expect([...row.querySelectorAll('.matched li')].map((li) => li.textContent)).toEqual([
      'Meets 2 of the 3 credentials (at least 2 asked)',
      'AI PhD: PhD in machine learning, Delta University, 2018',
    ])

    // The sources come after the rows, in a request of their own.
    const toggles = await waitFor(() => {
      const found = [...row.querySelectorAll('.evidence .sources summary')]
      return found.length === 2 ? found : null
    }, 'the sources')
    expect(toggles.map((s) => s.textContent)).toEqual(['source for Ada Example: PhD in machine learning, Delta University', '2 sources for Ada Example: Attention, "mostly"'])
    const sourcesQuery = queries.find((q) => q.query.includes('query CandidateSources('))
    expect(sourcesQuery?.variables.after).toBe(null)
  })

  it('asks again when a facet changes, and keeps the URL in step', async () => {
    window.history.replaceState(null, '', '/#/candidates')
    serve(0)
    await screen.render(<App />)
    await waitFor(() => screen.container.querySelector('.empty'), 'the empty state')
    expect(screen.container.querySelector('.empty')?.textContent).toContain('No one matches these filters.')
    const box = [...screen.container.querySelectorAll<HTMLInputElement>('input[type=checkbox]')][1]
    await act(async () => box?.click())
    expect(window.location.hash).toBe('#/candidates?top=1')
    await waitFor(() => queries.filter((q) => q.query.includes('query Candidates(')).length === 2, 'a second request')
    expect(queries.filter((q) => q.query.includes('query Candidates(')).at(-1)?.variables.where).toEqual({ topLab: true })
  })

  it('sends "not currently at" and title keywords typed on the page', async () => {
    window.history.replaceState(null, '', '/#/candidates?notat=openai')
    serve()
    await screen.render(<App />)
    await waitFor(() => [...screen.container.querySelectorAll('.chip span')].find((s) => s.textContent === 'OpenAI'), 'the lab named')
    const input = screen.container.querySelector<HTMLInputElement>('#cand-role') as HTMLInputElement
    await act(async () => {
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
      set?.call(input, 'Scientist, lead')
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await act(async () => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })))
    const anyJob = [...screen.container.querySelectorAll<HTMLLabelElement>('label.check')].find((l) => l.textContent === 'Any job held, not only the current one')
    await act(async () => anyJob?.querySelector('input')?.click())
    expect(window.location.hash).toBe('#/candidates?notat=openai&role=Scientist&role=lead&roleany=1')
    await waitFor(() => {
      const last = queries.filter((q) => q.query.includes('query Candidates(')).at(-1)
      return JSON.stringify(last?.variables.where) === JSON.stringify({ notCurrentlyAt: ['openai'], roleKeywords: ['Scientist', 'lead'], roleAnyJob: true })
    }, 'the filter sent')
  })

  it('shows a bad value in words and does not send it', async () => {
    window.history.replaceState(null, '', '/#/candidates?moved=2024-99')
    serve()
    await screen.render(<App />)
    await settle(400)
    expect(screen.container.querySelector('#cand-count')?.textContent).toBe('Fix the marked filter to see candidates.')
    expect(screen.container.querySelector('#cand-moved')?.getAttribute('aria-invalid')).toBe('true')
    expect(queries.some((q) => q.query.includes('query Candidates('))).toBe(false)
  })
})
