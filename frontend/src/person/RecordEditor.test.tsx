import { act } from 'react'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { settle, testRoot, waitFor } from '../testing.tsx'
import i18n from '../i18n.ts'
import { ApiError } from '../graphql/client.ts'
import { RecordEditor } from './RecordEditor.tsx'
import { fieldErrors, moveInput, newRecord, offerInput, personInput } from './records.ts'
import type { PersonDetail, PersonMove } from './api.ts'

const screen = testRoot()
let sent: { query: string; variables: Record<string, unknown> }[]

// serve answers every request with answer's data, keeping what was sent.
function serve(answer: (query: string) => { data?: unknown; errors?: unknown[] }) {
  sent = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (_url: string, init: RequestInit) => {
      const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> }
      sent.push(body)
      return new Response(JSON.stringify(answer(body.query)), { status: 200 })
    }),
  )
}

const change = { id: 'c1', at: '2026-01-01T00:00:00Z', who: 'ed', role: 'editor', mutation: 'upsertMove', reason: 'r', before: null, after: null }
const report = { id: 'src-a', publisher: 'Example Times', title: 'A report', date: null, url: 'https://example.org/a', note: null }

function setValue(el: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, value: string) {
  const proto = el instanceof HTMLSelectElement ? HTMLSelectElement.prototype : el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype
  Object.getOwnPropertyDescriptor(proto, 'value')?.set?.call(el, value)
  el.dispatchEvent(new Event(el instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }))
}

// field finds a control by its label's words.
function field(label: string): HTMLInputElement {
  const l = [...screen.container.querySelectorAll('label')].find((x) => x.textContent?.startsWith(label))
  const el = l && screen.container.querySelector<HTMLInputElement>(`[id="${l.htmlFor}"]`)
  if (!el) throw new Error(`no field labelled ${label}`)
  return el
}

const button = (name: string) => {
  const b = [...screen.container.querySelectorAll('button')].find((x) => x.textContent === name)
  if (!b) throw new Error(`no button ${name}`)
  return b
}

const move: PersonMove = {
  id: 'ada.to.beta',
  date: '2024-11',
  from: { id: 'alpha', name: 'Lab Alpha', kind: 'institute', country: 'US' },
  to: { id: 'beta', name: 'Beta', kind: 'startup', country: 'US' },
  recruiter: { id: 'bo', name: 'Bo', nativeName: null },
  offerId: 'beta.ada',
  confidence: 'reported',
  note: null,
  sources: [report],
}

