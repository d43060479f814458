import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecruitmentChains as Chains } from './api.ts'
import { RecruitmentTree } from './RecruitmentTree.tsx'
import { buildTree, type ChainNode, type Direction } from './tree.ts'
import './recruitment.css'

// RecruitmentChains shows both trees of a person: up to who recruited them
// (and who recruited that person), down to whom they recruited (and whom
// those recruited). headingLevel keeps the outline right where it is used:
// under the person page's "Recruitment" h2, or on a page of its own.
export function RecruitmentChains({ chains, headingLevel }: { chains: Chains; headingLevel: 2 | 3 }) {
  const { t } = useTranslation()
  const up = useMemo(() => buildTree(chains, 'up'), [chains])
  const down = useMemo(() => buildTree(chains, 'down'), [chains])
  const H = headingLevel === 2 ? 'h2' : 'h3'
  const name = chains.person.name
  const side = (direction: Direction, roots: ChainNode[]) => (
    <section className="chains-side" aria-labelledby={`chains-${direction}`}>
      <H id={`chains-${direction}`}>{t(`recruitment.${direction}`)}</H>
      {roots.length === 0 ? (
        <p className="status">{direction === 'up' ? t('recruitment.noneUp', { name }) : t('recruitment.noneDown', { name })}</p>
      ) : (
        <RecruitmentTree
          roots={roots}
          direction={direction}
          label={direction === 'up' ? t('recruitment.upLabel', { name }) : t('recruitment.downLabel', { name })}
        />
      )}
    </section>
  )
  return (
    <div className="chains">
      {side('up', up)}
      {side('down', down)}
    </div>
  )
}
