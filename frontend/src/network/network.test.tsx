import { act } from 'react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { testRoot } from '../testing.tsx'
import type { Neighborhood, NetworkNode, Path } from './api.ts'
import { networkHash } from '../route.ts'
import { addPath, kindColors, merge, newGraph, nodeColor, placeLabels, toSVG } from './graph.ts'
import { pauseHoverWhileDragging } from './hover.ts'
import NetworkPage from './NetworkPage.tsx'
import { defaultState, pathKinds, stateFromHash, stateParams, type NetState } from './state.ts'

// jsdom has no WebGL: the page must say so and still work around the canvas.
vi.mock('./webgl.ts', () => ({ webglAvailable: () => false }))

function node(key: string, label: string, distance: number, extra: Partial<NetworkNode> = {}): NetworkNode {
  const [kind, id] = key.split(':') as [NetworkNode['kind'], string]
  return { key, id, kind, label, distance, labKind: null, topLab: null, currentLab: null, year: null, date: null, ...extra }
}

const adaHood: Neighborhood = {
  truncated: false,
  nodes: [node('PERSON:ada', 'Ada Example', 0), node('LAB:alpha', 'Lab Alpha', 1), node('PAPER:p1', 'A <Paper>', 1)],
  edges: [
    { id: 'WORKED_AT:s1', source: 'PERSON:ada', target: 'LAB:alpha', type: 'WORKED_AT', start: '2020', end: null, confidence: 'reported' },
    { id: 'AUTHORED:a1', source: 'PERSON:ada', target: 'PAPER:p1', type: 'AUTHORED', start: '2021', end: null, confidence: 'reported' },
  ],
}

const alphaHood: Neighborhood = {
  truncated: false,
  nodes: [node('LAB:alpha', 'Lab Alpha', 0), node('PERSON:ada', 'Ada Example', 1), node('PERSON:bo', 'Bo Example', 1)],
  edges: [
    { id: 'WORKED_AT:s1', source: 'PERSON:ada', target: 'LAB:alpha', type: 'WORKED_AT', start: '2020', end: null, confidence: 'reported' },
    { id: 'WORKED_AT:s2', source: 'PERSON:bo', target: 'LAB:alpha', type: 'WORKED_AT', start: '2019', end: null, confidence: 'reported' },
  ],
}

const adaToBo: Path = {
  length: 1,
  people: [
    { id: 'ada', name: 'Ada Example', nativeName: null },
    { id: 'bo', name: 'Bo Example', nativeName: null },
  ],
  steps: [
    {
      from: { id: 'ada', name: 'Ada Example', nativeName: null },
      to: { id: 'bo', name: 'Bo Example', nativeName: null },
      kind: 'WORKED_WITH',
      inverse: false,
      viaLab: { id: 'alpha', name: 'Lab Alpha' },
      viaPaper: null,
      start: '2020',
      end: null,
      sources: [{ id: 's1', publisher: 'Example Times', title: 'A profile', date: '2025', url: 'https://example.org', note: null }],
    },
  ],
}

describe('network state in the URL', () => {
  it('round-trips every field', () => {
    const s: NetState = { id: 'matt-deitke', hops: 3, limit: 5000, kinds: ['WORKED_AT', 'AUTHORED'], asOf: '2020-03-15', from: 'a', to: 'b', colorBy: 'lab', expanded: ['PERSON:a', 'LAB:openai'], selected: 'PERSON:b' }
    expect(stateFromHash(networkHash(stateParams(s)))).toEqual(s)
    expect(networkHash(stateParams(defaultState))).toBe('#/network')
  })

  it('falls back to defaults for values it cannot use', () => {
    const s = stateFromHash('#/network?id=x&hops=9&limit=-1&kinds=NOPE,AUTHORED&asOf=20200&lang=zh')
    expect(s).toEqual({ ...defaultState, id: 'x', kinds: ['AUTHORED'] })
  })

  it('maps the relationship filter onto the links a path may use', () => {
    expect(pathKinds(['WORKED_AT', 'AUTHORED', 'PART_OF'])).toEqual(['WORKED_WITH', 'COAUTHORED'])
    expect(pathKinds(['PART_OF'])).toEqual([])
  })
})

