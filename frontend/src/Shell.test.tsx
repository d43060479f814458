import { act } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import App from './App.tsx'
import type { PersonDetail } from './person/api.ts'
import i18n, { initialLang } from './i18n.ts'
import { settle, testRoot, waitFor } from './testing.tsx'

const ada: PersonDetail = {
  id: 'ada-example',
  name: 'Ada Example',
  nativeName: '艾达',
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
    { id: 'st1', lab: { id: 'alpha', name: 'Lab Alpha', kind: 'institute', country: 'US' }, role: null, founder: false, start: '2020', end: '2024', lastSeen: null, concurrent: false, confidence: 'reported', note: null, sources: [] },
    { id: 'st2', lab: { id: 'beta', name: 'Beta Startup', kind: 'startup', country: 'US' }, role: 'co-founder', founder: false, start: '2024-11', end: null, lastSeen: null, concurrent: false, confidence: 'unconfirmed', note: 'one report', sources: [] },
  ],
  paperCount: 1,
  papers: [
    { position: 1, sources: [], paper: { id: 'p1', title: 'A Breakthrough Paper', year: 2017, venue: null, doi: null, arxiv: null, citations: null, breakthrough: true, sources: [] } },
  ],
  moves: [],
  credentials: [
    { credential: 'aiPhd', met: false, degrees: [], stints: [], papers: [] },
    { credential: 'topLab', met: false, degrees: [], stints: [], papers: [] },
    { credential: 'breakthrough', met: true, degrees: [], stints: [], papers: [{ id: 'p1', title: 'A Breakthrough Paper', year: 2017, citations: null, breakthrough: true, sources: [] }] },
  ],
}

const screen = testRoot()

function serve(answer: (variables: Record<string, unknown>) => unknown) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(init.body as string) as { variables: Record<string, unknown> }
      return new Response(JSON.stringify(answer(body.variables)), { status: 200 })
    }),
  )
}

async function render() {
  await screen.render(<App />)
}

function button(name: string): HTMLButtonElement {
  const b = [...screen.container.querySelectorAll('button')].find((el) => el.textContent === name)
  if (!b) throw new Error(`no button ${name}`)
  return b
}

function text(selector: string): string | null | undefined {
  return screen.container.querySelector(selector)?.textContent
}

async function goto(hash: string) {
  await act(async () => {
    window.location.hash = hash
    window.dispatchEvent(new HashChangeEvent('hashchange'))
  })
  await settle()
}

// tabOrder lists what Tab visits, in order: natively focusable elements
// and tabindex 0, in document order, as no element here has a positive
// tabindex (checked) to reorder them.
function tabOrder(): HTMLElement[] {
  const focusable = [
    ...screen.container.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]), select, textarea, [tabindex]'),
  ]
  for (const el of focusable) expect(el.tabIndex, el.outerHTML).toBeLessThanOrEqual(0)
  return focusable.filter((el) => el.tabIndex === 0)
}

function names(els: HTMLElement[]): string[] {
  return els.map((el) => (el instanceof HTMLInputElement ? `input#${el.id}` : (el.textContent ?? '')))
}

beforeEach(async () => {
  window.localStorage.clear()
  window.history.replaceState(null, '', '/')
  await i18n.changeLanguage('en')
})

