// The web app's GraphQL operations live in the .graphql files beside this
// one, one operation a file named after it, so that the Go side (the cost
// tests in api/limits_test.go, the benchmark in bench/api) reads the very
// documents the app sends, through frontend.Operation. A fragment that
// several operations share has its own file, named after it too; a fragment
// of one operation stays in that operation's file.

import AlumnusFields from './AlumnusFields.graphql?raw'
import LabRefFields from './LabRefFields.graphql?raw'
import OfferFields from './OfferFields.graphql?raw'
import PersonPaperFields from './PersonPaperFields.graphql?raw'
import ShortlistSummaryFields from './ShortlistSummaryFields.graphql?raw'
import SourceFields from './SourceFields.graphql?raw'

const shared: Record<string, string> = { AlumnusFields, LabRefFields, OfferFields, PersonPaperFields, ShortlistSummaryFields, SourceFields }

// A spread is "...Name"; "... on Type" is an inline fragment, not a spread.
const spreadPattern = /\.\.\.\s*([_A-Za-z][_0-9A-Za-z]*)/g
const definitionPattern = /\bfragment\s+([_A-Za-z][_0-9A-Za-z]*)\s+on\b/g

function names(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].flatMap((m) => (m[1] && m[1] !== 'on' ? [m[1]] : []))
}

// withFragments is operation followed by the shared fragments it spreads,
// and those they spread, each once, in the order they are first met.
// frontend/graphql.go does the same, so both sides send the same text.
export function withFragments(operation: string): string {
  const out = [operation.trim()]
  const defined = new Set(names(operation, definitionPattern))
  const pending = names(operation, spreadPattern)
  for (let i = 0; i < pending.length; i++) {
    const name = pending[i] as string
    if (defined.has(name)) continue
    const fragment = shared[name]
    if (fragment === undefined) throw new Error(`GraphQL fragment ${name}: no file src/graphql/${name}.graphql`)
    defined.add(name)
    out.push(fragment.trim())
    pending.push(...names(fragment, spreadPattern))
  }
  return out.join('\n\n') + '\n'
}
