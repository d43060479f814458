// reasons words the server's structured reasons (MatchReason: which
// condition, which records) in the page's language, so a Chinese reader
// reads why someone matched in Chinese. The server's English "matched"
// lines are one wording of the same data; this is the app's.

import i18n, { intlLocale, type Lang } from '../i18n.ts'
import { formatPartial, formatPeriod } from '../dates.ts'
import type { CandidateEdge } from './api.ts'

export type Reason = CandidateEdge['reasons'][number]
type ReasonRecord = Reason['records'][number]

// recordText names one record: a degree's field and lab, a job's lab,
// role and period, a paper's title, a move's destination and date.
function recordText(r: ReasonRecord, lang: Lang): string {
  const t = i18n.getFixedT(lang)
  switch (r.kind) {
    case 'degree':
      return t('candidates.reason.degree', { field: r.label ?? '', lab: r.labName ?? '', date: formatPartial(r.end, lang) }).replace(/, $/, '')
    case 'stint':
      return [r.labName, r.label, r.start || r.end ? formatPeriod(r.start, r.end, lang) : null].filter(Boolean).join(' · ')
    case 'paper':
      return r.start ? `${r.label ?? ''} (${formatPartial(r.start, lang)})` : (r.label ?? '')
    case 'move':
      return t('candidates.reason.move', { lab: r.labName ?? '', date: r.start ? formatPartial(r.start, lang) : t('candidates.reason.undated') })
    default:
      return r.label ?? r.id
  }
}

// wordReason is one reason as a sentence of the page's language.
export function wordReason(r: Reason, lang: Lang): string {
  const t = i18n.getFixedT(lang)
  const num = new Intl.NumberFormat(intlLocale[lang])
  const records = r.records.map((x) => recordText(x, lang))
  const list = records.join(t('candidates.reason.sep'))
  const count = r.count ?? 0
  switch (r.condition) {
    case 'aiPhd':
    case 'topLab':
    case 'breakthrough':
    case 'workedAt':
    case 'currentlyAt':
    case 'movedSince':
    case 'topics':
      return t(`candidates.reason.${r.condition}`, {
        records: list,
        asked: r.asked ? formatPartial(r.asked, lang) : '',
        values: r.values.join(t('candidates.reason.sep')),
      })
    case 'neverAt':
      return t('candidates.reason.neverAt', { values: r.values.join(t('candidates.reason.sep')) })
    // The records of notCurrentlyAt are the jobs there the person left,
    // which tell "not there now" from "never there".
    case 'notCurrentlyAt':
      return t(records.length > 0 ? 'candidates.reason.notCurrentlyAtLeft' : 'candidates.reason.notCurrentlyAt', {
        values: r.values.join(t('candidates.reason.sep')),
        records: list,
      })
    // asked says whose titles were read: the current jobs, or any job.
    case 'roleKeywords':
      return t(r.asked === 'anyJob' ? 'candidates.reason.roleKeywordsAnyJob' : 'candidates.reason.roleKeywords', {
        values: r.values.join(t('candidates.reason.sep')),
        records: list,
      })
    case 'atLeast':
      return t('candidates.reason.atLeast', { n: count, asked: r.asked ?? '' })
    case 'minCitations':
      return t('candidates.reason.minCitations', { n: num.format(count), asked: num.format(Number(r.asked ?? 0)) })
    case 'tenure':
      return t('candidates.reason.tenure', { years: num.format(Math.round((count / 365.25) * 10) / 10), records: list })
    default:
      return [r.condition, list].filter(Boolean).join(': ')
  }
}
