// api is the one place the frontend talks to the Go server. Components call
// the typed query functions below and only ever see an ApiError, whose
// message is written for the person reading the page.

import i18n from './i18n.ts'

export interface Source {
  id: string
  publisher: string
  title: string
  date: string | null
  url: string | null
  note: string | null
}

export interface Lab {
  id: string
  name: string
  kind: string
  country: string | null
}

export interface Stint {
  id: string
  lab: Lab
  role: string | null
  start: string | null
  end: string | null
  confidence: string
  note: string | null
  sources: Source[]
}

export interface Degree {
  id: string
  lab: Lab
  degree: string
  field: string | null
  start: string | null
  end: string | null
  completed: boolean | null
  advisorId: string | null
  advisorName: string | null
  sources: Source[]
}

export interface Person {
  id: string
  name: string
  nativeName: string | null
  stints: Stint[]
  degrees: Degree[]
  sources: Source[]
}

export type PersonHit = Pick<Person, 'id' | 'name' | 'nativeName'>

// SearchHit is one result of the server's search over people, labs and
// papers: the object of its kind is set, the others are null.
export interface SearchHit {
  kind: 'PERSON' | 'LAB' | 'PAPER'
  person?: PersonHit | null
}

// NETWORK is ours, not the server's: the request never got an answer.
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAVAILABLE'
  | 'INTERNAL'
  | 'NETWORK'
  | (string & {})

// ApiError keeps the server's code so callers can branch on it (a missing
// person is not a failure worth a retry button) while its message stays
// readable. It is written in the language shown when it was thrown; views
// call messageFor(err.code, err.message) to show it in the current one.
export class ApiError extends Error {
  readonly code: ErrorCode

  constructor(code: ErrorCode, message: string) {
    super(message)
    this.name = 'ApiError'
    this.code = code
  }
}

// Our wording for each code lives in the locale files (errors.*), so it is
// in the page's language; these are the codes we have words for.
const worded = ['UNAVAILABLE', 'NETWORK', 'NOT_FOUND', 'INTERNAL'] as const
type Worded = (typeof worded)[number]

function isWorded(code: ErrorCode): code is Worded {
  return (worded as readonly string[]).includes(code)
}

// messageFor prefers our wording; for BAD_USER_INPUT the server's own message
// says what was wrong with the input, which our wording could not. It reads
// the current language, so a view that keeps the ApiError and calls this when
// rendering follows a language switch.
export function messageFor(code: ErrorCode, serverMessage?: string): string {
  if (isWorded(code)) return i18n.t(`errors.${code}`)
  if (code === 'BAD_USER_INPUT' && serverMessage) return serverMessage
  return i18n.t('errors.INTERNAL')
}

interface GraphQLError {
  message?: string
  extensions?: { code?: string }
}

interface GraphQLResponse<T> {
  data?: T | null
  errors?: GraphQLError[]
}

// gql posts one operation to /graphql and returns its data, or throws an
// ApiError. An AbortError is rethrown untouched so that a caller that
// cancelled a stale request can tell it apart from a failure.
export async function gql<T>(
  query: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
): Promise<T> {
  let res: Response
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query, variables }),
      ...(signal ? { signal } : {}),
    })
  } catch (err) {
    if (isAbort(err)) throw err
    throw new ApiError('NETWORK', messageFor('NETWORK'))
  }

  let body: GraphQLResponse<T> | undefined
  try {
    body = (await res.json()) as GraphQLResponse<T>
  } catch (err) {
    if (isAbort(err)) throw err
    body = undefined
  }

  const first = body?.errors?.[0]
  if (first) {
    const code = first.extensions?.code ?? 'INTERNAL'
    throw new ApiError(code, messageFor(code, first.message))
  }
  if (!res.ok || body === undefined || body.data == null) {
    // A proxy in front of a stopped server answers 502–504 with no GraphQL
    // body; to a reader that is the same as the database being away.
    const code = res.status >= 502 && res.status <= 504 ? 'UNAVAILABLE' : 'INTERNAL'
    throw new ApiError(code, messageFor(code))
  }
  return body.data
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError'
}

const sourceFields = `
  fragment SourceFields on Source { id publisher title date url note }
`

const searchQuery = `
  query SearchPeople($query: String!, $first: Int) {
    search(query: $query, kinds: [PERSON], first: $first) { kind person { id name nativeName } }
  }
`

const personQuery = `
  query GetPerson($id: ID!) {
    person(id: $id) {
      id
      name
      nativeName
      stints {
        id
        lab { id name kind country }
        role
        start
        end
        confidence
        note
        sources { ...SourceFields }
      }
      degrees {
        id
        lab { id name kind country }
        degree
        field
        start
        end
        completed
        advisorId
        advisorName
        sources { ...SourceFields }
      }
      sources { ...SourceFields }
    }
  }
  ${sourceFields}
`

// searchPeople returns the best matches first, as the server ranks them.
// The page searches people only; the hits keep the server's order.
export async function searchPeople(q: string, signal?: AbortSignal, first = 10): Promise<PersonHit[]> {
  const data = await gql<{ search: SearchHit[] }>(searchQuery, { query: q, first }, signal)
  return data.search.flatMap((hit) => (hit.person ? [hit.person] : []))
}

// getPerson returns null when there is no one with that id, as the server does.
export async function getPerson(id: string, signal?: AbortSignal): Promise<Person | null> {
  const data = await gql<{ person: Person | null }>(personQuery, { id }, signal)
  return data.person
}
