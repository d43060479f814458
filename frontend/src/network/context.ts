// The network page is split as sigma.js's own React demo splits its root:
// one view (NetworkPage) that holds the page's state, controllers that each
// keep one concern of the graph in step with that state and draw nothing
// (controllers.tsx), and panels that show it (panels.tsx, Controls.tsx).
// They share the graph and its renderer through this context, as the demo's
// pieces share sigma's.

import { createContext, useContext } from 'react'
import { ApiError } from '../graphql/client.ts'
import type { NetworkNodeKind, Path } from './api.ts'
import type { NetGraph } from './graph.ts'
import type { NetState } from './state.ts'
import type { Renderer } from './renderer.ts'

export interface NetworkContextValue {
  graph: NetGraph
  // renderer is null until sigma has loaded, and where WebGL is missing.
  renderer: Renderer | null
}

export const NetworkContext = createContext<NetworkContextValue | null>(null)

export function useNetwork(): NetworkContextValue {
  const ctx = useContext(NetworkContext)
  if (!ctx) throw new Error('useNetwork: outside a NetworkContext')
  return ctx
}

// Outcome is an answer kept with the request it answers, so a view can
// tell a stale answer from the current one without resetting state.
export interface Outcome<T> {
  request: string
  value: T
}

export const maxHops = 4
export const expandable: NetworkNodeKind[] = ['PERSON', 'LAB', 'PAPER']

export type LoadOutcome = { status: 'done'; truncated: boolean; nodes: number; edges: number } | { status: 'error'; code: string; detail: string }
export type PathOutcome = { status: 'done'; path: Path | null } | { status: 'error'; code: string; detail: string }
export type ExpandOutcome = { key: string; added?: number; error?: { code: string; detail: string } }

export function errorOf(err: unknown): { code: string; detail: string } {
  return err instanceof ApiError ? { code: err.code, detail: err.message } : { code: 'INTERNAL', detail: '' }
}

// dataRequest names what the neighbourhood depends on; expansions and the
// selection are not part of it: they add to the graph or look at it.
export function dataRequest(net: NetState, attempt: number): string {
  return JSON.stringify([net.id, net.hops, net.limit, net.kinds, net.asOf, attempt])
}

export function pathRequest(net: NetState): string {
  return JSON.stringify([net.from, net.to, net.kinds, net.asOf])
}

