import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { testRoot } from './testing.tsx'
import App from './App.tsx'
import i18n from './i18n.ts'
import type { PersonDetail } from './person/api.ts'

const ada: PersonDetail = {
  id: 'ada-example',
  name: 'Ada Example',
  nativeName: null,
  aliases: [],
  orcid: null,
  openalex: null,
  dblp: null,
  googleScholar: null,
  sources: [{ id: 's1', publisher: 'Example Times', title: 'A profile', date: '2025-08-01', url: 'https://example.org/a', note: null }],
  degrees: [
    { id: 'd1', lab: { id: 'delta', name: 'Delta University', kind: 'university', country: null }, degree: 'phd', field: 'machine learning', start: '2016', end: null, completed: false, advisorId: 'bo-example', advisorName: 'Bo Example', sources: [] },
  ],
  stints: [
    { id: 'st3', lab: { id: 'gamma', name: 'Gamma Corp', kind: 'company', country: 'US' }, role: 'researcher', founder: false, start: '2025-08', end: null, lastSeen: null, concurrent: false, confidence: 'reported', note: null, sources: [] },
    { id: 'st1', lab: { id: 'alpha', name: 'Lab Alpha', kind: 'institute', country: 'US' }, role: null, founder: false, start: '2020', end: '2024', lastSeen: null, concurrent: false, confidence: 'reported', note: null, sources: [] },
    { id: 'st2', lab: { id: 'beta', name: 'Beta Startup', kind: 'startup', country: 'US' }, role: 'co-founder', founder: false, start: '2024-11', end: '2025', lastSeen: null, concurrent: false, confidence: 'unconfirmed', note: 'one report', sources: [] },
  ],
  paperCount: 0,
  papers: [],
  moves: [],
  credentials: [
    { credential: 'aiPhd', met: false, degrees: [], stints: [], papers: [] },
    { credential: 'topLab', met: false, degrees: [], stints: [], papers: [] },
    { credential: 'breakthrough', met: false, degrees: [], stints: [], papers: [] },
  ],
}

const report = { id: 's3', publisher: 'Example Weekly', title: 'The paper', date: '2017', url: 'https://example.org/p', note: null }
const authorshipReport = { id: 's4', publisher: 'Example Daily', title: 'Who wrote it', date: null, url: 'https://example.org/w', note: null }
const moveReport = { id: 's5', publisher: 'Example Times', title: 'Ada moves', date: '2024-11-02', url: 'https://example.org/m', note: null }

// adaInFull has papers (one a breakthrough), a move with a recruiter and
// two credentials met, each with its evidence and sources.
const adaInFull: PersonDetail = {
  ...ada,
  paperCount: 2,
  papers: [
    { position: 2, sources: [authorshipReport, report], paper: { id: 'p-new', title: 'A Later Paper', year: 2023, venue: null, doi: null, arxiv: null, citations: 12, breakthrough: false, sources: [report] } },
    { position: 1, sources: [authorshipReport], paper: { id: 'p-break', title: 'A Breakthrough Paper', year: 2017, venue: 'NeurIPS', doi: null, arxiv: '1706.00000', citations: 150000, breakthrough: true, sources: [report] } },
  ],
  moves: [
    {
      id: 'm1', date: '2024-11', from: { id: 'alpha', name: 'Lab Alpha', kind: 'institute', country: 'US' }, to: { id: 'beta', name: 'Beta Startup', kind: 'startup', country: 'US' },
      recruiter: { id: 'bo-example', name: 'Bo Example', nativeName: null }, offerId: null, confidence: 'reported', note: null, sources: [moveReport],
    },
    { id: 'm2', date: null, from: null, to: { id: 'gamma', name: 'Gamma Corp', kind: 'company', country: 'US' }, recruiter: null, offerId: null, confidence: 'unconfirmed', note: null, sources: [] },
  ],
  credentials: [
    { credential: 'aiPhd', met: false, degrees: [], stints: [], papers: [] },
    {
      credential: 'topLab', met: true, degrees: [], papers: [],
      stints: [{ id: 'st1', role: null, start: '2020', end: '2024', lab: { id: 'alpha', name: 'Lab Alpha' }, sources: [moveReport] } as PersonDetail['credentials'][number]['stints'][number]],
    },
    {
      credential: 'breakthrough', met: true, degrees: [], stints: [],
      papers: [{ id: 'p-break', title: 'A Breakthrough Paper', year: 2017, citations: 150000, breakthrough: true, sources: [report] } as PersonDetail['credentials'][number]['papers'][number]],
    },
  ],
}

