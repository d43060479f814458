// The network view's state lives in the URL hash, so a link restores the
// same graph: #/network?id=matt-deitke&hops=2&kinds=WORKED_AT,AUTHORED&asOf=2020&from=a&to=b
import { networkEdgeTypes, type LinkKind, type NetworkEdgeType } from './api.ts'
import { hashParams } from '../route.ts'

export interface NetState {
  id: string | null
  hops: number
  limit: number
  // Empty: every relationship type.
  kinds: NetworkEdgeType[]
  asOf: string | null
  from: string | null
  to: string | null
  colorBy: 'kind' | 'lab'
  // The nodes expanded, by graph key, in the order they were, and the node
  // selected: a shared link opens on the same graph with the same details.
  expanded: string[]
  selected: string | null
}

export const limits = [200, 1000, 5000] as const
export const defaultState: NetState = { id: null, hops: 2, limit: 1000, kinds: [], asOf: null, from: null, to: null, colorBy: 'kind', expanded: [], selected: null }

function isEdgeType(s: string): s is NetworkEdgeType {
  return (networkEdgeTypes as readonly string[]).includes(s)
}

export function stateFromHash(hash: string): NetState {
  const p = hashParams(hash)
  const hops = Number(p.get('hops'))
  const limit = Number(p.get('limit'))
  const asOf = p.get('asOf')
  return {
    id: p.get('id') || null,
    hops: hops >= 1 && hops <= 3 ? Math.floor(hops) : defaultState.hops,
    limit: limit >= 1 && limit <= 5000 ? Math.floor(limit) : defaultState.limit,
    kinds: (p.get('kinds') ?? '').split(',').filter(isEdgeType),
    asOf: asOf && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(asOf) ? asOf : null,
    from: p.get('from') || null,
    to: p.get('to') || null,
    colorBy: p.get('color') === 'lab' ? 'lab' : 'kind',
    expanded: [...new Set((p.get('exp') ?? '').split(',').filter((k) => /^[A-Z]+:.+/.test(k)))],
    selected: p.get('sel') || null,
  }
}

// stateParams writes only what differs from the defaults, so URLs stay short.
export function stateParams(s: NetState): Record<string, string> {
  const out: Record<string, string> = {}
  if (s.id) out.id = s.id
  if (s.hops !== defaultState.hops) out.hops = String(s.hops)
  if (s.limit !== defaultState.limit) out.limit = String(s.limit)
  if (s.kinds.length > 0) out.kinds = s.kinds.join(',')
  if (s.asOf) out.asOf = s.asOf
  if (s.from) out.from = s.from
  if (s.to) out.to = s.to
  if (s.colorBy !== 'kind') out.color = s.colorBy
  if (s.expanded.length > 0) out.exp = s.expanded.join(',')
  if (s.selected) out.sel = s.selected
  return out
}

// pathKinds maps the relationship filter onto the links a path may use; when
// none of the checked types makes a link between people, every link is used.
const linkOf: Partial<Record<NetworkEdgeType, LinkKind>> = {
  WORKED_AT: 'WORKED_WITH',
  STUDIED_AT: 'STUDIED_WITH',
  AUTHORED: 'COAUTHORED',
  RECRUITED: 'RECRUITED',
  ADVISED: 'ADVISED',
  MADE_MOVE: 'MOVED_WITH',
}

export function pathKinds(kinds: NetworkEdgeType[]): LinkKind[] {
  const out: LinkKind[] = []
  for (const k of kinds) {
    const l = linkOf[k]
    if (l && !out.includes(l)) out.push(l)
  }
  return out
}
