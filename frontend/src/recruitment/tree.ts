import type { PersonRef } from '../graphql/types.ts'
import type { ChainEdge, RecruitmentChains } from './api.ts'
import { comparePartial, parsePartial } from '../dates.ts'

// Direction says which way a tree grows from the person asked about: up to
// who recruited them, or down to whom they recruited.
export type Direction = 'up' | 'down'

// ChainNode is one person in a recruitment tree, reached from its parent by
// edge: in the up tree the person is the edge's recruiter, in the down tree
// its recruit. key is the path of edge ids from the root, so a person who
// appears in two branches is two nodes with two keys.
export interface ChainNode {
  key: string
  person: PersonRef
  edge: ChainEdge
  children: ChainNode[]
}

// buildTree merges the server's longest chains, and the direct recruitments
// (which every chain starts with, but which are read again so that no edge
// is lost however the chains were cut), into one tree whose branches share
// their common start. Siblings are in date order, oldest first; an undated
// recruitment cannot be placed, so it goes last; ties fall to the name.
export function buildTree(r: RecruitmentChains, direction: Direction): ChainNode[] {
  const direct = direction === 'up' ? r.recruitedBy : r.recruited
  // An up chain runs from the oldest recruiter down to the person; read from
  // the person outwards it is reversed.
  const paths = (direction === 'up' ? r.chainsUp : r.chainsDown).map((c) =>
    direction === 'up' ? [...c.hops].reverse() : c.hops,
  )
  const roots: ChainNode[] = []
  for (const path of [...direct.map((e) => [e]), ...paths]) {
    let level = roots
    let parentKey = ''
    for (const edge of path) {
      const key = `${parentKey}/${edge.id}`
      let node = level.find((n) => n.key === key)
      if (!node) {
        node = { key, person: direction === 'up' ? edge.recruiter : edge.recruit, edge, children: [] }
        level.push(node)
      }
      level = node.children
      parentKey = key
    }
  }
  sortLevel(roots)
  return roots
}

function sortLevel(nodes: ChainNode[]) {
  nodes.sort(byDateThenName)
  for (const n of nodes) sortLevel(n.children)
}

function byDateThenName(a: ChainNode, b: ChainNode): number {
  const da = parsePartial(a.edge.date)
  const db = parsePartial(b.edge.date)
  if (da && !db) return -1
  if (!da && db) return 1
  if (da && db) {
    const c = comparePartial(da, db)
    if (c !== 0) return c
  }
  return a.person.name.localeCompare(b.person.name) || a.key.localeCompare(b.key)
}

// VisibleItem is a node as the keyboard walks the tree: in reading order,
// with its depth (1 for a root) and its parent's key.
export interface VisibleItem {
  node: ChainNode
  level: number
  parent: string | null
}

// visibleItems lists the nodes a reader can see, depth first: the children
// of a collapsed node are hidden.
export function visibleItems(roots: ChainNode[], collapsed: ReadonlySet<string>): VisibleItem[] {
  const out: VisibleItem[] = []
  const walk = (nodes: ChainNode[], level: number, parent: string | null) => {
    for (const node of nodes) {
      out.push({ node, level, parent })
      if (!collapsed.has(node.key)) walk(node.children, level + 1, node.key)
    }
  }
  walk(roots, 1, null)
  return out
}

// TreeMove is what a key does: move the focus to another item, and expand or
// collapse one. A key the tree does not use gives null, so the browser keeps
// its default (Tab leaves the tree, for one).
export interface TreeMove {
  focus: string
  expand?: string
  collapse?: string
}

// treeKey implements the keyboard of the WAI-ARIA tree pattern
// (https://www.w3.org/WAI/ARIA/apg/patterns/treeview/): Up and Down move
// between visible items, Right opens a closed branch or steps into an open
// one, Left closes an open branch or steps out to the parent, Home and End
// go to the first and last visible items.
export function treeKey(key: string, items: VisibleItem[], current: string, collapsed: ReadonlySet<string>): TreeMove | null {
  const i = items.findIndex((it) => it.node.key === current)
  const item = items[i]
  if (!item) return null
  const at = (j: number) => (items[j] ?? item).node.key
  const isBranch = item.node.children.length > 0
  const isOpen = isBranch && !collapsed.has(current)
  switch (key) {
    case 'ArrowDown':
      return { focus: at(Math.min(i + 1, items.length - 1)) }
    case 'ArrowUp':
      return { focus: at(Math.max(i - 1, 0)) }
    case 'Home':
      return { focus: at(0) }
    case 'End':
      return { focus: at(items.length - 1) }
    case 'ArrowRight':
      if (!isBranch) return { focus: current }
      if (!isOpen) return { focus: current, expand: current }
      return { focus: at(i + 1) }
    case 'ArrowLeft':
      if (isOpen) return { focus: current, collapse: current }
      return { focus: item.parent ?? current }
    default:
      return null
  }
}
