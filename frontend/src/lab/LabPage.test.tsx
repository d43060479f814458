import { act } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import '../i18n.ts'
import LabsPage from '../LabsPage.tsx'
import LabPage from './LabPage.tsx'
import { testRoot } from '../testing.tsx'

const src = { id: 's1', publisher: 'Example Times', title: 'Ada leaves', date: '2023-06', url: 'https://example.org/a', note: null }
const g = { id: 'g', name: 'Gamma Corp', kind: 'company', country: 'US', topLab: true }
const o = { id: 'o', name: 'Omega Lab', kind: 'startup', country: 'US', topLab: false }
const ada = { id: 'ada', name: 'Ada Example', nativeName: null }
const bo = { id: 'bo', name: 'Bo Example', nativeName: null }

const answers: Record<string, unknown> = {
  LabInfo: {
    lab: {
      ...g,
      aliases: ['Gamma'],
      founded: '2010',
      parent: null,
      children: [{ ...o, id: 'g-sub', name: 'Gamma Research' }],
      currentPeople: [
        { person: bo, stint: { id: 'st1', role: 'chief scientist', start: '2020-03', end: null, confidence: 'reported', note: null, founder: false, lab: g, sources: [src] } },
      ],
      pastPeopleCount: 2,
      founders: [{ person: bo, date: '2010', sources: [src] }],
      investors: [],
      sources: [src],
    },
  },
  LabRecruiters: {
    recruitment: {
      topRecruiters: [
        { person: bo, count: 1, reported: 1, inferred: 0, recruits: [{ id: 'r1', recruit: ada, date: '2019', toLab: g, inferred: false, confidence: 'reported', note: null, sources: [src] }] },
      ],
    },
  },
  LabAlumni: {
    labAlumni: {
      count: 2,
      capped: false,
      pageInfo: { hasNextPage: false, endCursor: null },
      alumni: [
        { left: '2023-05', leftBy: 'STINT', person: ada, stint: { id: 'st2', role: 'researcher', start: '2019', end: '2023-05', lab: g, sources: [src] }, next: { by: 'STINT', confidence: 'reported', date: '2023-06', id: 'n1', lab: o, note: null, sources: [src] } },
        { left: '2022', leftBy: 'STINT', person: { id: 'cy', name: 'Cy Example', nativeName: null }, stint: null, next: null },
      ],
      destinations: [{ count: 1, lab: o, people: [ada] }],
      periods: [
        { year: 2022, count: 1, unknown: 1, destinations: [] },
        { year: 2023, count: 1, unknown: 0, destinations: [{ count: 1, lab: o, people: [ada] }] },
      ],
      clusters: [{ size: 2, weight: 3, members: [ada, bo], sharedLabs: [g], sharedPapers: [{ id: 'p', title: 'A Paper', year: 2021 }], destinations: [{ count: 2, lab: o, people: [ada, bo] }] }],
    },
  },
  LabMoves: {
    offers: {
      totalCount: 1,
      edges: [{ node: { id: 'of1', person: ada, extendedBy: bo, lab: g, totalValue: 1e8, firstYearValue: null, currency: 'USD', years: 4, date: '2025-06', status: 'declined', confidence: 'reported', note: null, sources: [src] } }],
    },
  },
  LabFlowsOut: {
    outflows: { count: 1, undated: 0, flows: [{ to: o, count: 1, buckets: [{ period: '2023', count: 1, moves: [{ id: 'm1', person: ada, date: '2023-06', confidence: 'reported', sources: [src] }] }] }] },
  },
  LabFlowsIn: {
    inflows: { count: 3, undated: 1, flows: [{ from: o, count: 3, buckets: [{ period: '2021', count: 3, moves: [{ id: 'm2', person: bo, date: '2021', confidence: 'inferred', sources: [src] }] }] }] },
  },
}

const screen = testRoot()
let calls: { op: string; variables: Record<string, unknown> }[]

function serve(answer: (op: string, variables: Record<string, unknown>) => { data?: unknown; errors?: unknown[] }) {
  calls = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> }
      const op = /query (\w+)/.exec(body.query)?.[1] ?? ''
      calls.push({ op, variables: body.variables })
      return new Response(JSON.stringify(answer(op, body.variables)), { status: 200 })
    }),
  )
}

const route = { id: 'g', asOf: '', since: '', until: '' }

afterEach(() => {
  vi.useRealTimers()
})

async function settle() {
  for (let i = 0; i < 5; i++) await act(async () => {})
}