describe('network graph', () => {
  it('merges an expansion without duplicating nodes or edges', () => {
    const g = newGraph()
    expect(merge(g, adaHood, 'kind')).toBe(3)
    expect(merge(g, alphaHood, 'kind')).toBe(1)
    expect(g.order).toBe(4)
    expect(g.size).toBe(3)
    expect(g.getNodeAttribute('LAB:alpha', 'color')).toBe(kindColors.LAB)
  })

  it('colours people by their current lab, and labs by themselves', () => {
    const n = node('PERSON:x', 'X', 1, { currentLab: { id: 'alpha', name: 'Lab Alpha' } })
    expect(nodeColor(n, 'lab')).toBe(nodeColor(node('LAB:alpha', 'Lab Alpha', 1), 'lab'))
  })

  it('adds a path the neighbourhood did not reach and returns what to highlight', () => {
    const g = newGraph()
    merge(g, adaHood, 'kind')
    const h = addPath(g, adaToBo, 'kind')
    expect([...h.nodes]).toEqual(['PERSON:ada', 'LAB:alpha', 'PERSON:bo'])
    expect(g.hasNode('PERSON:bo')).toBe(true)
    expect(h.edges.has('WORKED_AT:s1')).toBe(true)
    expect(h.edges.size).toBe(2)
  })

  it('stays fast at 5,000 nodes', () => {
    const nodes = [node('PERSON:c', 'Centre', 0)]
    const edges: Neighborhood['edges'] = []
    for (let i = 1; i < 5000; i++) {
      nodes.push(node(`PERSON:p${i}`, `Person ${i}`, 1 + (i % 3)))
      edges.push({ id: `E:${i}`, source: 'PERSON:c', target: `PERSON:p${i}`, type: 'RECRUITED', start: null, end: null, confidence: 'reported' })
    }
    const g = newGraph()
    const t0 = performance.now()
    merge(g, { truncated: true, nodes, edges }, 'kind')
    expect(g.order).toBe(5000)
    expect(performance.now() - t0).toBeLessThan(1500)
  })

  it('writes SVG with escaped labels', () => {
    const svg = toSVG(
      {
        nodes: [{ key: 'a', x: 10, y: 20, size: 5, color: '#123456', label: 'A <Paper> & co', showLabel: true }],
        edges: [{ x1: 0, y1: 0, x2: 10, y2: 20, color: '#999999', size: 1 }],
      },
      100,
      50,
    )
    expect(svg).toContain('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="50"')
    expect(svg).toContain('<circle cx="10" cy="20" r="5" fill="#123456">')
    expect(svg).toContain('A &#60;Paper&#62; &#38; co')
    expect(svg).toContain('<line x1="0" y1="0" x2="10" y2="20"')
  })
})

describe('network page', () => {
  const screen = testRoot()
  let calls: { query: string; variables: Record<string, unknown> }[]

  function serve() {
    calls = []
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit) => {
        const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> }
        calls.push(body)
        let data: unknown
        if (body.query.includes('neighborhood(')) data = { neighborhood: body.variables.id === 'alpha' ? alphaHood : adaHood }
        else if (body.query.includes('path(')) data = { path: adaToBo }
        else data = { search: [] }
        return new Response(JSON.stringify({ data }), { status: 200 })
      }),
    )
  }

  async function flush() {
    await act(async () => {
      await vi.advanceTimersByTimeAsync(50)
    })
  }

  beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true })
  })

  afterEach(() => {
    vi.useRealTimers()
    window.location.hash = ''
  })

  const text = (sel: string) => screen.container.querySelector(sel)?.textContent

  it('asks for a centre when the URL names none', async () => {
    window.location.hash = '#/network'
    serve()
    await screen.render(<NetworkPage />)
    expect(text('h1')).toBe('Network')
    expect(text('.net-statusbar')).toBe('Pick a person or lab above to see their network.')
    expect(calls).toHaveLength(0)
  })

  it('loads the neighbourhood named in the URL, says WebGL is missing, and expands a node', async () => {
    window.location.hash = '#/network?id=ada&hops=1&kinds=WORKED_AT,AUTHORED&asOf=2022'
    serve()
    await screen.render(<NetworkPage />)
    await flush()
    expect(calls[0]?.variables).toEqual({ id: 'ada', hops: 1, limit: 1000, kinds: ['WORKED_AT', 'AUTHORED'], asOf: '2022' })
    expect(text('[data-testid=net-count]')).toBe('3 nodes, 2 relationships')
    expect(text('.net-nowebgl')).toContain('WebGL')
    // The slider moves by month: January 2022 is 52 years of months after January 1970.
    expect(screen.container.querySelector<HTMLInputElement>('input[type=range]')?.value).toBe(String(52 * 12))
    expect(text('.net-year output')).toContain('2022')
    expect(screen.container.querySelector<HTMLInputElement>('input[type=date]')?.value).toBe('')

    // Find a node with the keyboard-reachable search, see its details, expand it.
    const find = screen.container.querySelector<HTMLInputElement>('#network-find')
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set
    await act(async () => {
      setter?.call(find, 'alpha')
      find?.dispatchEvent(new Event('input', { bubbles: true }))
    })
    const hit = screen.container.querySelector<HTMLButtonElement>('.net-find button')
    expect(hit?.textContent).toBe('Lab Alpha')
    await act(async () => hit?.click())
    expect(text('.net-node-name')).toBe('Lab Alpha')
    const expand = [...screen.container.querySelectorAll<HTMLButtonElement>('.net-actions button')].find((b) => b.textContent === 'Expand')
    await act(async () => expand?.click())
    await flush()
    expect(calls.at(-1)?.variables).toMatchObject({ id: 'alpha', hops: 1 })
    expect(text('[data-testid=net-count]')).toBe('4 nodes, 3 relationships')
    expect(text('.net-details [role=status]')).toBe('1 node added.')
    // A shared link keeps the expansion and the selection.
    expect(window.location.hash).toMatch(/exp=LAB(%3A|:)alpha/)
    expect(window.location.hash).toMatch(/sel=LAB(%3A|:)alpha/)
  })

  it('restores the expansions and the selection a shared link names', async () => {
    window.location.hash = '#/network?id=ada&hops=1&exp=LAB%3Aalpha&sel=LAB%3Aalpha'
    serve()
    await screen.render(<NetworkPage />)
    await flush()
    await flush()
    expect(calls.map((c) => c.variables.id)).toEqual(['ada', 'alpha'])
    expect(text('[data-testid=net-count]')).toBe('4 nodes, 3 relationships')
    expect(text('.net-node-name')).toBe('Lab Alpha')
    expect(screen.container.querySelector('.net-details a')?.getAttribute('href')).toMatch(/^#\/lab\/alpha/)
  })

  it('lists the steps of a path with their sources, and keeps its ends in the URL', async () => {
    window.location.hash = '#/network?id=ada&from=ada&to=bo'
    serve()
    await screen.render(<NetworkPage />)
    await flush()
    const pathCall = calls.find((c) => c.query.includes('path('))
    expect(pathCall?.variables).toEqual({ from: 'ada', to: 'bo', kinds: null, maxHops: 4, asOf: null })
    expect(text('.net-step-people')).toBe('Ada Example → Bo Example')
    expect(text('.net-step-kind')).toBe('worked together at Lab Alpha (from 2020)')
    expect(screen.container.querySelector('.net-step details.sources')).not.toBeNull()
    expect([...screen.container.querySelectorAll('.net-picked span')].map((s) => s.textContent)).toEqual(['Ada Example', 'Ada Example', 'Bo Example'])

    const clear = [...screen.container.querySelectorAll<HTMLButtonElement>('.net-path > button')].find((b) => b.textContent === 'Clear path')
    await act(async () => clear?.click())
    expect(window.location.hash).toBe('#/network?id=ada')
  })

  it('shows a server error in words', async () => {
    window.location.hash = '#/network?id=nobody'
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify({ data: null, errors: [{ message: 'no node', extensions: { code: 'NOT_FOUND' } }] }), { status: 200 })),
    )
    await screen.render(<NetworkPage />)
    await flush()
    expect(text('.net-statusbar [role=alert]')).toBe('Not found')
  })
})

