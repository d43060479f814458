import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { RecruitmentChains as Chains } from '../api.ts'
import { RecruitmentTree } from './RecruitmentTree.tsx'
import { buildTree } from './tree.ts'
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
  return (
    <div className="chains">
      <section className="chains-side" aria-labelledby="chains-up">
        <H id="chains-up">{t('recruitment.up')}</H>
        {up.length === 0 ? (
          <p className="status">{t('recruitment.noneUp', { name })}</p>
        ) : (
          <RecruitmentTree roots={up} direction="up" label={t('recruitment.upLabel', { name })} />
        )}
      </section>
      <section className="chains-side" aria-labelledby="chains-down">
        <H id="chains-down">{t('recruitment.down')}</H>
        {down.length === 0 ? (
          <p className="status">{t('recruitment.noneDown', { name })}</p>
        ) : (
          <RecruitmentTree roots={down} direction="down" label={t('recruitment.downLabel', { name })} />
        )}
      </section>
    </div>
  )
}
