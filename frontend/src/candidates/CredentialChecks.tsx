import { useTranslation } from 'react-i18next'
import { credentialNames, type CandidateSources, type CredentialMatch, type CredentialName } from './api.ts'
import { currentLang, intlLocale } from '../i18n.ts'
import { Sources } from '../Sources.tsx'
import { evidenceOf, type Words } from './model.ts'

interface Props {
  // name is the person's, for the list's label and the sources' toggles.
  name: string
  credentials: CredentialMatch[]
  // sources are the evidence's, by CandidateSources key: undefined while
  // they load, 'error' when they could not be read.
  sources: CandidateSources | 'error' | undefined
  onRetrySources?: () => void
}

function isCredentialName(name: string): name is CredentialName {
  return (credentialNames as readonly string[]).includes(name)
}

// CredentialChecks lists the three credentials, each met or not, with the
// degree, stint or paper that meets it and that record's sources. A row of
// the candidates page and the person page show the same list.
export function CredentialChecks({ name, credentials, sources, onRetrySources }: Props) {
  const { t } = useTranslation()
  const lang = currentLang()
  const num = new Intl.NumberFormat(intlLocale[lang])
  const words: Words = {
    lang,
    degree: (degree, field) => {
      const what = t(`degree.${degree as 'phd'}`, { defaultValue: degree })
      return field ? t('degree.inField', { degree: what, field }) : what
    },
    citations: (n) => t('candidates.citations', { count: n, n: num.format(n) }),
    breakthrough: t('candidates.calledBreakthrough'),
  }
  return (
    <ul className="creds" aria-label={t('candidates.why', { name })}>
      {credentials.map((c) => {
        const evidence = evidenceOf(c, words)
        return (
          <li key={c.credential} className={c.met ? 'cred met' : 'cred unmet'}>
            <span className="cred-mark" aria-hidden="true">
              {c.met ? '✓' : '✗'}
            </span>
            <span className="cred-name">{isCredentialName(c.credential) ? t(`candidates.cred.${c.credential}`) : c.credential}</span>
            <span className="cred-verdict">{c.met ? t('candidates.met') : t('candidates.notMet')}</span>
            {evidence.length > 0 && (
              <ul className="evidence">
                {evidence.map((e) => (
                  <li key={e.key}>
                    <span className="evidence-title" translate={e.kind === 'paper' ? 'no' : undefined}>
                      {e.title}
                    </span>
                    {e.detail && <span className="evidence-detail">{e.detail}</span>}
                    {sources === undefined ? (
                      <span className="sources-loading">{t('candidates.sourcesLoading')}</span>
                    ) : sources === 'error' ? (
                      <button type="button" className="link-button" onClick={onRetrySources}>
                        {t('candidates.sourcesRetry')}
                      </button>
                    ) : (
                      <Sources sources={sources[e.key] ?? []} about={`${name}: ${e.title}`} />
                    )}
                  </li>
                ))}
              </ul>
            )}
          </li>
        )
      })}
    </ul>
  )
}
