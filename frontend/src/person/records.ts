// The kinds of record an editor adds, corrects or retracts in place, each
// as a list of the fields its form shows (RecordEditor draws them), and the
// functions that turn a record as the pages read it into the whole input
// its upsert takes (docs/api.md, Mutations).

import { ApiError, request } from '../graphql/client.ts'
import {
  IdInUseDocument,
  UpsertDealDocument,
  UpsertLabDocument,
  UpsertMoveDocument,
  UpsertOfferDocument,
  UpsertPersonDocument,
  UpsertStintDocument,
  type DealInput,
  type LabInput,
  type LabInfoQuery,
  type MoveInput,
  type OfferInput,
  type PersonInput,
  type StintInput,
} from '../graphql/generated.ts'
import type { Offer } from '../graphql/types.ts'
import type en from '../locales/en.json'
import { confidenceLabel, labKind, offerStatus } from '../lab/format.ts'
import type { Change, PersonDeal, PersonDetail, PersonMove, Stint } from './api.ts'

export interface Inputs {
  people: PersonInput
  labs: LabInput
  stints: StintInput
  moves: MoveInput
  offers: OfferInput
  deals: DealInput
}
export type RecordKind = keyof Inputs

// Whole is an input with every field present (null when not reported) but
// the change's reason: an upsert replaces the whole record, so a field
// left out would be cleared. The compiler checks that each function below
// names every field of its input type, so a field added to the schema
// cannot be silently dropped by a correction.
export type Whole<T> = { [K in Exclude<keyof T, 'reason'>]-?: T[K] | null }

// What a field's input is: free text, a date at its precision, a whole
// number, a yes/no, a list (one a line), the id of another record, or one
// of a few words.
export type InputKind = 'text' | 'date' | 'number' | 'bool' | 'list' | 'ref' | { options: readonly string[]; label: (v: string) => string }

export interface FieldSpec {
  name: string // the input's field
  label: keyof typeof en.edit.field // its words, in the locale files
  input: InputKind
  required?: boolean
}

export interface KindSpec {
  fields: FieldSpec[]
  // A fact can be retracted; people and labs are corrected, never
  // retracted (other records refer to them; docs/api.md, retract).
  retractable: boolean
  // newId is the id of a new record, as the data's ids are made
  // (data/*.csv: "person.lab" for a job, "person.to.lab" for a move…);
  // RecordEditor makes it unique.
  newId: (input: Record<string, unknown>) => string
}

const confidence: FieldSpec = { name: 'confidence', label: 'confidence', input: { options: ['reported', 'inferred', 'unconfirmed'], label: confidenceLabel } }
const note: FieldSpec = { name: 'note', label: 'note', input: 'text' }
const s = (v: unknown) => (typeof v === 'string' ? v : '')
const slug = (v: unknown) =>
  s(v)
    .toLowerCase()
    .normalize('NFKD')
    .replace(/\p{M}/gu, '') // é is e
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')

