// The search page's and the person page's operations.

import { request } from '../graphql/client.ts'
import {
  AddSourceDocument,
  GetPersonDocument,
  HistoryDocument,
  PersonPapersDocument,
  RetractDocument,
  SearchPeopleDocument,
  type GetPersonQuery,
  type HistoryQuery,
  type SourceInput,
} from '../graphql/generated.ts'
import type { Offer, PersonRef } from '../graphql/types.ts'
import { evidenceSources, type CandidateSources } from '../candidates/api.ts'

export type PersonHit = PersonRef

// PersonDetail is a person as their own page reads them, with the lists
// that only person(id) answers (docs/api.md, "The person page").
export type PersonDetail = NonNullable<GetPersonQuery['person']>
export type Stint = PersonDetail['stints'][number]
export type Degree = PersonDetail['degrees'][number]
export type PersonPaper = PersonDetail['papers'][number]
export type PersonMove = PersonDetail['moves'][number]
export type PersonDeal = GetPersonQuery['deals'][number]

// searchPeople returns the best matches first, as the server ranks them.
// The page searches people only; the hits keep the server's order.
export async function searchPeople(q: string, signal?: AbortSignal, first = 10): Promise<PersonHit[]> {
  const data = await request(SearchPeopleDocument, { query: q, first }, signal)
  return data.search.flatMap((hit) => (hit.person ? [hit.person] : []))
}

// PersonView is everything the person page shows: the person, the offers
// made to them, newest first (undated last), and the sources of the evidence
// of their credentials, keyed as the candidates page keys them.
export interface PersonView {
  person: PersonDetail
  offers: Offer[]
  offersTotal: number
  deals: PersonDeal[]
  credentialSources: CandidateSources
}

// getPerson returns null when there is no one with that id, as the server
// does. The person and their offers are two root fields of one request, so
// the page waits on one round trip.
export async function getPerson(id: string, signal?: AbortSignal): Promise<PersonView | null> {
  const data = await request(GetPersonDocument, { id }, signal)
  if (!data.person) return null
  return {
    person: data.person,
    offers: data.offers.edges.map((e) => e.node),
    offersTotal: data.offers.totalCount,
    deals: data.deals,
    credentialSources: evidenceSources(data.person.credentials),
  }
}

// --- History and corrections (an editor's key; docs/api.md, Mutations) ---

export type Change = HistoryQuery['history'][number]

// getHistory reads a record's changes, newest first; kind is the bundle
// kind ("people", "stints", …).
export async function getHistory(kind: string, id: string, signal?: AbortSignal): Promise<Change[]> {
  const data = await request(HistoryDocument, { kind, id, first: 20 }, signal)
  return data.history
}

export async function retract(kind: string, id: string, reason: string): Promise<Change> {
  const data = await request(RetractDocument, { kind, id, reason })
  return data.retract
}

// addSource records a new source and returns its id, for a correction to cite.
export async function addSource(input: SourceInput): Promise<string> {
  const data = await request(AddSourceDocument, { input })
  return data.addSource.recordId
}

// getMorePapers reads the next page of a person's papers, newest first,
// from offset (the number already shown).
export async function getMorePapers(id: string, offset: number, signal?: AbortSignal): Promise<PersonPaper[]> {
  const data = await request(PersonPapersDocument, { id, offset }, signal)
  return data.person?.papers ?? []
}
