import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { CandidateDeal, CandidateSources } from './api.ts'
import { wordReason } from './reasons.ts'
import { formatPartial } from '../dates.ts'
import { Sources } from '../Sources.tsx'
import { labHash, personHash } from '../route.ts'
import { currentLang, intlLocale } from '../i18n.ts'
import { CredentialChecks } from './CredentialChecks.tsx'
import { metCount, type CandidateLike } from './model.ts'

interface Props {
  edge: CandidateLike
  sources: CandidateSources | 'error' | undefined
  onRetrySources: () => void
  // select, when given, puts a checkbox before the name (to pick people
  // for a shortlist).
  select?: { checked: boolean; onChange: (checked: boolean) => void } | undefined
  // children are shown under the row: a shortlist's note and actions.
  children?: ReactNode
  // deals are the company deals that brought the person, when known.
  deals?: CandidateDeal[] | undefined
}

// CandidateRow says who the person is, where they are now, and why they
// matched: each credential met or not, with its evidence (CredentialChecks),
// then the server's own sentences.
export function CandidateRow({ edge, sources, onRetrySources, select, children, deals }: Props) {
  const { t } = useTranslation()
  const lang = currentLang()
  const num = new Intl.NumberFormat(intlLocale[lang])
  const current = edge.node.currentStint
  const last = edge.node.lastReported
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
          {current ? (
            <>
              {t('candidates.currentlyAt')}{' '}
              <a href={labHash(current.lab.id, lang)} translate="no">
                <strong>{current.lab.name}</strong>
              </a>
            </>
          ) : last ? (
            // Not "at Google": no job holds today, so say when a source last
            // placed them there.
            <span className="last-reported">
              {last.confirmed
                ? t('candidates.reason.lastReported', { lab: last.lab.name, date: formatPartial(last.confirmed, lang) })
                : t('candidates.reason.lastReportedUndated', { lab: last.lab.name })}
            </span>
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
      {edge.reasons.length > 0 && (
        <ul className="matched" aria-label={t('candidates.matchedLabel')}>
          {edge.reasons.map((r, i) => (
            <li key={`${r.condition} ${i}`} data-condition={r.condition}>
              {wordReason(r, lang)}
            </li>
          ))}
        </ul>
      )}
      {deals && deals.length > 0 && (
        <div className="candidate-deals">
          <span className="muted">{t('candidates.reason.deals')}</span>
          <ul>
            {deals.map((d) => (
              <li key={d.id}>
                {t('candidates.reason.deal', {
                  buyer: d.buyer.name,
                  target: d.target.name,
                  kind: t(`candidates.reason.dealKind.${d.kind}`, { defaultValue: d.kind }),
                  date: d.date ? formatPartial(d.date, lang) : t('candidates.reason.undated'),
                })}{' '}
                <Sources sources={d.sources} about={`${d.buyer.name} → ${d.target.name}`} />
              </li>
            ))}
          </ul>
        </div>
      )}
      {children}
    </li>
  )
}
