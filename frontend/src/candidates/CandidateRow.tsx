import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CandidateSources } from './api.ts'
import { currentLang, intlLocale } from '../i18n.ts'
import { personHash } from '../route.ts'
import { CredentialChecks } from './CredentialChecks.tsx'
import { currentLabs, metCount, type CandidateLike } from './model.ts'

interface Props {
  edge: CandidateLike
  sources: CandidateSources | 'error' | undefined
  onRetrySources: () => void
  // select, when given, puts a checkbox before the name (to pick people
  // for a shortlist).
  select?: { checked: boolean; onChange: (checked: boolean) => void } | undefined
  // children are shown under the row: a shortlist's note and actions.
  children?: ReactNode
}

// CandidateRow says who the person is, where they are now, and why they
// matched: each credential met or not, with its evidence (CredentialChecks),
// then the server's own sentences.
export function CandidateRow({ edge, sources, onRetrySources, select, children }: Props) {
  const { t } = useTranslation()
  const lang = currentLang()
  const num = new Intl.NumberFormat(intlLocale[lang])
  const labs = currentLabs(edge)
  const met = metCount(edge)

  return (
    <li className="candidate">
      <div className="candidate-head">
        {select && (
          <input
            type="checkbox"
            className="candidate-select"
            checked={select.checked}
            aria-label={t('shortlists.select', { name: edge.node.name })}
            onChange={(e) => select.onChange(e.target.checked)}
          />
        )}
        <a className="candidate-name" href={personHash(edge.node.id, lang)} translate="no">
          {edge.node.name}
        </a>
        {edge.node.nativeName && (
          <span className="native-name" translate="no" dir="auto">
            {edge.node.nativeName}
          </span>
        )}
        <span className="cred-count">{t('candidates.metOf', { count: met })}</span>
      </div>
      <p className="candidate-facts">
        <span className="current-lab">
          {labs.length > 0 ? (
            <>
              {t('candidates.currentlyAt')} <strong translate="no">{labs.join(' · ')}</strong>
            </>
          ) : (
            t('candidates.noCurrentLab')
          )}
        </span>
        {edge.tenureYears !== null && <span>{t('candidates.tenureYears', { n: num.format(Math.round(edge.tenureYears * 10) / 10) })}</span>}
        {/* No citations reported reads as 0 in the total; saying "0 citations"
            would state what no source does. */}
        {edge.citations > 0 && <span>{t('candidates.citations', { count: edge.citations, n: num.format(edge.citations) })}</span>}
      </p>
      <CredentialChecks name={edge.node.name} credentials={edge.credentials} sources={sources} onRetrySources={onRetrySources} />
      {edge.matched.length > 0 && (
        <ul className="matched" aria-label={t('candidates.matchedLabel')}>
          {edge.matched.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
      {children}
    </li>
  )
}
