// client is the one place the frontend talks to the Go server. Each feature
// folder's api.ts sends its operations (src/graphql, typed by generated.ts)
// through request, and views only ever see an ApiError, whose message is
// written for the person reading the page.

import i18n from '../i18n.ts'
import type { Operation } from './operation.ts'

// NETWORK is ours, not the server's: the request never got an answer.
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UNAVAILABLE'
  | 'OVERLOADED'
  | 'TOO_BROAD'
  | 'INTERNAL'
  | 'NETWORK'
  | (string & {})

// FieldError is one input field the server refused, as a mutation's
// BAD_USER_INPUT reports it in extensions.fields (docs/api.md).
export interface FieldError {
  field: string
  message: string
}

// ApiError keeps the server's code so callers can branch on it (a missing
// person is not a failure worth a retry button) while its message stays
// readable. It is written in the language shown when it was thrown; views
// call messageFor(err.code, err.message) to show it in the current one.
export class ApiError extends Error {
  readonly code: ErrorCode
  readonly fields: FieldError[]

  constructor(code: ErrorCode, message: string, fields: FieldError[] = []) {
    super(message)
    this.name = 'ApiError'
    this.code = code
    this.fields = fields
  }
}

// Our wording for each code lives in the locale files (errors.*), so it is
// in the page's language; these are the codes we have words for.
const worded = ['UNAVAILABLE', 'OVERLOADED', 'NETWORK', 'NOT_FOUND', 'INTERNAL', 'UNAUTHENTICATED', 'FORBIDDEN', 'TOO_BROAD'] as const
type Worded = (typeof worded)[number]

function isWorded(code: ErrorCode): code is Worded {
  return (worded as readonly string[]).includes(code)
}

// messageFor prefers our wording; for BAD_USER_INPUT and CONFLICT the
// server's own message says what was wrong with the input, which our
// wording could not. It reads the current language, so a view that keeps
// the ApiError and calls this when rendering follows a language switch.
export function messageFor(code: ErrorCode, serverMessage?: string): string {
  if (isWorded(code)) return i18n.t(`errors.${code}`)
  if ((code === 'BAD_USER_INPUT' || code === 'CONFLICT') && serverMessage) return serverMessage
  return i18n.t('errors.INTERNAL')
}

interface GraphQLError {
  message?: string
  extensions?: { code?: string; field?: string; fields?: unknown }
}

interface GraphQLResponse<T> {
  data?: T | null
  errors?: GraphQLError[]
}

// The API key a person signed in with is kept in this browser's
// localStorage and sent with every request, so the server knows whose
// shortlists to show and who edits. It never goes anywhere but to this server.
const apiKeyStorage = 'thelist.apiKey'
export const apiKeyEvent = 'thelist:apikey'

export function storedApiKey(): string | null {
  try {
    return window.localStorage.getItem(apiKeyStorage) || null
  } catch {
    return null // storage blocked: no key
  }
}

// setApiKey keeps key (or forgets it, for null) and tells the open views.
export function setApiKey(key: string | null): void {
  try {
    if (key) window.localStorage.setItem(apiKeyStorage, key)
    else window.localStorage.removeItem(apiKeyStorage)
  } catch {
    // Storage blocked: the key lasts as long as the page does not reload.
  }
  window.dispatchEvent(new Event(apiKeyEvent))
}

// request sends one of the app's operations with its variables and returns
// its answer, typed as the operation's file asks for it.
export function request<TResult, TVariables>(
  op: Operation<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
  key: string | null = storedApiKey(),
): Promise<TResult> {
  return post<TResult>(op.text, variables as Record<string, unknown>, signal, key)
}

// post sends a document given as text: request for the app's operations,
// and the one document built at run time (getLabNames). It returns the
// answer's data or throws an ApiError. An AbortError is rethrown untouched
// so that a caller that cancelled a stale request can tell it apart from a
// failure. key, when given, is sent instead of the stored one (to check a
// key before keeping it).
export async function post<T>(
  query: string,
  variables: Record<string, unknown> = {},
  signal?: AbortSignal,
  key: string | null = storedApiKey(),
): Promise<T> {
  let res: Response
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json' }
  if (key) headers.authorization = `Bearer ${key}`
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers,
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
    throw new ApiError(code, messageFor(code, first.message), fieldErrors(body?.errors ?? []))
  }
  if (!res.ok || body === undefined || body.data == null) {
    // A proxy in front of a stopped server answers 502–504 with no GraphQL
    // body; to a reader that is the same as the database being away.
    const code = res.status >= 502 && res.status <= 504 ? 'UNAVAILABLE' : 'INTERNAL'
    throw new ApiError(code, messageFor(code))
  }
  return body.data
}

// fieldErrors reads the fields a mutation refused: each error may name its
// field (extensions.field), or list several (extensions.fields, as
// [{field, message}] or {field: message}).
function fieldErrors(errors: GraphQLError[]): FieldError[] {
  const out: FieldError[] = []
  for (const e of errors) {
    const ext = e.extensions
    if (!ext) continue
    if (typeof ext.field === 'string') out.push({ field: ext.field, message: e.message ?? '' })
    const fields = ext.fields
    if (Array.isArray(fields)) {
      for (const f of fields as unknown[]) {
        if (f && typeof f === 'object' && typeof (f as FieldError).field === 'string') {
          out.push({ field: (f as FieldError).field, message: String((f as FieldError).message ?? '') })
        }
      }
    } else if (fields && typeof fields === 'object') {
      for (const [field, message] of Object.entries(fields as Record<string, unknown>)) out.push({ field, message: String(message) })
    }
  }
  return out
}

function isAbort(err: unknown): boolean {
  return err instanceof DOMException && err.name === 'AbortError'
}