describe('lab page', () => {
  it('shows the lab, its people, alumni flow, clusters, recruiters and offers with sources', async () => {
    serve((op) => ({ data: answers[op] }))
    await screen.render(<LabPage route={{ ...route, since: '2020' }} />)
    await settle()
    expect(calls.map((c) => c.op).sort()).toEqual(['LabAlumni', 'LabFlowsIn', 'LabFlowsOut', 'LabInfo', 'LabMoves', 'LabRecruiters'])
    expect(calls.find((c) => c.op === 'LabFlowsIn')?.variables).toEqual({ id: 'g', since: '2020', until: null })

    // Moves in and out: a bar each way per year, and a table row per year and lab with its people and sources.
    expect([...screen.container.querySelectorAll('.flow-years li')].map((e) => e.getAttribute('aria-label'))).toEqual([
      '2021: 3 came in, 0 left',
      '2023: 0 came in, 1 left',
    ])
    const flowRows = [...screen.container.querySelectorAll('.flow-table tbody tr')]
    expect(flowRows.map((r) => [...r.querySelectorAll('th, td')].slice(0, 4).map((c) => c.textContent))).toEqual([
      ['2023', 'went to', 'Omega Lab', '1'],
      ['2021', 'came from', 'Omega Lab', '3'],
    ])
    expect(flowRows[1]?.textContent).toContain('and 2 more')
    expect(flowRows[1]?.querySelector('.flow-people a')?.getAttribute('href')).toBe('#/person/bo')
    expect(flowRows[1]?.querySelector('.sources')).not.toBeNull()
    expect(calls.find((c) => c.op === 'LabAlumni')?.variables).toEqual({ id: 'g', asOf: null, since: '2020', until: null })

    expect(screen.container.querySelector('h1')?.textContent).toBe('Gamma Corp')
    expect(screen.container.querySelector('.top-lab')?.textContent).toBe('top lab')
    expect(screen.container.querySelector('.lab-children a')?.getAttribute('href')).toBe('#/lab/g-sub')
    expect(screen.container.querySelector('.lab-list a')?.getAttribute('href')).toBe('#/person/bo')

    // One band to Omega Lab and one for the alumnus whose next lab is unknown.
    const bands = screen.container.querySelectorAll('.sankey-band')
    expect(bands).toHaveLength(2)
    expect([...screen.container.querySelectorAll('.sankey-target-label')].map((e) => e.textContent)).toEqual(['Omega Lab (1)', 'next lab not known (1)'])
    await act(async () => (bands[0] as SVGGElement).dispatchEvent(new FocusEvent('focusin', { bubbles: true })))
    expect(screen.container.querySelector('.sankey figcaption')?.textContent).toBe('Omega Lab: Ada Example')

    expect(screen.container.querySelector('.cluster-card')?.textContent).toContain('A Paper')
    const rows = screen.container.querySelectorAll('.alumni-table tbody tr')
    expect(rows).toHaveLength(2)
    expect(rows[0]?.querySelector('.source a')?.getAttribute('href')).toBe('https://example.org/a')
    expect(rows[1]?.textContent).toContain('next lab not known')

    expect(screen.container.querySelector('.recruiter')?.textContent).toContain('1 recruit')
    const offer = screen.container.querySelector('.offers tbody tr')
    expect(offer?.textContent).toContain('declined')
    expect(offer?.textContent).toContain('over 4 years')
  })

  it('pages the alumni table, exports every alumnus, and says when the destinations are capped', async () => {
    const alumni = answers.LabAlumni as { labAlumni: { alumni: unknown[] } }
    const [first, second] = alumni.labAlumni.alumni
    const capped = { labAlumni: { ...alumni.labAlumni, count: 5, capped: true, alumni: [first], pageInfo: { hasNextPage: true, endCursor: 'c1' } } }
    serve((op, v) => {
      if (op === 'LabAlumni') return { data: capped }
      if (op === 'LabAlumniPage') {
        return v.after === 'c1'
          ? { data: { labAlumni: { count: 5, alumni: [second], pageInfo: { hasNextPage: true, endCursor: 'c2' } } } }
          : { data: { labAlumni: { count: 5, alumni: [], pageInfo: { hasNextPage: false, endCursor: null } } } }
      }
      return { data: answers[op] }
    })
    await screen.render(<LabPage route={route} />)
    await settle()
    expect(screen.container.querySelector('.capped')?.textContent).toContain('20 destinations')
    // Omega Lab's 1, and the other 4 alumni: past the top destinations or not known, unnamed.
    expect([...screen.container.querySelectorAll('.sankey-target-label')].map((e) => e.textContent)).toEqual(['Omega Lab (1)', 'other labs or not known (4)'])
    expect(screen.container.querySelector('.alumni-shown')?.textContent).toBe('The latest 1 of 5 shown.')
    expect(screen.container.querySelectorAll('.alumni-table tbody tr')).toHaveLength(1)

    const more = screen.container.querySelector('.lab-alumni .load-more') as HTMLButtonElement
    expect(more.textContent).toBe('Show 4 more alumni')
    await act(async () => more.click())
    await settle()
    expect(calls.find((c) => c.op === 'LabAlumniPage')?.variables).toEqual({ id: 'g', asOf: null, since: null, until: null, after: 'c1' })
    expect(screen.container.querySelectorAll('.alumni-table tbody tr')).toHaveLength(2)
    expect(screen.container.querySelector('.alumni-shown')?.textContent).toBe('The latest 2 of 5 shown.')
  })

  it('says not found for an unknown lab', async () => {
    serve((op) => (op === 'LabAlumni' ? { errors: [{ message: 'no lab', extensions: { code: 'NOT_FOUND' } }] } : { data: { ...(answers[op] as object), lab: null } }))
    await screen.render(<LabPage route={{ ...route, id: 'nope' }} />)
    await settle()
    expect(screen.container.querySelector('h1')?.textContent).toBe('Not found')
  })

  it('explains a bad date in words and keeps the form to fix it', async () => {
    serve(() => ({ errors: [{ message: 'since: "20x" is not a date', extensions: { code: 'BAD_USER_INPUT' } }] }))
    await screen.render(<LabPage route={{ ...route, since: '20x' }} />)
    await settle()
    expect(screen.container.querySelector('[role="alert"]')?.textContent).toContain('since: "20x" is not a date')
    expect(screen.container.querySelector<HTMLInputElement>('input[name="since"]')?.value).toBe('20x')
  })
})

