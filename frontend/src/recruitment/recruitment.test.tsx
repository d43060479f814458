import { act } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import type { PersonRef } from '../graphql/types.ts'
import type { ChainEdge, RecruitmentChains } from './api.ts'
import i18n from '../i18n.ts'
import { parseHash, recruitmentHash } from '../route.ts'
import RecruitmentPage from './RecruitmentPage.tsx'
import { RecruitmentTree } from './RecruitmentTree.tsx'
import { testRoot } from '../testing.tsx'
import { buildTree, treeKey, visibleItems, type ChainNode } from './tree.ts'

const person = (id: string, name: string, nativeName: string | null = null): PersonRef => ({ id, name, nativeName })
const ada = person('ada', 'Ada Example')
const bo = person('bo', 'Bo Example')
const cy = person('cy', 'Cy Example')
const di = person('di', 'Di Example', '李迪')
const ed = person('ed', 'Ed Example')
const fay = person('fay', 'Fay Example')

function edge(recruiter: PersonRef, recruit: PersonRef, date: string | null, inferred = false): ChainEdge {
  return {
    id: `${recruiter.id}.recruited.${recruit.id}`,
    recruiter,
    recruit,
    date,
    toLab: { id: 'gamma', name: 'Gamma Corp', kind: 'company', country: 'US' },
    inferred,
    confidence: inferred ? 'inferred' : 'reported',
    note: inferred ? 'from a shared move' : null,
    sources: [{ id: `src-${recruiter.id}-${recruit.id}`, publisher: 'Example Times', title: 'Who hired whom', date: '2025', url: 'https://example.org/r', note: null }],
  }
}

// Bo is the person asked about. Ada recruited Bo, and Fay recruited Ada
// (the chain up); Bo recruited Di (2024-03), Cy (2023) and Ed (undated),
// and Cy went on to recruit Fay.
const fayAda = edge(fay, ada, '2019')
const adaBo = edge(ada, bo, '2020-05')
const boCy = edge(bo, cy, '2023')
const boDi = edge(bo, di, '2024-03', true)
const boEd = edge(bo, ed, null)
const cyFay = edge(cy, fay, '2024')
const chains: RecruitmentChains = {
  person: bo,
  recruitedBy: [adaBo],
  recruited: [boDi, boEd, boCy],
  chainsUp: [{ hops: [fayAda, adaBo] }],
  chainsDown: [{ hops: [boCy, cyFay] }, { hops: [boDi] }, { hops: [boEd] }],
}

const names = (nodes: ChainNode[]): string[] => nodes.map((n) => n.person.name)

describe('buildTree', () => {
  it('grows down from the person: recruits oldest first, undated last, each with whom they recruited', () => {
    const down = buildTree(chains, 'down')
    expect(names(down)).toEqual(['Cy Example', 'Di Example', 'Ed Example'])
    expect(names(down[0]?.children ?? [])).toEqual(['Fay Example'])
    expect(down[0]?.children[0]?.edge.id).toBe('cy.recruited.fay')
    expect(down[2]?.edge.date).toBeNull()
  })

  it('grows up from the person: the recruiter first, then who recruited the recruiter', () => {
    const up = buildTree(chains, 'up')
    expect(names(up)).toEqual(['Ada Example'])
    expect(up[0]?.edge.id).toBe('ada.recruited.bo')
    expect(names(up[0]?.children ?? [])).toEqual(['Fay Example'])
    expect(up[0]?.children[0]?.edge.id).toBe('fay.recruited.ada')
  })

  it('merges chains that share a start into one branch, and keeps a direct edge no chain lists', () => {
    const r: RecruitmentChains = {
      ...chains,
      recruited: [boCy, boDi],
      // Two chains through Cy, and none through Di.
      chainsDown: [{ hops: [boCy, cyFay] }, { hops: [boCy, edge(cy, ada, '2023-11')] }],
    }
    const down = buildTree(r, 'down')
    expect(names(down)).toEqual(['Cy Example', 'Di Example'])
    // Cy's recruits in date order: Ada (2023-11) before Fay (2024).
    expect(names(down[0]?.children ?? [])).toEqual(['Ada Example', 'Fay Example'])
  })

  it('orders a year alone before a month of that year, and same-day recruits by name', () => {
    const r: RecruitmentChains = {
      ...chains,
      recruited: [edge(bo, di, '2024-03'), edge(bo, cy, '2024-03'), edge(bo, ed, '2024')],
      chainsDown: [],
    }
    expect(names(buildTree(r, 'down'))).toEqual(['Ed Example', 'Cy Example', 'Di Example'])
  })
})

