import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type MouseEvent, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { formatPartial } from '../dates.ts'
import { currentLang } from '../i18n.ts'
import { confidenceLabel } from '../lab/format.ts'
import { labHash, personHash } from '../route.ts'
import { Caveat } from '../Caveat.tsx'
import { Sources } from '../Sources.tsx'
import { treeKey, visibleItems, type ChainNode, type Direction } from './tree.ts'

interface Props {
  roots: ChainNode[]
  direction: Direction
  // label names the tree for assistive technology ("Who recruited …").
  label: string
}

// RecruitmentTree shows one direction of a person's recruitment chains as a
// WAI-ARIA tree: one tab stop (the current item), arrow keys to move, open
// and close, and within the current item its person link and its sources
// reachable with Tab. Every branch starts open; the chains are short.
export function RecruitmentTree({ roots, direction, label }: Props) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(() => new Set())
  const items = useMemo(() => visibleItems(roots, collapsed), [roots, collapsed])
  const [active, setActive] = useState<string | null>(null)
  // The current item is the one last moved to, or the first while none is,
  // or when the one moved to was hidden by closing its parent.
  const current = items.some((it) => it.node.key === active) ? active : (items[0]?.node.key ?? null)
  const tree = useRef<HTMLUListElement>(null)
  const moved = useRef(false)

  // Focus follows the current item only after a key moved it, so rendering
  // the tree never steals the focus from the page.
  useEffect(() => {
    if (!moved.current || !current) return
    moved.current = false
    const treeItems = Array.from(tree.current?.querySelectorAll<HTMLElement>('[role=treeitem]') ?? [])
    treeItems.find((el) => el.dataset.key === current)?.focus()
  }, [current])

  const toggle = (key: string) =>
    setCollapsed((c) => {
      const next = new Set(c)
      if (!next.delete(key)) next.add(key)
      return next
    })

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const target = e.target as HTMLElement
    // Keys typed on a link or a sources toggle inside an item are theirs.
    if (target.getAttribute('role') !== 'treeitem' || !current) return
    if (e.key === 'Enter') {
      target.querySelector<HTMLAnchorElement>('a.chain-person')?.click()
      e.preventDefault()
      return
    }
    const move = treeKey(e.key, items, current, collapsed)
    if (!move) return
    e.preventDefault()
    if (move.expand || move.collapse) toggle((move.expand ?? move.collapse) as string)
    moved.current = true
    setActive(move.focus)
  }

  const render = (nodes: ChainNode[], level: number) =>
    nodes.map((node, i) => (
      <TreeItem
        key={node.key}
        node={node}
        direction={direction}
        level={level}
        position={i + 1}
        size={nodes.length}
        open={!collapsed.has(node.key)}
        current={node.key === current}
        onToggle={() => toggle(node.key)}
        onSelect={() => setActive(node.key)}
      >
        {node.children.length > 0 && !collapsed.has(node.key) && (
          <ul role="group" className="chain-group">
            {render(node.children, level + 1)}
          </ul>
        )}
      </TreeItem>
    ))

  return (
    <ul role="tree" aria-label={label} className="chain-tree" ref={tree} onKeyDown={onKeyDown}>
      {render(roots, 1)}
    </ul>
  )
}

interface ItemProps {
  node: ChainNode
  direction: Direction
  level: number
  position: number
  size: number
  open: boolean
  current: boolean
  onToggle: () => void
  onSelect: () => void
  children: ReactNode
}

function TreeItem({ node, direction, level, position, size, open, current, onToggle, onSelect, children }: ItemProps) {
  const { t } = useTranslation()
  const lang = currentLang()
  const { edge, person } = node
  const branch = node.children.length > 0
  const labelId = `chain-${direction}${node.key.replace(/[^A-Za-z0-9_-]/g, '_')}`
  const tabIndex = current ? 0 : -1
  const date = edge.date ? formatPartial(edge.date, lang) : t('person.undated')
  const onTwisty = (e: MouseEvent) => {
    e.stopPropagation()
    onSelect()
    onToggle()
  }
  return (
    <li
      role="treeitem"
      data-key={node.key}
      aria-level={level}
      aria-posinset={position}
      aria-setsize={size}
      aria-expanded={branch ? open : undefined}
      tabIndex={tabIndex}
      className="chain-item"
      onClick={(e) => {
        e.stopPropagation()
        onSelect()
      }}
    >
      <div className="chain-row">
        {/* The twisty is a mouse affordance; the keyboard uses the arrows. */}
        <span className={`chain-twisty${branch ? '' : ' leaf'}`} aria-hidden="true" onClick={branch ? onTwisty : undefined}>
          {branch ? (open ? '▾' : '▸') : ''}
        </span>
        <span id={labelId} className="chain-label">
          <a className="chain-person" href={personHash(person.id, lang)} translate="no" tabIndex={tabIndex}>
            {person.name}
          </a>
          {person.nativeName && (
            <span className="native-name" translate="no" dir="auto">
              {' '}
              {person.nativeName}
            </span>
          )}
          <span className="chain-edge">
            {' '}
            {direction === 'up'
              ? t('recruitment.recruited', { name: edge.recruit.name, date })
              : t('recruitment.recruitedBy', { name: edge.recruiter.name, date })}
            {edge.toLab && (
              <>
                {' '}
                {t('lab.to')}{' '}
                <a href={labHash(edge.toLab.id, lang)} translate="no" tabIndex={tabIndex}>
                  {edge.toLab.name}
                </a>
              </>
            )}
          </span>{' '}
          <span className={`badge chain-${edge.inferred ? 'inferred' : 'reported'}`}>
            {confidenceLabel(edge.inferred ? 'inferred' : 'reported')}
          </span>
          {edge.confidence === 'unconfirmed' && (
            <>
              {' '}
              <span className="badge chain-unconfirmed">{confidenceLabel('unconfirmed')}</span>
            </>
          )}
          {(edge.inferred || edge.confidence === 'unconfirmed') && (
            <>
              {' '}
              <Caveat note={edge.note} />
            </>
          )}
        </span>
        <Sources
          sources={edge.sources}
          about={t('lab.recruitedAbout', { recruiter: edge.recruiter.name, recruit: edge.recruit.name })}
          tabIndex={tabIndex}
        />
      </div>
      {children}
    </li>
  )
}
