import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import App from '../App.tsx'
import type { Shortlist, ShortlistMember } from './api.ts'
import { csvHeader } from '../candidates/model.ts'
import { emptyFacets, facetsFromFilter, toFilter } from '../candidates/state.ts'
import { csvFilename, shortlistCsv, shortlistCsvHeader } from './model.ts'
import { describeFilter } from './describe.ts'
import i18n from '../i18n.ts'
import { testRoot, waitFor } from '../testing.tsx'

const ada: ShortlistMember = {
  addedAt: '2026-11-20T10:00:00Z',
  note: 'call in May, "after" the offer',
  citations: 12000,
  tenureYears: 1.2,
  matched: ['AI PhD: PhD in machine learning, Delta University (2018)'],
  reasons: [],
  node: {
    id: 'ada-example', name: 'Ada Example', nativeName: null, stints: [{ id: 'st2', start: '2024-09', end: null, lab: { id: 'gamma', name: 'Gamma Corp' } }],
    currentStint: { id: 'st2', lab: { id: 'gamma', name: 'Gamma Corp' } }, lastReported: null,
  },
  credentials: [
    { credential: 'aiPhd', met: true, degrees: [{ id: 'd1', degree: 'phd', field: 'machine learning', end: '2018', lab: { id: 'delta', name: 'Delta University' } }], stints: [], papers: [] },
    { credential: 'topLab', met: false, degrees: [], stints: [], papers: [] },
    { credential: 'breakthrough', met: false, degrees: [], stints: [], papers: [] },
  ],
}

const list: Shortlist = { id: 'l1', name: 'Frontier hires', size: 1, createdAt: '2026-11-20T09:00:00Z', updatedAt: '2026-11-21T09:00:00Z', members: [ada] }

describe('shortlist CSV', () => {
  it('writes the candidates columns, then the note and the day added', () => {
    const sources = new Map([['ada-example', { 'degree:d1': [{ id: 's1', publisher: 'P', title: 'Report one', date: null, url: 'https://example.org/1', note: null }] }]])
    const lines = shortlistCsv(list, sources, new Date('2026-12-01')).replace(/^\uFEFF/, '').split('\r\n')
    expect(lines[0]).toBe(shortlistCsvHeader.join(','))
    expect(shortlistCsvHeader.slice(0, csvHeader.length)).toEqual(csvHeader)
    expect(lines[1]).toBe(
      'ada-example,Ada Example,Gamma Corp,AI PhD,"AI PhD: PhD in machine learning, Delta University (2018)",' +
        '"AI PhD: PhD in machine learning, Delta University (2018)",Report one,https://example.org/1,' +
        '"call in May, ""after"" the offer",2026-11-20',
    )
    expect(lines).toHaveLength(3) // header, one person, and the final CRLF
  })

  it('names the file after the list, safely', () => {
    expect(csvFilename({ name: 'Q3: hires / 2026' }, new Date('2026-12-01T12:00:00Z'))).toBe('shortlist-Q3-hires-2026-2026-12-01.csv')
    expect(csvFilename({ name: '???' }, new Date('2026-12-01T12:00:00Z'))).toBe('shortlist-export-2026-12-01.csv')
  })
})

describe('saved searches', () => {
  it('reopen as the facets that made them', () => {
    const facets = { ...emptyFacets, phd: true, atLeast: 2, workedAt: ['openai'], movedSince: '2024-06', minTenure: '1.5', minCitations: '500', topics: ['rl'] }
    const { where } = toFilter(facets)
    expect(facetsFromFilter(where)).toEqual(facets)
    expect(facetsFromFilter({ atLeast: 9, topics: ['', 'vision'] })).toEqual({ ...emptyFacets, topics: ['vision'] })
  })

  it('say in a line that they ask for "not currently at" and title keywords', () => {
    const t = i18n.getFixedT('en')
    expect(describeFilter({ notCurrentlyAt: ['meta'], roleKeywords: ['scientist', 'lead'] }, t)).toBe('not now at 1 lab · title: scientist, lead')
    expect(describeFilter({ roleKeywords: ['scientist'], roleAnyJob: true }, t)).toBe('title ever held: scientist')
    expect(describeFilter({ notCurrentlyAt: ['meta', 'google'] }, i18n.getFixedT('zh'))).toBe('目前不在这 2 个实验室')
  })
})