describe('RecordEditor', () => {
  beforeEach(async () => {
    await i18n.changeLanguage('en')
  })

  it('sends the whole move back: the fields it does not show keep their values', async () => {
    serve(() => ({ data: { upsertMove: change } }))
    const changed = vi.fn()
    await screen.render(<RecordEditor kind="moves" record={moveInput('ada', move)} sources={move.sources} onChanged={changed} />)
    await act(async () => {
      setValue(field('Note'), 'one report only')
      setValue(field('Why the change'), 'a caveat')
    })
    await act(async () => button('Save correction').click())
    await waitFor(() => changed.mock.calls.length > 0, 'the change saved')
    expect(sent).toHaveLength(1)
    expect(sent[0]?.query).toContain('upsertMove')
    expect(sent[0]?.variables.input).toEqual({
      id: 'ada.to.beta',
      personId: 'ada',
      fromLabId: 'alpha',
      toLabId: 'beta',
      date: '2024-11',
      recruiterId: 'bo',
      offerId: 'beta.ada', // not on the form, sent back as read
      confidence: 'reported',
      note: 'one report only',
      sources: ['src-a'],
      reason: 'a caveat',
    })
  })

  it('keeps a person\'s catalogue ids, which the form does not show', async () => {
    serve(() => ({ data: { upsertPerson: change } }))
    const p = { id: 'ada', name: 'Ada', nativeName: null, aliases: ['A. Example'], orcid: null, openalex: 'A123', dblp: 'e/Ada', googleScholar: 'xyz', sources: [report] } as unknown as PersonDetail
    await screen.render(<RecordEditor kind="people" record={personInput(p)} sources={p.sources} onChanged={() => {}} />)
    expect(screen.container.querySelector('summary')?.textContent).toBe('Correct this person')
    // People are corrected, never retracted.
    expect([...screen.container.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Save correction'])
    await act(async () => {
      setValue(field('Other names'), 'A. Example\nAda E.\n')
      setValue(field('Why the change'), 'another name')
    })
    await act(async () => button('Save correction').click())
    await waitFor(() => sent.length > 0, 'the request')
    expect(sent[0]?.variables.input).toMatchObject({ aliases: ['A. Example', 'Ada E.'], openalex: 'A123', dblp: 'e/Ada', googleScholar: 'xyz', orcid: null })
  })

  it('adds an offer with a new source, its id made from the lab and the person', async () => {
    serve((q) => (q.includes('addSource') ? { data: { addSource: { id: 'c0', recordId: 'src-new' } } } : { data: { upsertOffer: change } }))
    const changed = vi.fn()
    await screen.render(<RecordEditor kind="offers" record={newRecord('offers', 'ada')} sources={[report]} adding={{ taken: ['beta.ada'] }} onChanged={changed} />)
    expect(screen.container.querySelector('summary')?.textContent).toBe('Add an offer')
    await act(async () => {
      setValue(field('Lab'), 'beta')
      setValue(field('Total value'), '1000000')
      setValue(field('Status'), 'declined')
      setValue(field('Publisher'), 'Example Daily')
      setValue(field('Title of the report'), 'Offer declined')
      setValue(field('Address'), 'https://example.org/o')
      setValue(field('Why the change'), 'reported offer')
    })
    await act(async () => button('Add this offer').click())
    await waitFor(() => changed.mock.calls.length > 0, 'the offer added')
    expect(sent.map((r) => /mutation (\w+)/.exec(r.query)?.[1])).toEqual(['AddSource', 'UpsertOffer'])
    expect(changed).toHaveBeenCalledWith({ kind: 'offers', id: 'beta.ada.2', outcome: 'added' })
    expect(sent[1]?.variables.input).toMatchObject({ id: 'beta.ada.2', labId: 'beta', personId: 'ada', totalValue: 1000000, status: 'declined', currency: null, sources: ['src-new'] })
  })

  it('checks required fields before sending, and shows the server\'s refusal next to its field', async () => {
    serve(() => ({ errors: [{ message: 'moves: to_lab_id: unknown lab "nowhere"', extensions: { code: 'BAD_USER_INPUT' } }] }))
    await screen.render(<RecordEditor kind="moves" record={moveInput('ada', move)} sources={move.sources} onChanged={() => {}} />)
    await act(async () => setValue(field('To lab'), ''))
    await act(async () => button('Save correction').click())
    await settle()
    expect(sent).toHaveLength(0)
    expect(field('To lab').getAttribute('aria-invalid')).toBe('true')
    expect(field('Why the change').getAttribute('aria-invalid')).toBe('true')

    await act(async () => {
      setValue(field('To lab'), 'nowhere')
      setValue(field('Why the change'), 'wrong lab')
    })
    await act(async () => button('Save correction').click())
    await waitFor(() => screen.container.querySelector('[role=alert]'), 'the refusal')
    const to = field('To lab')
    expect(to.getAttribute('aria-invalid')).toBe('true')
    expect(document.getElementById(to.getAttribute('aria-describedby') ?? '')?.textContent).toBe('unknown lab "nowhere"')
  })

  it('retracts a fact with its reason', async () => {
    serve(() => ({ data: { retract: change } }))
    const changed = vi.fn()
    await screen.render(<RecordEditor kind="offers" record={offerInput('ada', { id: 'beta.ada', lab: { id: 'beta', name: 'Beta', kind: 'startup', country: null }, person: { id: 'ada', name: 'Ada', nativeName: null }, extendedBy: null, totalValue: null, firstYearValue: null, currency: null, years: null, date: null, status: 'unknown', confidence: 'reported', note: null, sources: [report] })} sources={[report]} onChanged={changed} />)
    await act(async () => setValue(field('Why the change'), 'never made'))
    await act(async () => button('Retract this offer').click())
    await waitFor(() => changed.mock.calls.length > 0, 'the retraction')
    expect(sent[0]?.variables).toEqual({ kind: 'offers', id: 'beta.ada', reason: 'never made' })
    expect(changed).toHaveBeenCalledWith({ kind: 'offers', id: 'beta.ada', outcome: 'retracted' })
  })
})

describe('RecordEditor, adding where the id does not name the person', () => {
  it('gives a new deal an id no other deal of the buyer has', async () => {
    serve((q) =>
      q.includes('IdInUse')
        ? { data: { person: null, lab: null, deals: [{ id: 'adobe.airbnb.1999' }] } }
        : q.includes('addSource')
          ? { data: { addSource: { id: 'c0', recordId: 'src-new' } } }
          : { data: { upsertDeal: change } },
    )
    const changed = vi.fn()
    await screen.render(<RecordEditor kind="deals" record={newRecord('deals', 'ada')} sources={[]} adding={{ taken: [] }} onChanged={changed} />)
    await act(async () => {
      setValue(field('Kind of deal'), 'acquisition')
      setValue(field('Buyer'), 'adobe')
      setValue(field('Target'), 'airbnb')
      setValue(field('Date'), '1999-05')
      setValue(field('Publisher'), 'Example Daily')
      setValue(field('Title of the report'), 'A deal')
      setValue(field('Address'), 'https://example.org/d')
      setValue(field('Why the change'), 'reported deal')
    })
    await act(async () => button('Add this deal').click())
    await waitFor(() => changed.mock.calls.length > 0, 'the deal added')
    expect(sent.filter((r) => r.query.includes('IdInUse')).map((r) => r.variables)).toEqual([
      { id: 'adobe.airbnb.1999', buyer: 'adobe' },
      { id: 'adobe.airbnb.1999.2', buyer: 'adobe' },
    ])
    expect(sent.at(-1)?.variables.input).toMatchObject({ id: 'adobe.airbnb.1999.2', personIds: ['ada'], kind: 'acquisition' })
  })

  it('makes a new person\'s id from their name', async () => {
    serve((q) =>
      q.includes('IdInUse')
        ? { data: { person: null, lab: null, deals: [] } }
        : q.includes('addSource')
          ? { data: { addSource: { id: 'c0', recordId: 'src-new' } } }
          : { data: { upsertPerson: change } },
    )
    const changed = vi.fn()
    await screen.render(<RecordEditor kind="people" record={newRecord('people')} sources={[]} adding={{ taken: [] }} onChanged={changed} />)
    await act(async () => {
      setValue(field('Name'), 'Zoëy Example-Smith')
      setValue(field('Publisher'), 'Example Daily')
      setValue(field('Title of the report'), 'A profile')
      setValue(field('Address'), 'https://example.org/p')
      setValue(field('Why the change'), 'new person')
    })
    await act(async () => button('Add this person').click())
    await waitFor(() => changed.mock.calls.length > 0, 'the person added')
    expect(changed).toHaveBeenCalledWith({ kind: 'people', id: 'zoey-example-smith', outcome: 'added' })
    expect(sent.at(-1)?.variables.input).toMatchObject({ id: 'zoey-example-smith', name: 'Zoëy Example-Smith', aliases: null, sources: ['src-new'] })
  })
})

describe('fieldErrors', () => {
  it('reads the field from the importer\'s message and from the API\'s text check', () => {
    expect(fieldErrors(new ApiError('BAD_USER_INPUT', 'stints: last_seen: not a date'))).toEqual({ lastSeen: 'not a date' })
    expect(fieldErrors(new ApiError('BAD_USER_INPUT', 'input.publisher: 100000 bytes, more than the 400 allowed'))).toEqual({ publisher: '100000 bytes, more than the 400 allowed' })
    expect(fieldErrors(new Error('x'))).toEqual({})
  })
})
