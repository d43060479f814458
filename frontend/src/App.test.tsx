import { act } from 'react'
import { createRoot, type Root } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import App from './App.tsx'
import type { Person } from './api.ts'

// React warns about updates outside act() unless told this is a test.
;(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true

const ada: Person = {
  id: 'ada-example',
  name: 'Ada Example',
  nativeName: null,
  sources: [{ id: 's1', publisher: 'Example Times', title: 'A profile', date: '2025-08-01', url: 'https://example.org/a', note: null }],
  degrees: [
    { id: 'd1', lab: { id: 'delta', name: 'Delta University', kind: 'university', country: null }, degree: 'phd', field: 'machine learning', start: '2016', end: null, completed: false, advisorId: 'bo-example', advisorName: 'Bo Example', sources: [] },
  ],
  stints: [
    { id: 'st3', lab: { id: 'gamma', name: 'Gamma Corp', kind: 'company', country: 'US' }, role: 'researcher', start: '2025-08', end: null, confidence: 'reported', note: null, sources: [] },
    { id: 'st1', lab: { id: 'alpha', name: 'Lab Alpha', kind: 'institute', country: 'US' }, role: null, start: '2020', end: '2024', confidence: 'reported', note: null, sources: [] },
    { id: 'st2', lab: { id: 'beta', name: 'Beta Startup', kind: 'startup', country: 'US' }, role: 'co-founder', start: '2024-11', end: '2025', confidence: 'unconfirmed', note: 'one report', sources: [] },
  ],
}

// noOffers is the offers root field for a person who received none.
const noOffers = { totalCount: 0, edges: [] }

let container: HTMLDivElement
let root: Root
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
  await act(async () => {
    root.render(<App />)
  })
}

async function type(value: string) {
  const input = container.querySelector<HTMLInputElement>('#search-input')
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
  container = document.createElement('div')
  document.body.append(container)
  root = createRoot(container)
})

afterEach(() => {
  act(() => root.unmount())
  container.remove()
  vi.useRealTimers()
  vi.unstubAllGlobals()
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
    const link = container.querySelector<HTMLAnchorElement>('.results a')
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
    expect(container.querySelector('[role=status]')?.textContent).toBe('No one matches “zzqx”.')
  })
})

describe('person page', () => {
  it('lists labs oldest first with their periods', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: ada, offers: noOffers }))
    await render()
    expect(container.querySelector('h1')?.textContent).toBe('Ada Example')
    const rows = [...container.querySelectorAll('ol.stints:not(.degrees) > li')].map(
      (li) => `${li.querySelector('.lab-name')?.textContent}: ${li.querySelector('.stint-period')?.textContent}`,
    )
    expect(rows).toEqual(['Lab Alpha: 2020 – 2024', 'Beta Startup: Nov 2024 – 2025', 'Gamma Corp: from Aug 2025'])
    expect(container.querySelector('.person-header .sources summary')?.textContent).toContain('source')
    expect(document.title).toBe('Ada Example · The List')
  })

  it('shows studies with how they ended, and flags facts that are not plainly reported', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: ada, offers: noOffers }))
    await render()
    const degree = container.querySelector('ol.degrees > li')
    expect(degree?.querySelector('.lab-name')?.textContent).toBe('Delta University')
    expect(degree?.querySelector('.role')?.textContent).toBe('PhD in machine learning, left before finishing')
    expect(degree?.querySelector('.advisor a')?.getAttribute('href')).toBe('#/person/bo-example')
    const badges = [...container.querySelectorAll('.confidence')].map((b) => b.textContent)
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
    serve(() => ({ person: ada, offers: { totalCount: 1, edges: [{ node: offer }] } }))
    await render()
    expect(queries[0]?.query).toContain('offers(where: { person: $id }')
    expect(container.querySelector('#offers-heading')?.textContent).toBe('Offers received')
    const row = container.querySelector('ol.offers > li')
    expect(row?.querySelector('.stint-period')?.textContent).toBe('Jul 2025')
    expect(row?.querySelector('.lab-name')?.getAttribute('href')).toBe('#/lab/gamma')
    expect(row?.querySelector('.advisor')?.textContent).toBe('extended by Bo Example')
    // The amounts' compact form is ICU's (lab/format.ts); what matters here
    // is that total, years and first year are all there, in that order.
    expect(row?.querySelector('.amount')?.textContent).toMatch(/^US\$250.*over 4 years, US\$100.* the first year$/)
    expect(row?.querySelector('.offer-status')?.textContent).toBe('accepted')
    expect(row?.querySelector('details.sources a')?.getAttribute('href')).toBe('https://example.org/o')
    // A dated offer is a mark on the timeline, on a row of its own.
    expect([...container.querySelectorAll('.timeline-mark-row .timeline-label')].map((e) => e.textContent)).toEqual(['Offer: Gamma Corp'])
    expect(container.querySelector('.timeline-mark')?.classList.contains('kind-company')).toBe(true)
  })

  it('shows no offers section for a person who received none', async () => {
    window.location.hash = '#/person/ada-example'
    serve(() => ({ person: ada, offers: noOffers }))
    await render()
    expect(container.querySelector('h1')?.textContent).toBe('Ada Example')
    expect(container.querySelector('#offers-heading')).toBeNull()
  })

  it('says not found for an unknown id', async () => {
    window.location.hash = '#/person/nobody'
    serve(() => ({ person: null, offers: noOffers }))
    await render()
    expect(container.querySelector('h1')?.textContent).toBe('Not found')
  })
})
