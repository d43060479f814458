import { describe, expect, it } from 'vitest'
import { candidateSourcesPerRequest } from '../candidates/api.ts'
import CandidateSources from './CandidateSources.graphql?raw'
import GetPerson from './GetPerson.graphql?raw'
import Recruitment from './Recruitment.graphql?raw'
import { withFragments } from './document.ts'

const fragmentNames = (doc: string) => [...doc.matchAll(/\bfragment (\w+) on/g)].map((m) => m[1])

describe('withFragments', () => {
  it('appends the shared fragments an operation spreads, and theirs, once each', () => {
    const doc = withFragments(GetPerson)
    expect(doc.startsWith(GetPerson.trim())).toBe(true)
    // In the order first met: SourceFields in stints, PersonPaperFields in
    // papers, OfferFields in offers.
    expect(fragmentNames(doc)).toEqual(['SourceFields', 'PersonPaperFields', 'OfferFields'])
  })

  it('keeps a fragment the operation defines itself, and adds only the shared ones', () => {
    expect(fragmentNames(withFragments(Recruitment))).toEqual(['ChainEdgeFields', 'SourceFields'])
  })

  it('leaves an inline fragment alone and refuses a fragment with no file', () => {
    expect(withFragments('{ search(query: "x") { ... on Person { id } } }')).toBe('{ search(query: "x") { ... on Person { id } } }\n')
    expect(() => withFragments('{ person(id: "x") { ...Missing } }')).toThrow(/no file src\/graphql\/Missing.graphql/)
  })
})

// The candidates page asks for the sources of this many rows at a time; the
// document must ask the server for as many.
it('CandidateSources asks for candidateSourcesPerRequest rows', () => {
  expect(CandidateSources).toContain(`first: ${candidateSourcesPerRequest},`)
})
