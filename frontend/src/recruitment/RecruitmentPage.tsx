import { Trans, useTranslation } from 'react-i18next'
import { getRecruitment, recruitmentDepths, type RecruitmentChains as Chains } from './api.ts'
import { currentLang } from '../i18n.ts'
import { personHash, recruitmentHash } from '../route.ts'
import { QueryStatus } from '../QueryStatus.tsx'
import { usePageHeading, useQuery, useTitle } from '../useQuery.ts'
import { RecruitmentChains } from './RecruitmentChains.tsx'

// RecruitmentPage is a person's recruitment chains on a page of their own
// (#/recruitment/<id>?depth=N), so the tree can be shared as a link; the
// depth rides in the URL and reloading restores the same view.
export default function RecruitmentPage({ id, depth }: { id: string; depth: number }) {
  const { t } = useTranslation()
  const { state, retry } = useQuery((signal) => getRecruitment(id, depth, signal), [id, depth])
  useTitle(state, (chains) => t('recruitment.pageTitle', { name: chains.person.name }))
  const lang = currentLang()

  return (
    <div className="recruitment-page">
      <nav className="back">
        <a href={personHash(id, lang)}>{t('recruitment.back')}</a>
      </nav>
      <QueryStatus state={state} retry={retry} missing={t('person.noSuchId', { id })} />
      {state.status === 'done' && <Details chains={state.data} depth={depth} />}
    </div>
  )
}

function Details({ chains, depth }: { chains: Chains; depth: number }) {
  const { t } = useTranslation()
  const { person } = chains
  const heading = usePageHeading(person.id)

  return (
    <article className="recruitment">
      <header className="person-header">
        <h1 ref={heading} tabIndex={-1}>
          {/* The name's place in the heading differs by language, so the
              translation places it. */}
          <Trans i18nKey="recruitment.heading" values={{ name: person.name }} components={{ name: <span translate="no" /> }} />
        </h1>
        {person.nativeName && (
          <p className="native-name" translate="no" dir="auto">
            {person.nativeName}
          </p>
        )}
        <p className="recruitment-intro">{t('recruitment.intro')}</p>
        <label className="chain-depth">
          {t('recruitment.depth')}{' '}
          <select
            value={depth}
            onChange={(e) => {
              window.location.hash = recruitmentHash(person.id, currentLang(), Number(e.target.value))
            }}
          >
            {recruitmentDepths.map((d) => (
              <option key={d} value={d}>
                {t('recruitment.depthOption', { count: d })}
              </option>
            ))}
          </select>
        </label>
      </header>
      <RecruitmentChains chains={chains} headingLevel={2} />
    </article>
  )
}
