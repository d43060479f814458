import { ApiError } from './graphql/client.ts'

// Failure is what a view keeps of a failed request: the code, and the
// server's words for BAD_USER_INPUT and CONFLICT (see messageFor).
export type Failure = { code: string; detail?: string }

export function failureOf(err: unknown): Failure {
  return err instanceof ApiError ? { code: err.code, detail: err.message } : { code: 'INTERNAL' }
}
