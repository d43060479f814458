// Operation is one of the app's GraphQL documents with the types of its
// answer and variables (generated.ts pairs them), so the client can only
// send a document with the variables it declares and reads its answer with
// the fields it asks for.

import { withFragments } from './document.ts'

export interface Operation<TResult, TVariables> {
  readonly text: string
  // Phantom fields: only the types are used, never the values.
  readonly __result?: TResult
  readonly __variables?: TVariables
}

export function operation<TResult, TVariables>(fileText: string): Operation<TResult, TVariables> {
  return { text: withFragments(fileText) }
}