// noOffers is the offers root field for a person who received none.
const noOffers = { totalCount: 0, edges: [] }

const screen = testRoot()
let queries: { query: string; variables: Record<string, unknown> }[]

function serve(answer: (variables: Record<string, unknown>) => unknown) {
  queries = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> }
      queries.push(body)
      return new Response(JSON.stringify({ data: answer(body.variables) }), { status: 200 })
    }),
  )
}

async function render() {
  await screen.render(<App />)
}

async function type(value: string) {
  const input = screen.container.querySelector<HTMLInputElement>('#search-input')
  if (!input) throw new Error('no search input')
  // React tracks the DOM value itself, so set it through the prototype's
  // setter for its change event to fire.
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
  await act(async () => {
    setter?.call(input, value)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  })
}

beforeEach(() => {
  vi.useFakeTimers({ shouldAdvanceTime: true })
  window.location.hash = ''
})

afterEach(() => {
  vi.useRealTimers()
})

describe('search', () => {
  it('waits for a pause in typing, then lists matches as links', async () => {
    serve(() => ({ search: [{ kind: 'PERSON', person: { id: 'ada-example', name: 'Ada Example', nativeName: null } }] }))
    await render()
    await type('Dei')
    await type('Example')
    expect(queries).toHaveLength(0)
    await act(async () => {
      await vi.advanceTimersByTimeAsync(250)
    })
    expect(queries.map((q) => q.variables.query)).toEqual(['Example'])
    const link = screen.container.querySelector<HTMLAnchorElement>('.results a')
    expect(link?.textContent).toBe('Ada Example')
    expect(link?.getAttribute('href')).toBe('#/person/ada-example')
    expect(window.location.hash).toBe('#/?q=Example')
  })

  it('says so when no one matches', async () => {
    serve(() => ({ search: [] }))
    await render()
    await type('zzqx')
    await act(async () => {
      await vi.advanceTimersByTimeAsync(250)
    })
    expect(screen.container.querySelector('[role=status]')?.textContent).toBe('No one matches “zzqx”.')
  })
})