export const kinds: Record<RecordKind, KindSpec> = {
  people: {
    fields: [
      { name: 'name', label: 'name', input: 'text', required: true },
      { name: 'nativeName', label: 'nativeName', input: 'text' },
      { name: 'aliases', label: 'aliases', input: 'list' },
      { name: 'orcid', label: 'orcid', input: 'text' },
    ],
    retractable: false,
    // A name in another script makes no id: the editor's new person is
    // then "person", made unique like any other.
    newId: (v) => slug(v.name) || 'person',
  },
  labs: {
    fields: [
      { name: 'name', label: 'labName', input: 'text', required: true },
      { name: 'kind', label: 'labKind', input: { options: ['company', 'university', 'institute', 'startup', 'investor', 'media'], label: labKind }, required: true },
      { name: 'country', label: 'country', input: 'text' },
      { name: 'parentId', label: 'parentId', input: 'ref' },
      { name: 'founded', label: 'founded', input: 'date' },
      { name: 'aliases', label: 'aliases', input: 'list' },
      { name: 'staff', label: 'staff', input: 'number' },
      { name: 'staffDate', label: 'staffDate', input: 'date' },
    ],
    retractable: false,
    newId: (v) => slug(v.name) || 'lab',
  },
  stints: {
    fields: [
      { name: 'labId', label: 'labId', input: 'ref', required: true },
      { name: 'role', label: 'role', input: 'text' },
      { name: 'start', label: 'start', input: 'date' },
      { name: 'end', label: 'end', input: 'date' },
      { name: 'lastSeen', label: 'lastSeen', input: 'date' },
      confidence,
      note,
    ],
    retractable: true,
    newId: (v) => `${s(v.personId)}.${s(v.labId)}`,
  },
  moves: {
    fields: [
      { name: 'fromLabId', label: 'fromLabId', input: 'ref' },
      { name: 'toLabId', label: 'toLabId', input: 'ref', required: true },
      { name: 'date', label: 'date', input: 'date' },
      { name: 'recruiterId', label: 'recruiterId', input: 'ref' },
      confidence,
      note,
    ],
    retractable: true,
    newId: (v) => `${s(v.personId)}.to.${s(v.toLabId)}`,
  },
  offers: {
    fields: [
      { name: 'labId', label: 'labId', input: 'ref', required: true },
      { name: 'extendedById', label: 'extendedById', input: 'ref' },
      { name: 'totalValue', label: 'totalValue', input: 'number' },
      { name: 'firstYearValue', label: 'firstYearValue', input: 'number' },
      { name: 'currency', label: 'currency', input: 'text' },
      { name: 'years', label: 'years', input: 'number' },
      { name: 'date', label: 'date', input: 'date' },
      { name: 'status', label: 'status', input: { options: ['accepted', 'declined', 'countered', 'unknown'], label: (v) => offerStatus(v) } },
      confidence,
      note,
    ],
    retractable: true,
    newId: (v) => `${s(v.labId)}.${s(v.personId)}`,
  },
  deals: {
    fields: [
      { name: 'kind', label: 'dealKind', input: { options: ['acquisition', 'licence-and-hire', 'acqui-hire', 'investment'], label: (v) => v }, required: true },
      { name: 'buyerLabId', label: 'buyerLabId', input: 'ref', required: true },
      { name: 'targetLabId', label: 'targetLabId', input: 'ref', required: true },
      { name: 'date', label: 'date', input: 'date' },
      { name: 'amount', label: 'amount', input: 'number' },
      { name: 'currency', label: 'currency', input: 'text' },
      { name: 'personIds', label: 'personIds', input: 'list' },
      confidence,
      note,
    ],
    retractable: true,
    newId: (v) => [s(v.buyerLabId), s(v.targetLabId), s(v.date).slice(0, 4)].filter(Boolean).join('.'),
  },
}

const ids = (sources: readonly { id: string }[]) => sources.map((x) => x.id)

// --- Records as the pages read them, as whole inputs ---

export function personInput(p: PersonDetail): Whole<PersonInput> {
  return {
    id: p.id,
    name: p.name,
    nativeName: p.nativeName,
    aliases: p.aliases,
    orcid: p.orcid,
    openalex: p.openalex,
    dblp: p.dblp,
    googleScholar: p.googleScholar,
    sources: ids(p.sources),
  }
}

export type LabInfo = NonNullable<LabInfoQuery['lab']>

export function labInput(l: LabInfo): Whole<LabInput> {
  return {
    id: l.id,
    name: l.name,
    kind: l.kind,
    country: l.country,
    parentId: l.parent?.id ?? null,
    topLab: l.topLab,
    aliases: l.aliases,
    founded: l.founded,
    ror: l.ror,
    openalex: l.openalex,
    wikidata: l.wikidata,
    staff: l.staff,
    staffDate: l.staffDate,
    staffApproximate: l.staffApproximate,
    sources: ids(l.sources),
  }
}

export function stintInput(personId: string, st: Stint): Whole<StintInput> {
  return {
    id: st.id,
    personId,
    labId: st.lab.id,
    role: st.role,
    founder: st.founder,
    start: st.start,
    end: st.end,
    lastSeen: st.lastSeen,
    concurrent: st.concurrent,
    confidence: st.confidence,
    note: st.note,
    sources: ids(st.sources),
  }
}