describe('shortlists in the app', () => {
  const screen = testRoot()
  let requests: { query: string; variables: Record<string, unknown>; auth: string | null }[]

  // serve answers like the server: every list field needs the key "good-key".
  function serve(opts: { missing?: boolean } = {}) {
    requests = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> }
        const auth = (init.headers as Record<string, string>).authorization ?? null
        requests.push({ ...body, auth })
        const answer = (data: unknown) => new Response(JSON.stringify({ data }), { status: 200 })
        if (auth !== 'Bearer good-key') {
          return new Response(JSON.stringify({ errors: [{ message: 'unknown API key', extensions: { code: 'UNAUTHENTICATED' } }] }), { status: 401 })
        }
        const q = body.query
        if (q.includes('query Shortlist(')) {
          return opts.missing
            ? new Response(JSON.stringify({ data: { shortlist: null }, errors: [{ message: 'no shortlist', extensions: { code: 'NOT_FOUND' } }] }))
            : answer({ shortlist: list })
        }
        if (/query Shortlist(Degree|Stint|Paper)Sources\(/.test(q)) return answer({ shortlist: { members: [] } })
        if (q.includes('deleteShortlist')) return answer({ deleteShortlist: body.variables.id })
        if (q.includes('removeFromShortlist')) return answer({ removeFromShortlist: { id: 'l1', name: list.name, size: 0, updatedAt: list.updatedAt } })
        if (q.includes('createShortlist')) return answer({ createShortlist: { id: 'l2', name: body.variables.name, size: 0, updatedAt: list.updatedAt } })
        if (q.includes('addToShortlist')) return answer({ addToShortlist: { id: 'l2', name: 'Picked', size: 1, updatedAt: list.updatedAt } })
        if (q.includes('savedSearches')) return answer({ savedSearches: [{ id: 's1', name: 'PhDs', where: '{"phd":true,"topics":["rl"]}', updatedAt: list.updatedAt }] })
        if (q.includes('shortlists')) return answer({ shortlists: [{ id: 'l1', name: list.name, size: 1, updatedAt: list.updatedAt }] })
        if (q.includes('query Candidates(')) return answer({ people: { totalCount: 1, pageInfo: { hasNextPage: false, endCursor: 'c' }, edges: [{ ...ada, cursor: 'c' }] } })
        if (q.includes('query CandidateSources(')) return answer({ people: { edges: [] } })
        return answer({ credentialRules: { version: '1', aiFields: [], aiPhdRule: '', topLabs: [], topLabRule: '', breakthroughRule: '', citationBar: 1 } })
      }),
    )
  }

  function button(text: string): HTMLButtonElement {
    const b = [...screen.container.querySelectorAll('button')].find((x) => x.textContent === text)
    if (!b) throw new Error(`no button "${text}"`)
    return b
  }

  // openSignedIn shows the app at url for a person signed in with the key
  // the server knows.
  async function openSignedIn(url: string, opts: { missing?: boolean } = {}) {
    window.localStorage.setItem('thelist.apiKey', 'good-key')
    window.history.replaceState(null, '', url)
    serve(opts)
    await screen.render(<App />)
  }

  function type(input: HTMLInputElement, value: string) {
    const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
    set?.call(input, value)
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }

  beforeEach(() => {
    window.localStorage.clear()
  })

  afterEach(() => {
    window.localStorage.clear()
  })

  it('tells a person who has not signed in what the page needs', async () => {
    window.history.replaceState(null, '', '/#/shortlists')
    serve()
    await screen.render(<App />)
    await waitFor(() => screen.container.querySelector('.signed-out'), 'the signed-out text')
    expect(screen.container.querySelector('.signed-out')?.textContent).toContain('you have not signed in')
    expect(requests.filter((r) => r.query.includes('shortlists'))).toHaveLength(0)
  })

  it('signs in with a key the server knows, keeps it, and sends it', async () => {
    window.history.replaceState(null, '', '/#/shortlists')
    serve()
    await screen.render(<App />)
    // Escape closes the panel and gives focus back to its button.
    await act(async () => button('Sign in with an API key').click())
    await act(async () => {
      screen.container.querySelector('.apikey-panel input')?.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    })
    expect(screen.container.querySelector('.apikey-panel')).toBe(null)
    expect(document.activeElement).toBe(button('Sign in with an API key'))

    await act(async () => button('Sign in with an API key').click())
    const input = screen.container.querySelector<HTMLInputElement>('.apikey-panel input[type=password]')
    expect(document.activeElement).toBe(input)

    // A wrong key is refused in words and not kept.
    await act(async () => type(input as HTMLInputElement, 'bad-key'))
    await act(async () => button('Sign in').click())
    await waitFor(() => screen.container.querySelector('.apikey-panel [role=alert]'), 'the refusal')
    expect(screen.container.querySelector('.apikey-panel [role=alert]')?.textContent).toBe('The server does not know this key. Check it and try again.')
    expect(window.localStorage.getItem('thelist.apiKey')).toBe(null)

    await act(async () => type(input as HTMLInputElement, 'good-key'))
    await act(async () => button('Sign in').click())
    await waitFor(() => screen.container.querySelector('.shortlist-index a'), 'the lists')
    expect(window.localStorage.getItem('thelist.apiKey')).toBe('good-key')
    expect(button('Signed in · API key').getAttribute('aria-expanded')).toBe('false')
    expect(screen.container.querySelector('.shortlist-index a')?.getAttribute('href')).toBe('#/shortlists/l1')
    const saved = await waitFor(() => screen.container.querySelector<HTMLAnchorElement>('.saved-searches a'), 'the saved search')
    expect(saved.getAttribute('href')).toBe('#/candidates?phd=1&topic=rl')
    expect(screen.container.querySelector('.saved-searches .meta')?.textContent).toBe('AI PhD · topics: rl')

    // Signing out forgets the key.
    await act(async () => button('Signed in · API key').click())
    await act(async () => button('Sign out and forget the key').click())
    expect(window.localStorage.getItem('thelist.apiKey')).toBe(null)
    await waitFor(() => screen.container.querySelector('.signed-out'), 'the signed-out text again')
  })

  it('closes the sign-in panel on a click outside it and on Escape wherever focus is', async () => {
    window.history.replaceState(null, '', '/#/shortlists')
    serve()
    await screen.render(<App />)
    const toggle = button('Sign in with an API key')

    // A click inside the panel keeps it open.
    await act(async () => toggle.click())
    const panelText = screen.container.querySelector('.apikey-panel p') as HTMLElement
    await act(async () => {
      panelText.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }))
    })
    expect(screen.container.querySelector('.apikey-panel')).not.toBe(null)

    // A click outside closes it and leaves focus to what was clicked.
    const heading = screen.container.querySelector('h1') as HTMLElement
    heading.focus()
    await act(async () => {
      heading.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }))
    })
    expect(screen.container.querySelector('.apikey-panel')).toBe(null)
    expect(toggle.getAttribute('aria-expanded')).toBe('false')
    expect(document.activeElement).toBe(heading)

    // Escape closes it even when focus has left the panel.
    await act(async () => toggle.click())
    heading.focus()
    await act(async () => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))
    })
    expect(screen.container.querySelector('.apikey-panel')).toBe(null)
    expect(document.activeElement).toBe(toggle)
  })

  it('deletes a list from the index only once asked twice', async () => {
    await openSignedIn('/#/shortlists')
    await waitFor(() => screen.container.querySelector('.shortlist-index a'), 'the lists')
    const ask = () => screen.container.querySelector<HTMLButtonElement>('.shortlist-index button[aria-label="Delete the shortlist Frontier hires"]')
    const deletes = () => requests.filter((r) => r.query.includes('deleteShortlist'))

    // Cancel sends nothing and gives focus back to the button.
    await act(async () => ask()?.click())
    expect(screen.container.querySelector('.shortlist-index .confirm')?.textContent).toContain('Delete “Frontier hires”? The people stay in The List.')
    expect(document.activeElement).toBe(button('Cancel'))
    await act(async () => button('Cancel').click())
    expect(deletes()).toEqual([])
    expect(document.activeElement).toBe(ask())

    // Yes deletes it, takes the row away, says so and focuses the section.
    await act(async () => ask()?.click())
    await act(async () => button('Yes, delete it').click())
    await waitFor(() => screen.container.querySelector('.shortlist-index') === null, 'the row to go')
    expect(deletes().map((r) => r.variables)).toEqual([{ id: 'l1' }])
    expect([...screen.container.querySelectorAll('[role=status]')].map((s) => s.textContent)).toContain('The shortlist “Frontier hires” was deleted.')
    expect(document.activeElement).toBe(screen.container.querySelector('#sl-lists'))
    expect(screen.container.querySelector('.empty')?.textContent).toContain('You have no shortlists yet.')
  })

  it('shows a list with its people, and takes one off it', async () => {
    await openSignedIn('/#/shortlists/l1')
    await waitFor(() => screen.container.querySelector('li.candidate'), 'a member')
    expect(screen.container.querySelector('h1')?.textContent).toBe('Frontier hires')
    expect(screen.container.querySelector('.member-note')?.textContent).toBe('Note: call in May, "after" the offer')
    expect(screen.container.querySelector('li.candidate .current-lab')?.textContent).toBe('Now at Gamma Corp')
    expect(button('Export CSV (1 person)').disabled).toBe(false)
    expect(requests.every((r) => r.auth === 'Bearer good-key')).toBe(true)

    // The note is edited in place and saved with addToShortlist.
    await act(async () => button('Edit the note on Ada Example').click())
    const note = screen.container.querySelector<HTMLTextAreaElement>('#sl-note-ada-example') as HTMLTextAreaElement
    expect(note.value).toBe('call in May, "after" the offer')
    await act(async () => {
      Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value')?.set?.call(note, 'second call done ')
      note.dispatchEvent(new Event('input', { bubbles: true }))
    })
    await act(async () => button('Save').click())
    await waitFor(() => screen.container.querySelector('.member-note')?.textContent === 'Note: second call done', 'the new note')
    expect(requests.find((r) => r.query.includes('addToShortlist'))?.variables).toEqual({ id: 'l1', people: ['ada-example'], note: 'second call done' })

    await act(async () => button('Remove Ada Example from this list').click())
    await waitFor(() => screen.container.querySelector('.empty'), 'the empty list')
    expect(requests.find((r) => r.query.includes('removeFromShortlist'))?.variables).toEqual({ id: 'l1', people: ['ada-example'] })
    expect(screen.container.querySelector('.empty')?.textContent).toContain('No one is on this shortlist yet.')
  })

  it('says a list of another key is not found', async () => {
    await openSignedIn('/#/shortlists/someone-elses', { missing: true })
    await waitFor(() => screen.container.querySelector('h1')?.textContent === 'Shortlist not found', 'the not-found page')
  })

  it('puts people picked on the candidates page on a new list', async () => {
    await openSignedIn('/#/candidates')
    const pick = await waitFor(() => screen.container.querySelector<HTMLInputElement>('input.candidate-select'), 'the row checkbox')
    expect(pick.getAttribute('aria-label')).toBe('Select Ada Example')
    await act(async () => pick.click())
    await waitFor(() => screen.container.querySelector('#sl-choice'), 'the list picker')
    const choice = screen.container.querySelector<HTMLSelectElement>('#sl-choice') as HTMLSelectElement
    await waitFor(() => choice.options.length === 2, 'the lists in the picker')
    await act(async () => {
      choice.value = '__new__'
      choice.dispatchEvent(new Event('change', { bubbles: true }))
    })
    await act(async () => type(screen.container.querySelector('#sl-choice-name') as HTMLInputElement, 'Picked'))
    await act(async () => button('Add to shortlist').click())
    await waitFor(() => screen.container.querySelector('.list-tool-status a'), 'the confirmation')
    expect(requests.find((r) => r.query.includes('createShortlist'))?.variables).toEqual({ name: 'Picked' })
    expect(requests.find((r) => r.query.includes('addToShortlist'))?.variables).toEqual({ id: 'l2', people: ['ada-example'], note: null })
    expect(screen.container.querySelector('.list-tool-status a')?.getAttribute('href')).toBe('#/shortlists/l2')
  })
})
