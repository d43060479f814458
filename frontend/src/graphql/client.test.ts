import { afterEach, describe, expect, it, vi } from 'vitest'
import { ApiError, post } from './client.ts'
import { getPerson, searchPeople } from '../person/api.ts'

function respond(status: number, body: unknown) {
  const text = typeof body === 'string' ? body : JSON.stringify(body)
  const fetchMock = vi.fn(async () => new Response(text, { status, headers: { 'content-type': 'application/json' } }))
  vi.stubGlobal('fetch', fetchMock)
  return fetchMock
}

async function caught(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p
  } catch (err) {
    expect(err).toBeInstanceOf(ApiError)
    return err as ApiError
  }
  throw new Error('expected the call to fail')
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('post', () => {
  it('posts the query and variables as JSON to /graphql', async () => {
    const fetchMock = respond(200, { data: { search: [] } })
    await searchPeople('deitke')
    expect(fetchMock).toHaveBeenCalledOnce()
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    expect(url).toBe('/graphql')
    expect(init.method).toBe('POST')
    const body = JSON.parse(init.body as string) as { query: string; variables: Record<string, unknown> }
    expect(body.variables).toEqual({ query: 'deitke', first: 10 })
    expect(body.query).toContain('search(query: $query, kinds: [PERSON], first: $first) { kind person { id name nativeName } }')
  })

  it('returns the people of the search hits in the order given', async () => {
    respond(200, {
      data: {
        search: [
          { kind: 'PERSON', person: { id: 'b', name: 'Bo Example', nativeName: null } },
          { kind: 'PERSON', person: { id: 'a', name: 'Ada Example', nativeName: '艾达' } },
        ],
      },
    })
    await expect(searchPeople('example')).resolves.toEqual([
      { id: 'b', name: 'Bo Example', nativeName: null },
      { id: 'a', name: 'Ada Example', nativeName: '艾达' },
    ])
  })

  it('asks for every field of a person the contract names', async () => {
    const fetchMock = respond(200, { data: { person: null } })
    await getPerson('matt-deitke')
    const [, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit]
    const { query } = JSON.parse(init.body as string) as { query: string }
    for (const field of ['nativeName', 'lab { id name kind country }', 'role', 'start', 'end', 'publisher title date url note']) {
      expect(query).toContain(field)
    }
  })

  it('returns null for a person who is not there', async () => {
    respond(200, { data: { person: null } })
    await expect(getPerson('nobody')).resolves.toBeNull()
  })

  it.each([
    ['UNAVAILABLE', 'The database is not answering right now. Try again in a minute.'],
    ['NOT_FOUND', 'Not found'],
    ['INTERNAL', 'Something went wrong on the server. Try again, and tell us if it keeps happening.'],
    ['TOO_BROAD', 'This search would have to look at too much of the graph. Choose fewer kinds of links or fewer hops, or set a date.'],
  ])('maps %s to words a person understands', async (code, want) => {
    respond(200, { data: null, errors: [{ message: 'neo4j: connection refused', extensions: { code } }] })
    const err = await caught(post('{ x }'))
    expect(err.code).toBe(code)
    expect(err.message).toBe(want)
  })

  it('uses the first error when there are several', async () => {
    respond(200, {
      errors: [
        { message: 'a', extensions: { code: 'NOT_FOUND' } },
        { message: 'b', extensions: { code: 'INTERNAL' } },
      ],
    })
    expect((await caught(post('{ x }'))).code).toBe('NOT_FOUND')
  })

  it("passes the server's words through for bad input", async () => {
    respond(400, { errors: [{ message: 'query must not be empty', extensions: { code: 'BAD_USER_INPUT' } }] })
    const err = await caught(post('{ x }'))
    expect(err.code).toBe('BAD_USER_INPUT')
    expect(err.message).toBe('query must not be empty')
  })

  it('calls an error without a code internal, hiding the raw message', async () => {
    respond(200, { errors: [{ message: 'panic: nil pointer' }] })
    const err = await caught(post('{ x }'))
    expect(err.code).toBe('INTERNAL')
    expect(err.message).not.toContain('panic')
  })

  it('reads a network failure as the server being unreachable', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))))
    const err = await caught(post('{ x }'))
    expect(err.code).toBe('NETWORK')
    expect(err.message).toMatch(/cannot be reached/)
  })

  it('reads a bad gateway without a GraphQL body as unavailable', async () => {
    respond(502, 'Bad Gateway')
    const err = await caught(post('{ x }'))
    expect(err.code).toBe('UNAVAILABLE')
    expect(err.message).toMatch(/not answering/)
  })

  it('reads any other answer without data as internal', async () => {
    respond(500, '<html>oops</html>')
    expect((await caught(post('{ x }'))).code).toBe('INTERNAL')
  })

  it("keeps the fields a mutation refused, beside the server's message", async () => {
    respond(200, {
      errors: [
        { message: 'people: name: must not be empty', extensions: { code: 'BAD_USER_INPUT', field: 'name' } },
        { message: 'two at once', extensions: { code: 'BAD_USER_INPUT', fields: [{ field: 'sources', message: 'at least one source' }] } },
      ],
    })
    const err = await caught(post('mutation { x }'))
    expect(err.code).toBe('BAD_USER_INPUT')
    expect(err.fields).toEqual([
      { field: 'name', message: 'people: name: must not be empty' },
      { field: 'sources', message: 'at least one source' },
    ])
  })

  it('lets an abort through untouched', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new DOMException('aborted', 'AbortError'))))
    await expect(post('{ x }')).rejects.toMatchObject({ name: 'AbortError' })
  })
})
