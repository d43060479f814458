// The network view's operations: neighbourhood, path, and a search over
// people and labs to centre on.

import { request } from '../graphql/client.ts'
import {
  NeighborhoodDocument,
  PathDocument,
  SearchNodesDocument,
  type LinkKind,
  type NeighborhoodQuery,
  type NetworkEdgeType,
  type NetworkNodeKind,
  type PathQuery,
} from '../graphql/generated.ts'

export type { LinkKind, NetworkEdgeType, NetworkNodeKind }

// networkEdgeTypes and linkKinds list the schema's enums in the order the
// filters show them; Every fails to compile when the schema gains a value
// that a list lacks.
type Every<T, L extends readonly T[]> = [T] extends [L[number]] ? L : never

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
] as const satisfies readonly NetworkEdgeType[]
const edgeTypesComplete: Every<NetworkEdgeType, typeof networkEdgeTypes> = networkEdgeTypes
void edgeTypesComplete

export const linkKinds = ['WORKED_WITH', 'STUDIED_WITH', 'COAUTHORED', 'RECRUITED', 'ADVISED', 'MOVED_WITH'] as const satisfies readonly LinkKind[]
const linkKindsComplete: Every<LinkKind, typeof linkKinds> = linkKinds
void linkKindsComplete

export type Neighborhood = NonNullable<NeighborhoodQuery['neighborhood']>
export type NetworkNode = Neighborhood['nodes'][number]
export type NetworkEdge = Neighborhood['edges'][number]
export type Path = NonNullable<PathQuery['path']>
export type PathStep = Path['steps'][number]

export interface NeighborhoodArgs {
  id: string
  hops?: number
  limit?: number
  kinds?: NetworkEdgeType[] | null
  asOf?: string | null
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
  const data = await request(NeighborhoodDocument, variables, signal)
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
  const data = await request(PathDocument, variables, signal)
  return data.path
}

// searchNodes finds people (and, with labs, labs) to centre the network on.
export async function searchNodes(q: string, labs: boolean, signal?: AbortSignal, first = 8): Promise<NodeHit[]> {
  const data = await request(SearchNodesDocument, { query: q, kinds: labs ? ['PERSON', 'LAB'] : ['PERSON'], first }, signal)
  return data.search.flatMap((hit): NodeHit[] => {
    if (hit.person) return [{ kind: 'PERSON', id: hit.person.id, name: hit.person.name, detail: hit.person.nativeName }]
    if (hit.lab) return [{ kind: 'LAB', id: hit.lab.id, name: hit.lab.name, detail: hit.lab.country }]
    return []
  })
}