describe('labs index', () => {
  const summary = (lab: typeof g, jobs: number) => ({ lab, founded: null, parent: null, jobs, movesOut: 1, movesIn: 2, parts: 0 })
  const index = (orderBy: string) => ({
    labs: {
      totalCount: 2,
      pageInfo: { hasNextPage: false, endCursor: 'c' },
      edges: (orderBy === 'JOBS' ? [summary(o, 9), summary(g, 3)] : [summary(g, 3), summary(o, 9)]).map((node) => ({ node })),
    },
  })

  it('searches labs and links each to its page, keeping the query in the hash', async () => {
    window.location.hash = '#/labs?q=gam'
    serve((op, v) => ({ data: op === 'LabsIndex' ? index(v.orderBy as string) : { search: [{ kind: 'LAB', lab: g }] } }))
    await screen.render(<LabsPage />)
    await settle()
    expect(calls.find((c) => c.op === 'SearchLabs')?.variables).toEqual({ query: 'gam', first: 20 })
    const link = screen.container.querySelector('.results a')
    expect(link?.getAttribute('href')).toBe('#/lab/g')
    expect(link?.textContent).toContain('Gamma Corp')
    expect(window.location.hash).toBe('#/labs?q=gam')
  })

  it('lists every lab without typing and sorts by a click on a heading, keeping the order in the hash', async () => {
    window.location.hash = '#/labs'
    serve((op, v) => ({ data: op === 'LabsIndex' ? index(v.orderBy as string) : { search: [] } }))
    await screen.render(<LabsPage />)
    await settle()
    expect(calls.map((c) => c.op)).toEqual(['LabsIndex'])
    const names = () => [...screen.container.querySelectorAll('.labs-table tbody th > a')].map((a) => a.textContent)
    expect(names()).toEqual(['Gamma Corp', 'Omega Lab'])
    const jobs = [...screen.container.querySelectorAll<HTMLButtonElement>('.sort-button')].find((b) => b.textContent?.startsWith('Jobs'))
    await act(async () => jobs?.click())
    await settle()
    expect(calls.at(-1)?.variables).toEqual({ orderBy: 'JOBS', after: null })
    expect(names()).toEqual(['Omega Lab', 'Gamma Corp'])
    expect(screen.container.querySelector('th[aria-sort]')?.textContent).toBe('Jobs recorded ▼')
    expect(window.location.hash).toBe('#/labs?sort=JOBS')
  })
})