describe('treeKey', () => {
  const roots = buildTree(chains, 'down')
  const none = new Set<string>()
  const items = visibleItems(roots, none)
  const key = (name: string) => items.find((it) => it.node.person.name === name)?.node.key as string

  it('lists the visible items depth first, and hides the children of a closed branch', () => {
    expect(items.map((it) => `${it.level}:${it.node.person.name}`)).toEqual(['1:Cy Example', '2:Fay Example', '1:Di Example', '1:Ed Example'])
    expect(visibleItems(roots, new Set([key('Cy Example')])).map((it) => it.node.person.name)).toEqual(['Cy Example', 'Di Example', 'Ed Example'])
  })

  it('moves up and down through visible items, stopping at the ends, and jumps with Home and End', () => {
    expect(treeKey('ArrowDown', items, key('Cy Example'), none)).toEqual({ focus: key('Fay Example') })
    expect(treeKey('ArrowDown', items, key('Ed Example'), none)).toEqual({ focus: key('Ed Example') })
    expect(treeKey('ArrowUp', items, key('Di Example'), none)).toEqual({ focus: key('Fay Example') })
    expect(treeKey('ArrowUp', items, key('Cy Example'), none)).toEqual({ focus: key('Cy Example') })
    expect(treeKey('End', items, key('Cy Example'), none)).toEqual({ focus: key('Ed Example') })
    expect(treeKey('Home', items, key('Ed Example'), none)).toEqual({ focus: key('Cy Example') })
  })

  it('closes an open branch with Left, then steps to the parent; opens with Right, then steps in', () => {
    const cyKey = key('Cy Example')
    expect(treeKey('ArrowLeft', items, cyKey, none)).toEqual({ focus: cyKey, collapse: cyKey })
    expect(treeKey('ArrowLeft', items, key('Fay Example'), none)).toEqual({ focus: cyKey })
    const closed = new Set([cyKey])
    const closedItems = visibleItems(roots, closed)
    expect(treeKey('ArrowRight', closedItems, cyKey, closed)).toEqual({ focus: cyKey, expand: cyKey })
    expect(treeKey('ArrowRight', items, cyKey, none)).toEqual({ focus: key('Fay Example') })
    // A leaf has nothing to open, and a root nowhere to step out to.
    expect(treeKey('ArrowRight', items, key('Ed Example'), none)).toEqual({ focus: key('Ed Example') })
    expect(treeKey('ArrowLeft', items, key('Ed Example'), none)).toEqual({ focus: key('Ed Example') })
  })

  it('leaves keys it does not use to the browser', () => {
    expect(treeKey('Tab', items, key('Cy Example'), none)).toBeNull()
    expect(treeKey('ArrowDown', items, 'no-such-key', none)).toBeNull()
  })
})

describe('routes', () => {
  it('round-trips a person and a chain length, leaving the default out', () => {
    expect(recruitmentHash('matt-deitke')).toBe('#/recruitment/matt-deitke')
    expect(parseHash(recruitmentHash('matt-deitke', 'zh', 5))).toEqual({ page: 'recruitment', id: 'matt-deitke', depth: 5 })
    expect(parseHash('#/recruitment/a?depth=99')).toEqual({ page: 'recruitment', id: 'a', depth: 3 })
  })
})