export function moveInput(personId: string, m: PersonMove): Whole<MoveInput> {
  return {
    id: m.id,
    personId,
    fromLabId: m.from?.id ?? null,
    toLabId: m.to?.id ?? '',
    date: m.date,
    recruiterId: m.recruiter?.id ?? null,
    offerId: m.offerId,
    confidence: m.confidence,
    note: m.note,
    sources: ids(m.sources),
  }
}

export function offerInput(personId: string, o: Offer): Whole<OfferInput> {
  return {
    id: o.id,
    labId: o.lab?.id ?? '',
    personId: o.person?.id ?? personId,
    extendedById: o.extendedBy?.id ?? null,
    totalValue: o.totalValue,
    firstYearValue: o.firstYearValue,
    currency: o.currency,
    years: o.years,
    date: o.date,
    status: o.status,
    confidence: o.confidence,
    note: o.note,
    sources: ids(o.sources),
  }
}

export function dealInput(d: PersonDeal): Whole<DealInput> {
  return {
    id: d.id,
    kind: d.kind,
    buyerLabId: d.buyer.id,
    targetLabId: d.target.id,
    date: d.date,
    amount: d.amount,
    currency: d.currency,
    personIds: d.people.map((p) => p.id),
    confidence: d.confidence,
    note: d.note,
    sources: ids(d.sources),
  }
}

// newRecord is an empty record of a kind, for "Add a job" and the like:
// the person's own id filled in when it is about one, every other field
// empty.
export function newRecord(kind: RecordKind, personId?: string): Record<string, unknown> {
  const empty: Record<string, unknown> = { id: '', sources: [] }
  for (const f of kinds[kind].fields) empty[f.name] = null
  if (!personId || kind === 'people' || kind === 'labs') return empty
  if (kind === 'deals') return { ...empty, personIds: [personId] }
  return { ...empty, personId }
}

// idInUse says whether a new record's id names a record already, for the
// kinds whose ids do not contain the person's: a person, a lab, a deal.
// The other kinds' pages list every record the id could name.
export async function idInUse(kind: RecordKind, input: Record<string, unknown>): Promise<boolean> {
  if (kind !== 'people' && kind !== 'labs' && kind !== 'deals') return false
  const id = input.id as string
  const data = await request(IdInUseDocument, { id, buyer: kind === 'deals' ? (input.buyerLabId as string) : id })
  if (kind === 'people') return data.person !== null
  if (kind === 'labs') return data.lab !== null
  return data.deals.some((d) => d.id === id)
}

// upsert writes a record of a kind with its mutation.
export async function upsert(kind: RecordKind, input: Record<string, unknown>): Promise<Change> {
  switch (kind) {
    case 'people':
      return (await request(UpsertPersonDocument, { input: input as unknown as PersonInput })).upsertPerson
    case 'labs':
      return (await request(UpsertLabDocument, { input: input as unknown as LabInput })).upsertLab
    case 'stints':
      return (await request(UpsertStintDocument, { input: input as unknown as StintInput })).upsertStint
    case 'moves':
      return (await request(UpsertMoveDocument, { input: input as unknown as MoveInput })).upsertMove
    case 'offers':
      return (await request(UpsertOfferDocument, { input: input as unknown as OfferInput })).upsertOffer
    case 'deals':
      return (await request(UpsertDealDocument, { input: input as unknown as DealInput })).upsertDeal
  }
}

// fieldErrors reads which input field a refusal is about: the API names it
// (extensions.field), or its message starts with the field, as the
// importer writes it ("stints: start: …", "moves: to_lab_id: …") or as the
// API's text check does ("input.publisher: …").
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {}
  const out: Record<string, string> = {}
  for (const f of err.fields) out[f.field] = f.message
  const m = /^(?:\w+: |input\.)([a-z_A-Z]+): (.*)$/s.exec(err.message)
  if (m && m[1] && m[2]) out[m[1].replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())] ??= m[2]
  return out
}
