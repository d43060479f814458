// state holds the candidate search's facets and their place in the URL, so
// that a link to #/candidates?… restores the same search for someone else.
import { credentialNames, peopleOrders, type CredentialName, type PeopleFilter, type PeopleOrder } from './api.ts'
import { defaultLang, type Lang } from '../i18n.ts'

export interface Facets {
  phd: boolean
  topLab: boolean
  breakthrough: boolean
  // atLeast is null for "any number of credentials".
  atLeast: number | null
  workedAt: string[]
  currentlyAt: string[]
  neverAt: string[]
  notCurrentlyAt: string[]
  // The text fields keep what was typed, so a half-typed value is not
  // rewritten under the cursor; toFilter checks them.
  movedSince: string
  minTenure: string
  maxTenure: string
  minCitations: string
  topics: string[]
  // roleKeywords match the current job's title, or any job's with
  // roleAnyJob.
  roleKeywords: string[]
  roleAnyJob: boolean
  order: PeopleOrder
}

export const emptyFacets: Facets = {
  phd: false,
  topLab: false,
  breakthrough: false,
  atLeast: null,
  workedAt: [],
  currentlyAt: [],
  neverAt: [],
  notCurrentlyAt: [],
  movedSince: '',
  minTenure: '',
  maxTenure: '',
  minCitations: '',
  topics: [],
  roleKeywords: [],
  roleAnyJob: false,
  order: 'NAME',
}

export type LabFacet = 'workedAt' | 'currentlyAt' | 'notCurrentlyAt' | 'neverAt'
export const labFacets: LabFacet[] = ['workedAt', 'currentlyAt', 'notCurrentlyAt', 'neverAt']

// The server's bounds on role keywords (thelist.MaxFilterRoleKeywords and a
// role's text limit in bytes), checked before a request would be refused.
export const maxRoleKeywords = 20
export const maxRoleKeywordBytes = 400

// The URL's parameter names are short, since the link is meant to be shared.
const labParam: Record<LabFacet, string> = { workedAt: 'worked', currentlyAt: 'at', notCurrentlyAt: 'notat', neverAt: 'never' }
const credentialParam: Record<CredentialName, 'phd' | 'top' | 'bt'> = { aiPhd: 'phd', topLab: 'top', breakthrough: 'bt' }
const credentialFacet: Record<CredentialName, 'phd' | 'topLab' | 'breakthrough'> = { aiPhd: 'phd', topLab: 'topLab', breakthrough: 'breakthrough' }

export function credentialFacetOf(c: CredentialName): 'phd' | 'topLab' | 'breakthrough' {
  return credentialFacet[c]
}

export function parseFacets(hash: string): Facets {
  const qs = hash.indexOf('?')
  const p = new URLSearchParams(qs >= 0 ? hash.slice(qs + 1) : '')
  const f: Facets = { ...emptyFacets }
  for (const c of credentialNames) f[credentialFacet[c]] = p.get(credentialParam[c]) === '1'
  const least = Number(p.get('least'))
  if (p.has('least') && Number.isInteger(least) && least >= 0 && least <= 3) f.atLeast = least
  for (const l of labFacets) f[l] = unique(p.getAll(labParam[l]).filter(Boolean))
  f.movedSince = p.get('moved') ?? ''
  f.minTenure = p.get('tmin') ?? ''
  f.maxTenure = p.get('tmax') ?? ''
  f.minCitations = p.get('cit') ?? ''
  f.topics = unique(p.getAll('topic').map((s) => s.trim()).filter(Boolean))
  f.roleKeywords = unique(p.getAll('role').map((s) => s.trim()).filter(Boolean))
  f.roleAnyJob = p.get('roleany') === '1'
  const order = p.get('order')
  f.order = (peopleOrders as readonly (string | null)[]).includes(order) ? (order as PeopleOrder) : 'NAME'
  return f
}

export function facetParams(f: Facets): URLSearchParams {
  const p = new URLSearchParams()
  for (const c of credentialNames) if (f[credentialFacet[c]]) p.set(credentialParam[c], '1')
  if (f.atLeast !== null) p.set('least', String(f.atLeast))
  for (const l of labFacets) for (const id of f[l]) p.append(labParam[l], id)
  if (f.movedSince.trim()) p.set('moved', f.movedSince.trim())
  if (f.minTenure.trim()) p.set('tmin', f.minTenure.trim())
  if (f.maxTenure.trim()) p.set('tmax', f.maxTenure.trim())
  if (f.minCitations.trim()) p.set('cit', f.minCitations.trim())
  for (const t of f.topics) p.append('topic', t)
  for (const k of f.roleKeywords) p.append('role', k)
  if (f.roleAnyJob) p.set('roleany', '1')
  if (f.order !== 'NAME') p.set('order', f.order)
  return p
}