describe('person page', () => {
  it('lists labs oldest first with their periods', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: ada, offers: noOffers, deals: [] }))
    await render()
    expect(screen.container.querySelector('h1')?.textContent).toBe('Ada Example')
    const rows = [...screen.container.querySelectorAll('ol.stints:not(.degrees) > li')].map(
      (li) => `${li.querySelector('.lab-name')?.textContent}: ${li.querySelector('.stint-period')?.textContent}`,
    )
    expect(rows).toEqual(['Lab Alpha: 2020 – 2024', 'Beta Startup: Nov 2024 – 2025', 'Gamma Corp: from Aug 2025'])
    expect(screen.container.querySelector('.person-header .sources summary')?.textContent).toContain('source')
    expect(document.title).toBe('Ada Example · The List')
  })

  it('shows studies with how they ended, and flags facts that are not plainly reported', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: ada, offers: noOffers, deals: [] }))
    await render()
    const degree = screen.container.querySelector('ol.degrees > li')
    expect(degree?.querySelector('.lab-name')?.textContent).toBe('Delta University')
    expect(degree?.querySelector('.role')?.textContent).toBe('PhD in machine learning, left before finishing')
    expect(degree?.querySelector('.advisor a')?.getAttribute('href')).toBe('#/person/bo-example')
    const badges = [...screen.container.querySelectorAll('.confidence')].map((b) => b.textContent)
    expect(badges).toEqual(['unconfirmed'])
  })

  it('lists the offers made to the person with the package, who extended it, the outcome and the sources', async () => {
    window.location.hash = '#/person/ada-example'
    const offer = {
      id: 'gamma.ada',
      person: { id: 'ada-example', name: 'Ada Example', nativeName: null },
      extendedBy: { id: 'bo-example', name: 'Bo Example', nativeName: null },
      lab: { id: 'gamma', name: 'Gamma Corp', kind: 'company', country: 'US' },
      totalValue: 250_000_000,
      firstYearValue: 100_000_000,
      currency: 'USD',
      years: 4,
      date: '2025-07',
      status: 'accepted',
      confidence: 'reported',
      note: null,
      sources: [{ id: 's2', publisher: 'Example Times', title: 'The offer', date: '2025-08-01', url: 'https://example.org/o', note: null }],
    }
    serve(() => ({ person: ada, offers: { totalCount: 1, edges: [{ node: offer }] }, deals: [] }))
    await render()
    expect(queries[0]?.query).toContain('offers(where: { person: $id }')
    expect(screen.container.querySelector('#offers-heading')?.textContent).toBe('Offers received')
    const row = screen.container.querySelector('ol.offers > li')
    expect(row?.querySelector('.stint-period')?.textContent).toBe('Jul 2025')
    expect(row?.querySelector('.lab-name')?.getAttribute('href')).toBe('#/lab/gamma')
    expect(row?.querySelector('.advisor')?.textContent).toBe('extended by Bo Example')
    // The amounts' compact form is ICU's (lab/format.ts); what matters here
    // is that total, years and first year are all there, in that order.
    expect(row?.querySelector('.amount')?.textContent).toMatch(/^US\$250.*over 4 years, US\$100.* the first year$/)
    expect(row?.querySelector('.offer-status')?.textContent).toBe('accepted')
    expect(row?.querySelector('details.sources a')?.getAttribute('href')).toBe('https://example.org/o')
    // A dated offer is a mark on the timeline, on a row of its own.
    expect([...screen.container.querySelectorAll('.timeline-mark-row .timeline-label')].map((e) => e.textContent)).toEqual(['Offer: Gamma Corp'])
    expect(screen.container.querySelector('.timeline-mark')?.classList.contains('kind-company')).toBe(true)
  })

  it('shows no offers section for a person who received none', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: ada, offers: noOffers, deals: [] }))
    await render()
    expect(screen.container.querySelector('h1')?.textContent).toBe('Ada Example')
    expect(screen.container.querySelector('#offers-heading')).toBeNull()
  })

  it('shows the credentials, each met or not with its evidence and sources', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: adaInFull, offers: noOffers, deals: [] }))
    await render()
    expect(queries[0]?.query).toContain('credentials {')
    expect(screen.container.querySelector('#credentials-heading')?.textContent).toBe('Credentials of The List')
    const creds = [...screen.container.querySelectorAll('.creds > li')].map(
      (li) => `${li.querySelector('.cred-name')?.textContent}: ${li.querySelector('.cred-verdict')?.textContent}`,
    )
    expect(creds).toEqual(['AI PhD: not met', 'Top lab: met', 'Breakthrough: met'])
    const breakthrough = screen.container.querySelectorAll('.creds > li')[2]
    expect(breakthrough?.querySelector('.evidence-title')?.textContent).toBe('A Breakthrough Paper')
    // The evidence's sources come with the page, not from a second request.
    expect(breakthrough?.querySelector('.evidence details.sources a')?.getAttribute('href')).toBe('https://example.org/p')
    expect(queries).toHaveLength(2) // the person, and the recruitment section
  })

  it('lists the moves oldest first, on the timeline too, with the recruiter and sources', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: adaInFull, offers: noOffers, deals: [] }))
    await render()
    const rows = [...screen.container.querySelectorAll('ol.moves > li')]
    expect(rows.map((li) => li.querySelector('.stint-period')?.textContent)).toEqual(['Nov 2024', 'date not reported'])
    expect(rows[0]?.querySelector('.move-labs')?.textContent).toBe('Lab Alpha → moved toBeta Startup')
    expect(rows[0]?.querySelector('.recruiter a')?.getAttribute('href')).toBe('#/person/bo-example')
    expect(rows[0]?.querySelector('.recruiter')?.textContent).toBe('recruited by Bo Example')
    expect(rows[0]?.querySelector('details.sources a')?.getAttribute('href')).toBe('https://example.org/m')
    expect(rows[1]?.querySelector('.lab-name.unknown')?.textContent).toBe('not reported')
    expect(rows[1]?.querySelector('.confidence')?.textContent).toBe('unconfirmed')
    // The dated move is a circle on the timeline; the undated one only listed.
    const marks = [...screen.container.querySelectorAll('.timeline-mark-row .timeline-label')].map((e) => e.textContent)
    expect(marks).toEqual(['Move to Beta Startup'])
    expect(screen.container.querySelector('.timeline-mark.move')?.classList.contains('kind-startup')).toBe(true)
    // Studies are on the timeline beside the jobs.
    expect(screen.container.querySelector('.timeline-study-row .timeline-label')?.textContent).toBe('Delta University')
  })

  // The words before the recruiter carry their own space or full-width
  // colon, so Chinese reads without a space after the colon.
  it('names the recruiter of a move in Chinese with no space after the colon', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: adaInFull, offers: noOffers, deals: [] }))
    await act(async () => {
      await i18n.changeLanguage('zh')
    })
    try {
      await render()
      expect(screen.container.querySelector('ol.moves .recruiter')?.textContent).toBe('招募人：Bo Example')
    } finally {
      await act(async () => {
        await i18n.changeLanguage('en')
      })
    }
  })

  it('lists the papers with breakthroughs marked, the position and the sources of both', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: adaInFull, offers: noOffers, deals: [] }))
    await render()
    expect(queries[0]?.query).toContain('papers(first: 100)')
    const rows = [...screen.container.querySelectorAll('ol.papers > li')]
    expect(rows.map((li) => li.querySelector('.paper-title')?.textContent)).toEqual(['A Later Paper', 'A Breakthrough Paper'])
    expect(rows.map((li) => li.classList.contains('breakthrough'))).toEqual([false, true])
    expect(rows[1]?.querySelector('.breakthrough-badge')?.textContent).toBe('breakthrough')
    expect(rows[0]?.querySelector('.breakthrough-badge')).toBeNull()
    expect(rows.map((li) => li.querySelector('.position')?.textContent)).toEqual(['author no. 2', 'first author'])
    expect(rows[1]?.querySelector('a.paper-link')?.getAttribute('href')).toBe('https://arxiv.org/abs/1706.00000')
    expect(rows[0]?.querySelector('a.paper-link')).toBeNull()
    expect(screen.container.querySelector('#papers-heading + p')?.textContent).toBe('One paper is called a breakthrough by a cited source.')
    // Each report once: the authorship's, then the paper's it does not cite.
    const urls = (li: Element | undefined) => [...(li?.querySelectorAll('details.sources a') ?? [])].map((a) => a.getAttribute('href'))
    expect(urls(rows[0])).toEqual(['https://example.org/w', 'https://example.org/p'])
    expect(urls(rows[1])).toEqual(['https://example.org/w', 'https://example.org/p'])
  })

  it('says how many papers there are and reads past the first 100, a page at a time', async () => {
    const paper = (i: number): PersonDetail['papers'][number] => ({
      position: null, sources: [], paper: { id: `p${i}`, title: `Paper ${i}`, year: 2000 + (i % 20), venue: null, doi: null, arxiv: null, citations: null, breakthrough: false, sources: [] },
    })
    const many = { ...ada, paperCount: 150, papers: Array.from({ length: 100 }, (_, i) => paper(i)) }
    window.location.hash = '#/person/ada-example'
    serve((v) => ('offset' in v ? { person: { papers: Array.from({ length: 50 }, (_, i) => paper(100 + i)) } } : { person: many, offers: noOffers, deals: [] }))
    await render()
    expect(screen.container.querySelector('#papers-heading')?.textContent).toBe('Papers (150)')
    expect(screen.container.querySelector('.papers-shown')?.textContent).toBe('The newest 100 of 150 shown.')
    expect(screen.container.querySelectorAll('ol.papers > li')).toHaveLength(100)
    const more = [...screen.container.querySelectorAll('button')].find((b) => b.textContent === 'Show 50 more papers')
    await act(async () => more?.click())
    for (let i = 0; i < 5; i++) await act(async () => {})
    expect(queries.at(-1)?.variables).toEqual({ id: 'ada-example', offset: 100 })
    expect(screen.container.querySelectorAll('ol.papers > li')).toHaveLength(150)
    expect(screen.container.querySelector('.papers-shown')).toBeNull()
    expect([...screen.container.querySelectorAll('button')].some((b) => b.textContent?.startsWith('Show'))).toBe(false)
  })

  it('shows no moves or papers sections for a person with none', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: ada, offers: noOffers, deals: [] }))
    await render()
    expect(screen.container.querySelector('#moves-heading')).toBeNull()
    expect(screen.container.querySelector('#papers-heading')).toBeNull()
    expect(screen.container.querySelectorAll('.creds > li.unmet')).toHaveLength(3)
  })

  it('says not found for an unknown id', async () => {
    window.location.hash = '#/person/nobody'
    serve(() => ({ person: null, offers: noOffers, deals: [] }))
    await render()
    expect(screen.container.querySelector('h1')?.textContent).toBe('Not found')
  })
})
