// describeFilter says in a line what a saved search asks for, so a list of
// them can be told apart without opening each.
import type { TFunction } from 'i18next'
import type { PeopleFilter } from '../candidates/api.ts'

export function describeFilter(where: PeopleFilter, t: TFunction): string {
  const parts: string[] = []
  if (where.phd) parts.push(t('candidates.cred.aiPhd'))
  if (where.topLab) parts.push(t('candidates.cred.topLab'))
  if (where.breakthrough) parts.push(t('candidates.cred.breakthrough'))
  if (typeof where.atLeast === 'number' && where.atLeast > 0) parts.push(t('candidates.atLeastN', { count: where.atLeast }))
  for (const l of ['workedAt', 'currentlyAt', 'notCurrentlyAt', 'neverAt'] as const) {
    const n = where[l]?.length ?? 0
    if (n > 0) parts.push(t(`shortlists.labsFacet.${l}`, { count: n }))
  }
  if (where.movedSince) parts.push(t('shortlists.movedSince', { date: where.movedSince }))
  if (typeof where.minTenureYears === 'number') parts.push(t('shortlists.minTenure', { n: where.minTenureYears }))
  if (typeof where.maxTenureYears === 'number') parts.push(t('shortlists.maxTenure', { n: where.maxTenureYears }))
  if (typeof where.minCitations === 'number') parts.push(t('shortlists.minCitations', { n: where.minCitations }))
  if (where.topics && where.topics.length > 0) parts.push(t('shortlists.topics', { topics: where.topics.join(', ') }))
  if (where.roleKeywords && where.roleKeywords.length > 0) {
    parts.push(t(where.roleAnyJob ? 'shortlists.roleKeywordsAnyJob' : 'shortlists.roleKeywords', { keywords: where.roleKeywords.join(', ') }))
  }
  return parts.join(' · ')
}