describe('the tree on screen', () => {
  const screen = testRoot()

  beforeEach(async () => {
    await i18n.changeLanguage('en')
  })

  const items = () => [...screen.container.querySelectorAll<HTMLElement>('[role=treeitem]')]
  const focused = () => document.activeElement?.querySelector('.chain-person')?.textContent
  const press = (key: string) =>
    act(() => {
      document.activeElement?.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
    })

  it('is an ARIA tree with one tab stop that the arrow keys move, open and close', async () => {
    await screen.render(<RecruitmentTree roots={buildTree(chains, 'down')} direction="down" label="Whom Bo recruited" />)
    const tree = screen.container.querySelector('[role=tree]')
    expect(tree?.getAttribute('aria-label')).toBe('Whom Bo recruited')
    expect(items().map((li) => `${li.getAttribute('aria-level')}:${li.getAttribute('aria-posinset')}/${li.getAttribute('aria-setsize')}`)).toEqual([
      '1:1/3',
      '2:1/1',
      '1:2/3',
      '1:3/3',
    ])
    expect(items().filter((li) => li.tabIndex === 0)).toHaveLength(1)
    expect(items()[0]?.getAttribute('aria-expanded')).toBe('true')
    expect(items()[2]?.hasAttribute('aria-expanded')).toBe(false)

    act(() => items()[0]?.focus())
    await press('ArrowDown')
    expect(focused()).toBe('Fay Example')
    await press('ArrowLeft')
    expect(focused()).toBe('Cy Example')
    await press('ArrowLeft')
    expect(items()[0]?.getAttribute('aria-expanded')).toBe('false')
    expect(items().map((li) => li.querySelector('.chain-person')?.textContent)).toEqual(['Cy Example', 'Di Example', 'Ed Example'])
    await press('ArrowDown')
    expect(focused()).toBe('Di Example')
    // Only the current item and its controls are in the Tab order.
    expect(items().filter((li) => li.tabIndex === 0).map((li) => li.querySelector('.chain-person')?.textContent)).toEqual(['Di Example'])
    expect(items()[0]?.querySelector<HTMLElement>('.chain-person')?.tabIndex).toBe(-1)
    expect(items()[1]?.querySelector<HTMLElement>('summary')?.tabIndex).toBe(0)
  })

  it('shows each recruitment with its date, its reported or inferred badge, the native name and its sources', async () => {
    await screen.render(<RecruitmentTree roots={buildTree(chains, 'down')} direction="down" label="Whom Bo recruited" />)
    const di = items().find((li) => li.querySelector('.chain-person')?.textContent === 'Di Example')
    expect(di?.querySelector('.native-name')?.textContent?.trim()).toBe('李迪')
    expect(di?.querySelector('.chain-edge')?.textContent).toBe(' recruited by Bo Example, Mar 2024 to Gamma Corp')
    expect(di?.querySelector('.badge')?.textContent).toBe('inferred')
    // The note is text beside the badge, not a tooltip only a mouse can reach.
    expect(di?.querySelector('.caveat')?.textContent).toBe('from a shared move')
    expect(di?.querySelector('.badge')?.hasAttribute('title')).toBe(false)
    expect(di?.querySelector('details.sources a')?.getAttribute('href')).toBe('https://example.org/r')
    const ed = items().find((li) => li.querySelector('.chain-person')?.textContent === 'Ed Example')
    expect(ed?.querySelector('.chain-edge')?.textContent).toBe(' recruited by Bo Example, date not reported to Gamma Corp')
    expect(ed?.querySelector('.badge')?.textContent).toBe('reported')
  })

  it('reads the chains of the person in the URL, in Chinese too', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ data: { recruitment: chains } }), { status: 200 })),
    )
    await i18n.changeLanguage('zh')
    await screen.render(<RecruitmentPage id="bo" depth={4} />)
    await act(async () => {})
    const fetchMock = vi.mocked(fetch)
    const body = JSON.parse((fetchMock.mock.calls[0]?.[1] as RequestInit).body as string) as { variables: unknown }
    expect(body.variables).toEqual({ id: 'bo', depth: 4 })
    expect(screen.container.querySelector('h1')?.textContent).toBe('Bo Example 的招募链')
    expect([...screen.container.querySelectorAll('h2')].map((h) => h.textContent)).toEqual(['被谁招募', '招募了谁'])
    expect(screen.container.querySelector('[role=tree]')?.getAttribute('aria-label')).toBe('谁招募了 Bo Example，以及谁招募了他们')
    expect(screen.container.querySelector('.chain-edge')?.textContent).toBe(' 招募了 Bo Example，2020年5月 加入 Gamma Corp')
    expect(screen.container.querySelector<HTMLSelectElement>('select')?.value).toBe('4')
  })

  // The heading's words go around the name in Chinese and before it in
  // English; the name, marked not to be machine-translated, is shown as
  // written even when it looks like markup.
  it.each([
    ['en', 'Recruitment chains of Bo <b>Example</b> & Co'],
    ['zh', 'Bo <b>Example</b> & Co 的招募链'],
  ])('puts the name where %s reads it in the heading', async (lang, want) => {
    const odd = { ...chains, person: person('bo', 'Bo <b>Example</b> & Co') }
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ data: { recruitment: odd } }), { status: 200 })),
    )
    await i18n.changeLanguage(lang)
    await screen.render(<RecruitmentPage id="bo" depth={4} />)
    await act(async () => {})
    const h1 = screen.container.querySelector('h1')
    expect(h1?.textContent).toBe(want)
    expect(h1?.querySelector('span[translate=no]')?.textContent).toBe('Bo <b>Example</b> & Co')
    expect(h1?.querySelector('b')).toBeNull()
  })
})