describe('language switch', () => {
  it('starts in English and switches the visible strings to Chinese', async () => {
    serve(() => ({ data: { search: [] } }))
    await render()
    expect(document.documentElement.lang).toBe('en')
    expect(text('label[for=search-input]')).toBe('Search people')
    expect(text('#search-status')).toBe('Type a name to search.')
    expect(button('English').getAttribute('aria-pressed')).toBe('true')

    await act(async () => button('简体中文').click())

    expect(text('label[for=search-input]')).toBe('搜索人物')
    expect(text('#search-status')).toBe('输入姓名即可搜索。')
    expect(text('.primary-nav')).toBe('搜索候选人关系网络实验室候选名单')
    expect(text('.skip-link')).toBe('跳到正文')
    expect(document.documentElement.lang).toBe('zh-Hans')
    expect(button('简体中文').getAttribute('aria-pressed')).toBe('true')
    // The switch names each language in itself, marked up as such.
    expect(button('简体中文').lang).toBe('zh-Hans')
    expect(button('English').lang).toBe('en')
  })

  it('remembers the choice in localStorage and in the URL', async () => {
    serve(() => ({ data: { search: [] } }))
    await render()
    await act(async () => button('简体中文').click())
    expect(window.localStorage.getItem('thelist.lang')).toBe('zh')
    expect(window.location.hash).toBe('#/?lang=zh')
    // Links carry the language too, so following one keeps it.
    expect(screen.container.querySelector('.primary-nav a[href^="#/candidates"]')?.getAttribute('href')).toBe('#/candidates?lang=zh')

    // A reload reads the URL first, then what was stored.
    expect(initialLang()).toBe('zh')
    window.history.replaceState(null, '', '/#/')
    expect(initialLang()).toBe('zh')
    window.history.replaceState(null, '', '/#/?lang=en')
    expect(initialLang()).toBe('en')

    await act(async () => button('English').click())
    expect(window.localStorage.getItem('thelist.lang')).toBe('en')
    expect(window.location.hash).toBe('#/')
    expect(text('label[for=search-input]')).toBe('Search people')
  })

  it('follows a shared link in Chinese without changing the stored choice', async () => {
    serve(() => ({ data: { search: [] } }))
    await render()
    await goto('#/?q=Ada&lang=zh')
    expect(text('label[for=search-input]')).toBe('搜索人物')
    expect(window.localStorage.getItem('thelist.lang')).toBeNull()
  })

  it('keeps the query when switching language on a search', async () => {
    serve(() => ({ data: { search: [{ kind: 'PERSON', person: { id: 'ada-example', name: 'Ada Example', nativeName: '艾达' } }] } }))
    window.history.replaceState(null, '', '/#/?q=Ada')
    await render()
    await waitFor(() => screen.container.querySelector('.results a'), 'results')
    await act(async () => button('简体中文').click())
    expect(window.location.hash).toBe('#/?q=Ada&lang=zh')
    expect(text('#search-status')).toBe('找到 1 人。')
    const link = screen.container.querySelector('.results a')
    expect(link?.getAttribute('href')).toBe('#/person/ada-example?lang=zh')
    // Names are data: the Latin and the native one, as they are.
    expect(link?.textContent).toBe('Ada Example艾达')
  })

  it('rewords an error already shown', async () => {
    serve(() => ({ data: null, errors: [{ message: 'neo4j down', extensions: { code: 'UNAVAILABLE' } }] }))
    window.history.replaceState(null, '', '/#/?q=Ada')
    await render()
    await waitFor(() => screen.container.querySelector('[role=alert]'), 'the error')
    expect(text('[role=alert] p')).toBe('The database is not answering right now. Try again in a minute.')
    await act(async () => button('简体中文').click())
    expect(text('[role=alert] p')).toBe('数据库暂时没有响应，请一分钟后再试。')
    expect(text('[role=alert] button')).toBe('重试')
  })

  it('shows a person page in Chinese, with dates at the precision reported', async () => {
    serve(() => ({ data: { person: ada, offers: { totalCount: 0, edges: [] }, deals: [] } }))
    window.history.replaceState(null, '', '/#/person/ada-example?lang=zh')
    await i18n.changeLanguage(initialLang())
    await render()
    await waitFor(() => screen.container.querySelector('h1'), 'the heading')
    expect(text('h1')).toBe('Ada Example')
    expect(text('.person-header .native-name')).toBe('艾达')
    expect(text('#labs-heading')).toBe('历年任职机构')
    const periods = [...screen.container.querySelectorAll('ol.stints:not(.degrees):not(.papers) .stint-period')].map((e) => e.textContent)
    expect(periods).toEqual(['2020年 – 2024年', '2024年11月起'])
    expect(text('.lab-kind')).toBe('研究机构 · US')
    expect(text('.confidence')).toBe('未证实')
    expect(text('ol.degrees .role')).toBe('博士（machine learning），未完成即离开')
    expect(text('ol.degrees .stint-period')).toBe('2016年起')
    expect(text('.advisor')).toBe('导师：Bo Example')
    expect(screen.container.querySelector('.advisor a')?.getAttribute('href')).toBe('#/person/bo-example?lang=zh')
    expect(text('.person-header .sources summary')).toBe('1 个来源（Ada Example）')
    expect(text('.back a')).toBe('← 返回搜索')
    expect(text('#credentials-heading')).toBe('The List 资质')
    expect(text('#papers-heading')).toBe('论文（1 篇）')
    expect(text('ol.papers .breakthrough-badge')).toBe('突破性成果')
    expect(text('ol.papers .position')).toBe('第一作者')
  })
})

describe('shell', () => {
  it('puts the skip link, the brand, the navigation, the sign-in and the language switch first in tab order', async () => {
    serve(() => ({ data: { search: [] } }))
    await render()
    const order = tabOrder()
    expect(names(order)).toEqual([
      'Skip to content',
      'The List',
      'Search',
      'Candidates',
      'Network',
      'Labs',
      'Shortlists',
      'Sign in with an API key',
      'English',
      '简体中文',
      'input#search-input',
    ])
    // Each takes focus: nothing in the shell is a click-only element.
    for (const el of order) {
      el.focus()
      expect(document.activeElement).toBe(el)
    }
    expect(screen.container.querySelector('nav.primary-nav')?.getAttribute('aria-label')).toBe('Main')
    expect(screen.container.querySelector('.primary-nav [aria-current=page]')?.textContent).toBe('Search')
  })

  it('skips to the content without changing the route', async () => {
    serve(() => ({ data: { search: [] } }))
    window.history.replaceState(null, '', '/#/?q=Ada')
    await render()
    const skip = screen.container.querySelector<HTMLAnchorElement>('.skip-link')
    skip?.focus()
    await act(async () => skip?.click())
    expect(document.activeElement?.id).toBe('main')
    expect(window.location.hash).toBe('#/?q=Ada')
  })

  it('opens #/labs as the labs search, in the current language', async () => {
    serve(() => ({ data: { search: [] } }))
    await render()
    const link = screen.container.querySelector<HTMLAnchorElement>('.primary-nav a[href="#/labs"]')
    expect(link?.textContent).toBe('Labs')
    await goto(link?.getAttribute('href') ?? '')
    const heading = await waitFor(() => screen.container.querySelector('main h1'), 'the labs heading')
    expect(heading.textContent).toBe('Labs')
    expect(document.activeElement).toBe(screen.container.querySelector('#labs-input'))
    expect(screen.container.querySelector('.primary-nav [aria-current=page]')?.textContent).toBe('Labs')
    expect(document.title).toBe('Labs · The List')

    await act(async () => button('简体中文').click())
    expect(text('main h1')).toBe('实验室')
    expect(text('label[for="labs-input"]')).toBe('搜索机构')
    expect(window.location.hash).toBe('#/labs?lang=zh')
  })
})
