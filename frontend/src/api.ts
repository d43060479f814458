// api is the one place the frontend talks to the Go server. Components call
// the typed query functions below and only ever see an ApiError, whose
// message is written for the person reading the page.

import { withFragments } from './graphql/document.ts'
import i18n from './i18n.ts'
import SearchPeople from './graphql/SearchPeople.graphql?raw'
import GetPerson from './graphql/GetPerson.graphql?raw'
import Neighborhood from './graphql/Neighborhood.graphql?raw'
import Path from './graphql/Path.graphql?raw'
import SearchNodes from './graphql/SearchNodes.graphql?raw'
import LabInfo from './graphql/LabInfo.graphql?raw'
import LabRecruiters from './graphql/LabRecruiters.graphql?raw'
import LabAlumni from './graphql/LabAlumni.graphql?raw'
import LabMoves from './graphql/LabMoves.graphql?raw'
import Recruitment from './graphql/Recruitment.graphql?raw'
import SearchLabs from './graphql/SearchLabs.graphql?raw'
import Candidates from './graphql/Candidates.graphql?raw'
import CandidateSources from './graphql/CandidateSources.graphql?raw'
import CredentialRules from './graphql/CredentialRules.graphql?raw'
import Shortlist from './graphql/Shortlist.graphql?raw'
import ShortlistDegreeSources from './graphql/ShortlistDegreeSources.graphql?raw'
import ShortlistStintSources from './graphql/ShortlistStintSources.graphql?raw'
import ShortlistPaperSources from './graphql/ShortlistPaperSources.graphql?raw'
import Shortlists from './graphql/Shortlists.graphql?raw'
import CreateShortlist from './graphql/CreateShortlist.graphql?raw'
import RenameShortlist from './graphql/RenameShortlist.graphql?raw'
import DeleteShortlist from './graphql/DeleteShortlist.graphql?raw'
import AddToShortlist from './graphql/AddToShortlist.graphql?raw'
import RemoveFromShortlist from './graphql/RemoveFromShortlist.graphql?raw'
import SavedSearches from './graphql/SavedSearches.graphql?raw'
import SaveSearch from './graphql/SaveSearch.graphql?raw'
import DeleteSavedSearch from './graphql/DeleteSavedSearch.graphql?raw'
import CheckApiKey from './graphql/CheckApiKey.graphql?raw'

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

// PersonPaper is one of a person's papers: the paper with its own sources,
// the person's place among its authors and the sources of the authorship.
export interface PersonPaper {
  position: number | null
  sources: Source[]
  paper: {
    id: string
    title: string
    year: number | null
    venue: string | null
    doi: string | null
    arxiv: string | null
    citations: number | null
    breakthrough: boolean
    sources: Source[]
  }
}

// PersonMove is a move of the person from one lab to another.
export interface PersonMove {
  id: string
  date: string | null
  from: Lab | null
  to: Lab | null
  recruiter: PersonHit | null
  confidence: string
  note: string | null
  sources: Source[]
}

// PersonDetail is a person as their own page reads them: with the lists
// that only person(id) answers (docs/api.md, "The person page").
export interface PersonDetail extends Person {
  papers: PersonPaper[]
  moves: PersonMove[]
  credentials: CredentialMatch[]
}

// SearchHit is one result of the server's search over people, labs and
// papers: the object of its kind is set, the others are null.
export interface SearchHit {
  kind: 'PERSON' | 'LAB' | 'PAPER'
  person?: PersonHit | null
}

// NETWORK is ours, not the server's: the request never got an answer.
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'CONFLICT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'UNAVAILABLE'
  | 'TOO_BROAD'
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
const worded = ['UNAVAILABLE', 'NETWORK', 'NOT_FOUND', 'INTERNAL', 'UNAUTHENTICATED', 'FORBIDDEN', 'TOO_BROAD'] as const
type Worded = (typeof worded)[number]

function isWorded(code: ErrorCode): code is Worded {
  return (worded as readonly string[]).includes(code)
}

