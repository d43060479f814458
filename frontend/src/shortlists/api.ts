// Shortlists' and saved searches' operations (#/shortlists), kept per API key.

import { ApiError, request } from '../graphql/client.ts'
import {
  AddToShortlistDocument,
  CheckApiKeyDocument,
  CreateShortlistDocument,
  DeleteSavedSearchDocument,
  DeleteShortlistDocument,
  RemoveFromShortlistDocument,
  RenameShortlistDocument,
  SaveSearchDocument,
  SavedSearchesDocument,
  ShortlistDegreeSourcesDocument,
  ShortlistDocument,
  ShortlistPaperSourcesDocument,
  ShortlistStintSourcesDocument,
  ShortlistsDocument,
  type PeopleFilter,
  type ShortlistQuery,
  type ShortlistSummaryFieldsFragment,
} from '../graphql/generated.ts'
import type { CandidateSources } from '../candidates/api.ts'

export type ShortlistSummary = ShortlistSummaryFieldsFragment
export type Shortlist = NonNullable<ShortlistQuery['shortlist']>
// ShortlistMember reads as a row of the candidates list, so the same code
// shows and exports both; matched holds the credentials met, in words.
export type ShortlistMember = Shortlist['members'][number]

export interface SavedSearch {
  id: string
  name: string
  where: PeopleFilter
  updatedAt: string
}

export async function getShortlists(signal?: AbortSignal): Promise<ShortlistSummary[]> {
  const data = await request(ShortlistsDocument, {}, signal)
  return data.shortlists
}

// getShortlist returns null when the signed-in key has no list with that id.
export async function getShortlist(id: string, signal?: AbortSignal): Promise<Shortlist | null> {
  try {
    const data = await request(ShortlistDocument, { id }, signal)
    return data.shortlist
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return null
    throw err
  }
}

type EvidenceList = { id: string; sources: { id: string; publisher: string; title: string; url: string | null }[] }[]

// getShortlistSources maps each member's id to the sources of their evidence,
// keyed as CandidateSources are. The sources are asked for apart, one kind
// of evidence a request, and without their dates and notes: with more, the
// query would pass the API's cost limit (each list inside a list is priced
// at ten elements, and these are four lists deep).
export async function getShortlistSources(id: string, signal?: AbortSignal): Promise<Map<string, CandidateSources>> {
  const [degrees, stints, papers] = await Promise.all([
    request(ShortlistDegreeSourcesDocument, { id }, signal),
    request(ShortlistStintSourcesDocument, { id }, signal),
    request(ShortlistPaperSourcesDocument, { id }, signal),
  ])
  const out = new Map<string, CandidateSources>()
  const add = (kind: string, personId: string, lists: EvidenceList[]) => {
    const s = out.get(personId) ?? {}
    for (const list of lists) {
      for (const e of list) s[`${kind}:${e.id}`] = e.sources.map((src) => ({ ...src, date: null, note: null }))
    }
    out.set(personId, s)
  }
  for (const m of degrees.shortlist?.members ?? []) add('degree', m.node.id, m.credentials.map((c) => c.degrees))
  for (const m of stints.shortlist?.members ?? []) add('stint', m.node.id, m.credentials.map((c) => c.stints))
  for (const m of papers.shortlist?.members ?? []) add('paper', m.node.id, m.credentials.map((c) => c.papers))
  return out
}

export async function createShortlist(name: string): Promise<ShortlistSummary> {
  const data = await request(CreateShortlistDocument, { name })
  return data.createShortlist
}

export async function renameShortlist(id: string, name: string): Promise<ShortlistSummary> {
  const data = await request(RenameShortlistDocument, { id, name })
  return data.renameShortlist
}

export async function deleteShortlist(id: string): Promise<void> {
  await request(DeleteShortlistDocument, { id })
}

// addToShortlist leaves the notes of people already on the list alone
// unless a note is given.
export async function addToShortlist(id: string, personIds: string[], note?: string): Promise<ShortlistSummary> {
  const data = await request(AddToShortlistDocument, { id, people: personIds, note: note ?? null })
  return data.addToShortlist
}

export async function removeFromShortlist(id: string, personIds: string[]): Promise<ShortlistSummary> {
  const data = await request(RemoveFromShortlistDocument, { id, people: personIds })
  return data.removeFromShortlist
}

// parseWhere reads a saved filter; one that is not JSON of an object reads
// as no filter rather than breaking the list.
function parseWhere(s: string): PeopleFilter {
  try {
    const v: unknown = JSON.parse(s)
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as PeopleFilter) : {}
  } catch {
    return {}
  }
}

export async function getSavedSearches(signal?: AbortSignal): Promise<SavedSearch[]> {
  const data = await request(SavedSearchesDocument, {}, signal)
  return data.savedSearches.map((s) => ({ ...s, where: parseWhere(s.where) }))
}

// saveSearch replaces the search of that name, if the key has one.
export async function saveSearch(name: string, where: PeopleFilter): Promise<SavedSearch> {
  const data = await request(SaveSearchDocument, { name, where })
  return { ...data.saveSearch, where: parseWhere(data.saveSearch.where) }
}

export async function deleteSavedSearch(id: string): Promise<void> {
  await request(DeleteSavedSearchDocument, { id })
}

// checkApiKey asks the server whether it knows key, before it is kept.
export async function checkApiKey(key: string): Promise<void> {
  await request(CheckApiKeyDocument, {}, undefined, key)
}
