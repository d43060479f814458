import { useTranslation } from 'react-i18next'
import { defaultRecruitmentDepth, getRecruitment } from './api.ts'
import { currentLang } from '../i18n.ts'
import { recruitmentHash } from '../route.ts'
import { QueryStatus } from '../QueryStatus.tsx'
import { useQuery } from '../useQuery.ts'
import { RecruitmentChains } from './RecruitmentChains.tsx'

// RecruitmentSection is the person page's view of the recruitment chains,
// read after the person so it never holds up the rest of the page. A person
// with no recorded recruitment either way gets no section at all.
export function RecruitmentSection({ id }: { id: string }) {
  const { t } = useTranslation()
  const { state, retry } = useQuery((signal) => getRecruitment(id, defaultRecruitmentDepth, signal), [id])
  if (state.status === 'done' && state.data.recruitedBy.length === 0 && state.data.recruited.length === 0) return null
  // Nothing shows while loading, so a person without recruitments never sees
  // the section appear and vanish; a person the page has just shown cannot
  // be missing, and if they were deleted in between there is nothing to say.
  if (state.status === 'loading' || state.status === 'missing') return null
  return (
    <section aria-labelledby="recruitment-heading" className="person-recruitment">
      <h2 id="recruitment-heading">{t('recruitment.title')}</h2>
      <QueryStatus state={state} retry={retry} missing="" />
      {state.status === 'done' && (
        <>
          <RecruitmentChains chains={state.data} headingLevel={3} />
          <p>
            <a href={recruitmentHash(id, currentLang())}>{t('recruitment.open')}</a>
          </p>
        </>
      )}
    </section>
  )
}