// messageFor prefers our wording; for BAD_USER_INPUT and CONFLICT the
// server's own message says what was wrong with the input, which our
// wording could not. It reads
// the current language, so a view that keeps the ApiError and calls this when
// rendering follows a language switch.
export function messageFor(code: ErrorCode, serverMessage?: string): string {
  if (isWorded(code)) return i18n.t(`errors.${code}`)
  if ((code === 'BAD_USER_INPUT' || code === 'CONFLICT') && serverMessage) return serverMessage
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

// The API key a person signed in with is kept in this browser's
// localStorage and sent with every request, so the server knows whose
// shortlists to show. It never goes anywhere but to this server.
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

// gql posts one operation to /graphql and returns its data, or throws an
// ApiError. An AbortError is rethrown untouched so that a caller that
// cancelled a stale request can tell it apart from a failure. key, when
// given, is sent instead of the stored one (to check a key before keeping it).
export async function gql<T>(
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

// The operations the app sends, with the fragments they use
// (src/graphql/*.graphql).
const searchQuery = withFragments(SearchPeople)
const personQuery = withFragments(GetPerson)
const neighborhoodQuery = withFragments(Neighborhood)
const pathQuery = withFragments(Path)
const searchNodesQuery = withFragments(SearchNodes)
const labInfoQuery = withFragments(LabInfo)
const labRecruitersQuery = withFragments(LabRecruiters)
const labAlumniQuery = withFragments(LabAlumni)
const labMovesQuery = withFragments(LabMoves)
const recruitmentQuery = withFragments(Recruitment)
const searchLabsQuery = withFragments(SearchLabs)
const candidatesQuery = withFragments(Candidates)
const candidateSourcesQuery = withFragments(CandidateSources)
const credentialRulesQuery = withFragments(CredentialRules)
const shortlistQuery = withFragments(Shortlist)
const shortlistsQuery = withFragments(Shortlists)
const createShortlistMutation = withFragments(CreateShortlist)
const renameShortlistMutation = withFragments(RenameShortlist)
const deleteShortlistMutation = withFragments(DeleteShortlist)
const addToShortlistMutation = withFragments(AddToShortlist)
const removeFromShortlistMutation = withFragments(RemoveFromShortlist)
const savedSearchesQuery = withFragments(SavedSearches)
const saveSearchMutation = withFragments(SaveSearch)
const deleteSavedSearchMutation = withFragments(DeleteSavedSearch)
const checkApiKeyQuery = withFragments(CheckApiKey)

// searchPeople returns the best matches first, as the server ranks them.
// The page searches people only; the hits keep the server's order.
export async function searchPeople(q: string, signal?: AbortSignal, first = 10): Promise<PersonHit[]> {
  const data = await gql<{ search: SearchHit[] }>(searchQuery, { query: q, first }, signal)
  return data.search.flatMap((hit) => (hit.person ? [hit.person] : []))
}

// PersonView is everything the person page shows: the person, the offers
// made to them, newest first (undated last), and the sources of the evidence
// of their credentials, keyed as the candidates page keys them.
export interface PersonView {
  person: PersonDetail
  offers: Offer[]
  offersTotal: number
  credentialSources: CandidateSources
}

// getPerson returns null when there is no one with that id, as the server
// does. The person and their offers are two root fields of one request, so
// the page waits on one round trip.
export async function getPerson(id: string, signal?: AbortSignal): Promise<PersonView | null> {
  type Answer = { person: PersonWithEvidenceSources | null; offers: { totalCount: number; edges: { node: Offer }[] } }
  const data = await gql<Answer>(personQuery, { id }, signal)
  if (!data.person) return null
  return {
    person: data.person,
    offers: data.offers.edges.map((e) => e.node),
    offersTotal: data.offers.totalCount,
    credentialSources: evidenceSources(data.person.credentials),
  }
}

// PersonWithEvidenceSources is the person as personQuery reads them: each
// piece of their credentials' evidence with its sources.
type WithSources<T> = T & { sources: Source[] }
interface PersonWithEvidenceSources extends PersonDetail {
  credentials: (CredentialMatch & {
    degrees: WithSources<CandidateDegree>[]
    stints: WithSources<CandidateStint>[]
    papers: WithSources<CandidatePaper>[]
  })[]
}

// --- network view: neighborhood, path, and a search over people and labs ---

export const networkEdgeTypes = [
  'WORKED_AT',
  'STUDIED_AT',
  'AUTHORED',
  'ADVISED',
  'RECRUITED',
  'FOUNDED',
  'INVESTED_IN',
  'PART_OF',
  'MEMBER_OF',
  'MADE_MOVE',
  'FROM',
  'TO',
  'RECRUITED_BY',
  'WITH_OFFER',
  'MADE',
  'EXTENDED',
] as const
export type NetworkEdgeType = (typeof networkEdgeTypes)[number]

export const linkKinds = ['WORKED_WITH', 'STUDIED_WITH', 'COAUTHORED', 'RECRUITED', 'ADVISED', 'MOVED_WITH'] as const
export type LinkKind = (typeof linkKinds)[number]

export type NetworkNodeKind = 'PERSON' | 'LAB' | 'PAPER' | 'OFFER' | 'MOVE' | 'GROUP'

export interface NetworkNode {
  key: string
  id: string
  kind: NetworkNodeKind
  label: string
  distance: number
  labKind: string | null
  topLab: boolean | null
  currentLab: Pick<Lab, 'id' | 'name'> | null
  year: number | null
  date: string | null
}

export interface NetworkEdge {
  id: string
  source: string
  target: string
  type: NetworkEdgeType
  start: string | null
  end: string | null
  confidence: string
}

export interface Neighborhood {
  truncated: boolean
  nodes: NetworkNode[]
  edges: NetworkEdge[]
}

export interface NeighborhoodArgs {
  id: string
  hops?: number
  limit?: number
  kinds?: NetworkEdgeType[] | null
  asOf?: string | null
}

export interface PathStep {
  from: PersonHit
  to: PersonHit
  kind: LinkKind
  inverse: boolean
  viaLab: Pick<Lab, 'id' | 'name'> | null
  viaPaper: { id: string; title: string; year: number | null } | null
  start: string | null
  end: string | null
  sources: Source[]
}

export interface Path {
  length: number
  people: PersonHit[]
  steps: PathStep[]
}

export interface PathArgs {
  from: string
  to: string
  kinds?: LinkKind[] | null
  maxHops?: number
  asOf?: string | null
}

// NodeHit is a search result the network can be centred on.
export interface NodeHit {
  kind: 'PERSON' | 'LAB'
  id: string
  name: string
  detail: string | null
}

// getNeighborhood returns null only if the server does; an unknown id is a
// NOT_FOUND ApiError. Empty kinds mean all of them (the server refuses []).
export async function getNeighborhood(args: NeighborhoodArgs, signal?: AbortSignal): Promise<Neighborhood | null> {
  const variables = {
    id: args.id,
    hops: args.hops ?? 1,
    limit: args.limit ?? 200,
    kinds: args.kinds && args.kinds.length > 0 ? args.kinds : null,
    asOf: args.asOf || null,
  }
  const data = await gql<{ neighborhood: Neighborhood | null }>(neighborhoodQuery, variables, signal)
  return data.neighborhood
}

// getPath returns null when no chain of at most maxHops links the two.
export async function getPath(args: PathArgs, signal?: AbortSignal): Promise<Path | null> {
  const variables = {
    from: args.from,
    to: args.to,
    kinds: args.kinds && args.kinds.length > 0 ? args.kinds : null,
    maxHops: args.maxHops ?? 4,
    asOf: args.asOf || null,
  }
  const data = await gql<{ path: Path | null }>(pathQuery, variables, signal)
  return data.path
}

// searchNodes finds people (and, with labs, labs) to centre the network on.
export async function searchNodes(q: string, labs: boolean, signal?: AbortSignal, first = 8): Promise<NodeHit[]> {
  const kinds = labs ? ['PERSON', 'LAB'] : ['PERSON']
  const data = await gql<{
    search: { kind: string; person?: PersonHit | null; lab?: Lab | null }[]
  }>(searchNodesQuery, { query: q, kinds, first }, signal)
  return data.search.flatMap((hit): NodeHit[] => {
    if (hit.person) return [{ kind: 'PERSON', id: hit.person.id, name: hit.person.name, detail: hit.person.nativeName }]
    if (hit.lab) return [{ kind: 'LAB', id: hit.lab.id, name: hit.lab.name, detail: hit.lab.country }]
    return []
  })
}

// ---- Lab page and labs index ----

// LabRef is a lab as the lab page links to it; topLab marks the top-lab list.
export interface LabRef extends Lab {
  topLab: boolean
}

export type PersonRef = Pick<Person, 'id' | 'name' | 'nativeName'>

export interface LabMember {
  person: PersonRef
  stint: { id: string; role: string | null; start: string | null; end: string | null; confidence: string; note: string | null; founder: boolean; lab: Lab; sources: Source[] }
}

export interface Founding {
  person: PersonRef
  date: string | null
  sources: Source[]
}

export interface Investment {
  id: string
  investorPerson: PersonRef | null
  investorLab: Lab | null
  date: string | null
  round: string | null
  amount: number | null
  currency: string | null
  sources: Source[]
}

export interface LabInfo {
  id: string
  name: string
  kind: string
  country: string | null
  topLab: boolean
  aliases: string[]
  founded: string | null
  parent: LabRef | null
  children: LabRef[]
  currentPeople: LabMember[]
  pastPeopleCount: number
  founders: Founding[]
  investors: Investment[]
  sources: Source[]
}

export interface AlumniDestination {
  count: number
  lab: LabRef
  people: PersonRef[]
}

export interface Alumnus {
  left: string
  leftBy: string
  person: PersonRef
  stint: { id: string; role: string | null; start: string | null; end: string | null; lab: Lab; sources: Source[] } | null
  next: { by: string; confidence: string; date: string | null; id: string; lab: Lab; note: string | null; sources: Source[] } | null
}

export interface AlumniCluster {
  size: number
  weight: number
  members: PersonRef[]
  sharedLabs: Lab[]
  sharedPapers: { id: string; title: string; year: number | null }[]
  destinations: AlumniDestination[]
}

export interface LabAlumni {
  count: number
  alumni: Alumnus[]
  destinations: AlumniDestination[]
  periods: { year: number; count: number; unknown: number; destinations: AlumniDestination[] }[]
  clusters: AlumniCluster[]
}

export interface RecruitmentEdge {
  id: string
  recruit: PersonRef
  date: string | null
  toLab: Lab | null
  inferred: boolean
  confidence: string
  note: string | null
  sources: Source[]
}

export interface Recruiter {
  person: PersonRef
  count: number
  reported: number
  inferred: number
  recruits: RecruitmentEdge[]
}

export interface Offer {
  id: string
  person: PersonRef | null
  extendedBy: PersonRef | null
  lab: Lab | null
  totalValue: number | null
  firstYearValue: number | null
  currency: string | null
  years: number | null
  date: string | null
  status: string
  confidence: string
  note: string | null
  sources: Source[]
}

export interface LabFlow {
  to: Lab | null
  count: number
  buckets: { period: string; count: number; moves: { id: string; person: PersonRef; date: string | null; confidence: string }[] }[]
}

export interface LabView {
  lab: LabInfo
  alumni: LabAlumni
  recruiters: Recruiter[]
  offers: Offer[]
  offersTotal: number
  flows: { count: number; undated: number; flows: LabFlow[] }
}

export interface LabViewArgs {
  id: string
  asOf?: string
  since?: string
  until?: string
}

// getLabView reads everything the lab page shows; null when there is no lab
// with that id.
export async function getLabView(args: LabViewArgs, signal?: AbortSignal): Promise<LabView | null> {
  const asOf = args.asOf || null
  const since = args.since || null
  const until = args.until || null
  try {
    const [info, recruitment, alumni, moves] = await Promise.all([
      gql<{ lab: LabInfo | null }>(labInfoQuery, { id: args.id, asOf }, signal),
      gql<{ recruitment: { topRecruiters: Recruiter[] } }>(labRecruitersQuery, { id: args.id, asOf }, signal),
      gql<{ labAlumni: LabAlumni | null }>(labAlumniQuery, { id: args.id, asOf, since, until }, signal),
      gql<{
        offers: { totalCount: number; edges: { node: Offer }[] }
        talentFlows: { count: number; undated: number; flows: LabFlow[] }
      }>(labMovesQuery, { id: args.id, since, until }, signal),
    ])
    if (!info.lab) return null
    return {
      lab: info.lab,
      alumni: alumni.labAlumni ?? { count: 0, alumni: [], destinations: [], periods: [], clusters: [] },
      recruiters: recruitment.recruitment.topRecruiters,
      offers: moves.offers.edges.map((e) => e.node),
      offersTotal: moves.offers.totalCount,
      flows: moves.talentFlows,
    }
  } catch (err) {
    // labAlumni answers NOT_FOUND for an unknown lab, where lab answers null.
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return null
    throw err
  }
}

// --- Recruitment chains (#/recruitment/<id>, and a section of the person page) ---

// ChainEdge is one recruitment as a chain shows it: both ends are named.
export interface ChainEdge extends RecruitmentEdge {
  recruiter: PersonRef
}

export interface RecruitmentChains {
  person: PersonRef
  recruitedBy: ChainEdge[]
  recruited: ChainEdge[]
  chainsUp: { hops: ChainEdge[] }[]
  chainsDown: { hops: ChainEdge[] }[]
}

// recruitmentDepths are the chain lengths the server answers (docs/api.md).
export const recruitmentDepths = [1, 2, 3, 4, 5, 6] as const
export const defaultRecruitmentDepth = 3

// getRecruitment reads who recruited a person and whom they recruited, with
// the chains up and down of at most depth hops. An unknown id is a NOT_FOUND
// ApiError, which useQuery shows as "not found".
export async function getRecruitment(id: string, depth: number, signal?: AbortSignal): Promise<RecruitmentChains> {
  const data = await gql<{ recruitment: RecruitmentChains }>(recruitmentQuery, { id, depth }, signal)
  return data.recruitment
}

// searchLabs returns the labs matching q, best first.
export async function searchLabs(q: string, signal?: AbortSignal, first = 20): Promise<LabRef[]> {
  const data = await gql<{ search: { kind: string; lab?: LabRef | null }[] }>(searchLabsQuery, { query: q, first }, signal)
  return data.search.flatMap((hit) => (hit.lab ? [hit.lab] : []))
}

// --- Candidates (the recruiter's filter, #/candidates) ---

// PeopleFilter is the server's input of the same name (docs/api.md).
export interface PeopleFilter {
  phd?: boolean
  topLab?: boolean
  breakthrough?: boolean
  atLeast?: number
  workedAt?: string[]
  currentlyAt?: string[]
  neverAt?: string[]
  movedSince?: string
  minTenureYears?: number
  maxTenureYears?: number
  minCitations?: number
  topics?: string[]
}

export const peopleOrders = ['NAME', 'CITATIONS', 'CREDENTIALS', 'TENURE'] as const
export type PeopleOrder = (typeof peopleOrders)[number]

export const credentialNames = ['aiPhd', 'topLab', 'breakthrough'] as const
export type CredentialName = (typeof credentialNames)[number]

export interface CandidateDegree {
  id: string
  degree: string
  field: string | null
  end: string | null
  lab: Pick<Lab, 'id' | 'name'>
}

export interface CandidateStint {
  id: string
  role: string | null
  start: string | null
  end: string | null
  lab: Pick<Lab, 'id' | 'name'>
}

export interface CandidatePaper {
  id: string
  title: string
  year: number | null
  citations: number | null
  breakthrough: boolean
}

export interface CredentialMatch {
  credential: CredentialName
  met: boolean
  degrees: CandidateDegree[]
  stints: CandidateStint[]
  papers: CandidatePaper[]
}

export interface CandidateEdge {
  cursor: string
  citations: number
  tenureYears: number | null
  matched: string[]
  node: {
    id: string
    name: string
    nativeName: string | null
    stints: Pick<CandidateStint, 'id' | 'start' | 'end' | 'lab'>[]
  }
  credentials: CredentialMatch[]
}

export interface CandidatePage {
  totalCount: number
  pageInfo: { hasNextPage: boolean; endCursor: string | null }
  edges: CandidateEdge[]
}

export interface CredentialRules {
  version: string
  aiFields: string[]
  aiPhdRule: string
  topLabs: Pick<Lab, 'id' | 'name'>[]
  topLabRule: string
  breakthroughRule: string
  citationBar: number
}

// candidateSourcesPerRequest rows' sources fit under the cost limit in one
// request: the cost model prices the three credentials at three and each
// evidence list at most ten, under 7,200 a row. api/limits_test.go
// (TestCost_CandidatePage) fails if fewer than this many rows fit.
// CandidateSources.graphql asks for this many rows (api.test.ts checks).
export const candidateSourcesPerRequest = 7

export interface CandidatesArgs {
  where: PeopleFilter
  orderBy: PeopleOrder
  after: string | null
}

// getCandidates returns one page of the recruiter's filter, with each row's
// credentials and the evidence for them, but not the evidence's sources.
export async function getCandidates(args: CandidatesArgs, signal?: AbortSignal): Promise<CandidatePage> {
  const data = await gql<{ people: CandidatePage }>(candidatesQuery, { ...args }, signal)
  return data.people
}

// CandidateSources maps "degree:<id>", "stint:<id>" and "paper:<id>" to the
// sources of that piece of evidence, for one person.
export type CandidateSources = Record<string, Source[]>

// EvidenceWithSources is a credential's evidence as read with its sources.
interface EvidenceWithSources {
  credential: string
  degrees: { id: string; sources: Source[] }[]
  stints: { id: string; sources: Source[] }[]
  papers: { id: string; sources: Source[] }[]
}

interface SourcesEdge {
  node: { id: string }
  credentials: EvidenceWithSources[]
}

// evidenceSources maps each piece of evidence of one person's credentials
// to its sources, as CandidateSources keys them.
function evidenceSources(credentials: EvidenceWithSources[]): CandidateSources {
  const m: CandidateSources = {}
  for (const c of credentials) {
    for (const d of c.degrees) m[`degree:${d.id}`] = d.sources
    for (const s of c.stints) m[`stint:${s.id}`] = s.sources
    for (const p of c.papers) m[`paper:${p.id}`] = p.sources
  }
  return m
}

// getCandidateSources reads the sources of the evidence of the rows that
// follow after (the cursor of the row before them), by person id.
export async function getCandidateSources(args: CandidatesArgs, signal?: AbortSignal): Promise<Map<string, CandidateSources>> {
  const data = await gql<{ people: { edges: SourcesEdge[] } }>(candidateSourcesQuery, { ...args }, signal)
  const out = new Map<string, CandidateSources>()
  for (const e of data.people.edges) out.set(e.node.id, evidenceSources(e.credentials))
  return out
}

export async function getCredentialRules(signal?: AbortSignal): Promise<CredentialRules> {
  const data = await gql<{ credentialRules: CredentialRules }>(credentialRulesQuery, {}, signal)
  return data.credentialRules
}

// getLabNames names the labs of a shared link, which carries ids only; an
// unknown id is left out. LabNames is the one operation built here rather
// than read from src/graphql: it has an aliased field per id, 20 a request.
export async function getLabNames(ids: string[], signal?: AbortSignal): Promise<Map<string, string>> {
  const out = new Map<string, string>()
  const unique = [...new Set(ids)]
  for (let i = 0; i < unique.length; i += 20) {
    const chunk = unique.slice(i, i + 20)
    const fields = chunk.map((_, j) => `l${j}: lab(id: $id${j}) { id name }`).join('\n')
    const vars = chunk.map((_, j) => `$id${j}: ID!`).join(', ')
    const data = await gql<Record<string, { id: string; name: string } | null>>(
      `query LabNames(${vars}) {\n${fields}\n}`,
      Object.fromEntries(chunk.map((id, j) => [`id${j}`, id])),
      signal,
    )
    for (const lab of Object.values(data)) if (lab) out.set(lab.id, lab.name)
  }
  return out
}

// --- Shortlists and saved searches (#/shortlists), kept per API key ---

// ShortlistMember reads as a row of the candidates list, so the same code
// shows and exports both; matched holds the credentials met, in words.
export interface ShortlistMember extends Omit<CandidateEdge, 'cursor'> {
  addedAt: string
  note: string | null
}

export interface ShortlistSummary {
  id: string
  name: string
  size: number
  updatedAt: string
}

export interface Shortlist extends ShortlistSummary {
  createdAt: string
  members: ShortlistMember[]
}

export interface SavedSearch {
  id: string
  name: string
  where: PeopleFilter
  updatedAt: string
}

// The sources of the members' evidence are asked for apart, one kind of
// evidence a request, and without their dates and notes: with more, the
// query would pass the API's cost limit (each list inside a list is priced
// at ten elements, and these are four lists deep).
const evidenceKinds = { degree: 'degrees', stint: 'stints', paper: 'papers' } as const
const shortlistSourcesQueries = {
  degrees: withFragments(ShortlistDegreeSources),
  stints: withFragments(ShortlistStintSources),
  papers: withFragments(ShortlistPaperSources),
} as const

export async function getShortlists(signal?: AbortSignal): Promise<ShortlistSummary[]> {
  const data = await gql<{ shortlists: ShortlistSummary[] }>(shortlistsQuery, {}, signal)
  return data.shortlists
}

// getShortlist returns null when the signed-in key has no list with that id.
export async function getShortlist(id: string, signal?: AbortSignal): Promise<Shortlist | null> {
  try {
    const data = await gql<{ shortlist: Shortlist | null }>(shortlistQuery, { id }, signal)
    return data.shortlist
  } catch (err) {
    if (err instanceof ApiError && err.code === 'NOT_FOUND') return null
    throw err
  }
}

// getShortlistSources maps each member's id to the sources of their evidence,
// keyed as CandidateSources are.
export async function getShortlistSources(id: string, signal?: AbortSignal): Promise<Map<string, CandidateSources>> {
  type Member = { node: { id: string }; credentials: Record<string, { id: string; sources: Omit<Source, 'date' | 'note'>[] }[]>[] }
  const out = new Map<string, CandidateSources>()
  const answers = await Promise.all(
    Object.entries(evidenceKinds).map(async ([kind, field]) => {
      const data = await gql<{ shortlist: { members: Member[] } | null }>(shortlistSourcesQueries[field], { id }, signal)
      return { kind, field, members: data.shortlist?.members ?? [] }
    }),
  )
  for (const { kind, field, members } of answers) {
    for (const m of members) {
      const s = out.get(m.node.id) ?? {}
      for (const c of m.credentials) {
        for (const e of c[field] ?? []) s[`${kind}:${e.id}`] = e.sources.map((src) => ({ ...src, date: null, note: null }))
      }
      out.set(m.node.id, s)
    }
  }
  return out
}

export async function createShortlist(name: string): Promise<ShortlistSummary> {
  const data = await gql<{ createShortlist: ShortlistSummary }>(createShortlistMutation, { name })
  return data.createShortlist
}

export async function renameShortlist(id: string, name: string): Promise<ShortlistSummary> {
  const data = await gql<{ renameShortlist: ShortlistSummary }>(renameShortlistMutation, { id, name })
  return data.renameShortlist
}

export async function deleteShortlist(id: string): Promise<void> {
  await gql(deleteShortlistMutation, { id })
}

// addToShortlist leaves the notes of people already on the list alone
// unless a note is given.
export async function addToShortlist(id: string, personIds: string[], note?: string): Promise<ShortlistSummary> {
  const data = await gql<{ addToShortlist: ShortlistSummary }>(addToShortlistMutation, { id, people: personIds, note: note ?? null })
  return data.addToShortlist
}

export async function removeFromShortlist(id: string, personIds: string[]): Promise<ShortlistSummary> {
  const data = await gql<{ removeFromShortlist: ShortlistSummary }>(removeFromShortlistMutation, { id, people: personIds })
  return data.removeFromShortlist
}

interface SavedSearchWire extends Omit<SavedSearch, 'where'> {
  where: string
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
  const data = await gql<{ savedSearches: SavedSearchWire[] }>(savedSearchesQuery, {}, signal)
  return data.savedSearches.map((s) => ({ ...s, where: parseWhere(s.where) }))
}

// saveSearch replaces the search of that name, if the key has one.
export async function saveSearch(name: string, where: PeopleFilter): Promise<SavedSearch> {
  const data = await gql<{ saveSearch: SavedSearchWire }>(saveSearchMutation, { name, where })
  return { ...data.saveSearch, where: parseWhere(data.saveSearch.where) }
}

export async function deleteSavedSearch(id: string): Promise<void> {
  await gql(deleteSavedSearchMutation, { id })
}

// checkApiKey asks the server whether it knows key, before it is kept.
export async function checkApiKey(key: string): Promise<void> {
  await gql(checkApiKeyQuery, {}, undefined, key)
}