describe('dragging the camera', () => {
  // captor is the little of an event emitter that sigma's mouse captor is.
  function captor() {
    const on = new Map<string, ((e?: unknown) => void)[]>()
    return {
      on: (type: string, l: (e?: unknown) => void) => void on.set(type, [...(on.get(type) ?? []), l]),
      listeners: (type: string) => [...(on.get(type) ?? [])],
      removeListener: (type: string, l: unknown) => void on.set(type, (on.get(type) ?? []).filter((x) => x !== l)),
      emit: (type: string, e?: unknown) => (on.get(type) ?? []).forEach((l) => l(e)),
    }
  }

  it('pauses hover picking while a button is down and restores it after', () => {
    const c = captor()
    const picks: unknown[] = []
    c.on('mousemove', (e) => void picks.push(e))
    pauseHoverWhileDragging(c as never)

    c.emit('mousedown')
    c.emit('mousedown') // a second button mid-drag
    c.emit('mousemove', 'during the drag')
    expect(picks).toEqual([])
    c.emit('mouseup')
    c.emit('mousemove', 'after the drag')
    expect(picks).toEqual(['after the drag'])
    expect(c.listeners('mousemove')).toHaveLength(1)
  })
})

describe('exported pictures', () => {
  const node = (key: string, x: number, y: number, label: string) => ({ key, x, y, size: 4, color: '#000', label, showLabel: false })

  it('labels every node and leaves out only a label that would overlap one placed', () => {
    const placed = placeLabels([node('a', 10, 10, 'Ada Example'), node('b', 12, 12, 'Bo Example'), node('c', 10, 200, 'Cy Example')])
    expect([...placed].sort()).toEqual(['a', 'c'])
  })

  it('carries a title, the legend, the date and a credit line', () => {
    const svg = toSVG({ nodes: [node('a', 10, 10, 'Ada <Example>')], edges: [] }, 400, 300, {
      title: 'The network of Ada',
      asOf: 'As of March 2020',
      legend: [{ label: 'Person', color: '#123456' }],
      credit: 'The List',
    })
    for (const want of ['The network of Ada', 'As of March 2020', '>Person<', 'fill="#123456"', 'The List', 'Ada &#60;Example&#62;']) expect(svg).toContain(want)
    expect(svg).toMatch(/height="(\d+)"/)
    expect(Number(/height="(\d+)"/.exec(svg)?.[1])).toBeGreaterThan(300)
  })
})