// candidatesHash is the URL of a search, in the language shown (left out
// for the default, as every other route does).
export function candidatesHash(f: Facets, lang: Lang = defaultLang): string {
  const p = facetParams(f)
  if (lang !== defaultLang) p.set('lang', lang)
  const s = p.toString()
  return s ? `#/candidates?${s}` : '#/candidates'
}

export type FacetError = 'movedSince' | 'minTenure' | 'maxTenure' | 'minCitations' | 'tenureOrder' | 'roleKeywords'

const datePattern = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/

// toFilter turns the facets into the server's filter, or lists the facets
// that cannot be sent as they stand (the request would only be refused).
export function toFilter(f: Facets): { where: PeopleFilter; errors: FacetError[] } {
  const where: PeopleFilter = {}
  const errors: FacetError[] = []
  if (f.phd) where.phd = true
  if (f.topLab) where.topLab = true
  if (f.breakthrough) where.breakthrough = true
  if (f.atLeast !== null) where.atLeast = f.atLeast
  for (const l of labFacets) if (f[l].length > 0) where[l] = f[l]
  const moved = f.movedSince.trim()
  if (moved) {
    if (datePattern.test(moved)) where.movedSince = moved
    else errors.push('movedSince')
  }
  const tmin = nonNegative(f.minTenure)
  const tmax = nonNegative(f.maxTenure)
  if (tmin === undefined) errors.push('minTenure')
  else if (tmin !== null) where.minTenureYears = tmin
  if (tmax === undefined) errors.push('maxTenure')
  else if (tmax !== null) where.maxTenureYears = tmax
  if (typeof tmin === 'number' && typeof tmax === 'number' && tmin > tmax) errors.push('tenureOrder')
  const cit = nonNegative(f.minCitations)
  if (cit === undefined || (cit !== null && !Number.isInteger(cit))) errors.push('minCitations')
  else if (cit !== null) where.minCitations = cit
  if (f.topics.length > 0) where.topics = f.topics
  if (f.roleKeywords.length > maxRoleKeywords || f.roleKeywords.some((k) => new TextEncoder().encode(k).length > maxRoleKeywordBytes)) {
    errors.push('roleKeywords')
  } else if (f.roleKeywords.length > 0) {
    where.roleKeywords = f.roleKeywords
    // Without keywords the flag asks nothing, so it is not sent.
    if (f.roleAnyJob) where.roleAnyJob = true
  }
  return { where, errors }
}

// nonNegative reads a number field: null when empty, undefined when it is
// not a number of zero or more.
function nonNegative(s: string): number | null | undefined {
  const t = s.trim()
  if (!t) return null
  const n = Number(t)
  return Number.isFinite(n) && n >= 0 ? n : undefined
}

export function isEmpty(f: Facets): boolean {
  return facetParams({ ...f, order: 'NAME' }).toString() === ''
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)]
}

// facetsFromFilter is toFilter backwards: the facets that send where, for
// a saved search reopened. Values the facets cannot hold are left out.
export function facetsFromFilter(where: PeopleFilter): Facets {
  const f: Facets = { ...emptyFacets }
  f.phd = where.phd === true
  f.topLab = where.topLab === true
  f.breakthrough = where.breakthrough === true
  if (typeof where.atLeast === 'number' && Number.isInteger(where.atLeast) && where.atLeast >= 0 && where.atLeast <= 3) f.atLeast = where.atLeast
  for (const l of labFacets) f[l] = unique((where[l] ?? []).filter((id) => typeof id === 'string' && id !== ''))
  f.movedSince = typeof where.movedSince === 'string' ? where.movedSince : ''
  f.minTenure = typeof where.minTenureYears === 'number' ? String(where.minTenureYears) : ''
  f.maxTenure = typeof where.maxTenureYears === 'number' ? String(where.maxTenureYears) : ''
  f.minCitations = typeof where.minCitations === 'number' ? String(where.minCitations) : ''
  f.topics = unique((where.topics ?? []).filter((s) => typeof s === 'string' && s.trim() !== ''))
  f.roleKeywords = unique((where.roleKeywords ?? []).filter((s) => typeof s === 'string' && s.trim() !== ''))
  f.roleAnyJob = where.roleAnyJob === true
  return f
}
