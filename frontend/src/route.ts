import { useEffect, useState } from 'react'
import { defaultRecruitmentDepth, recruitmentDepths } from './recruitment/api.ts'
import { defaultLang, type Lang } from './i18n.ts'

// Routes live in the hash so a reload or a shared link restores the view
// without the Go server knowing about client paths. The language rides along
// as `lang` in the hash's query (see i18n.ts), left out for English.
export type Route =
  | { page: 'search'; q: string }
  | { page: 'person'; id: string }
  | { page: 'candidates' }
  | { page: 'network' }
  | { page: 'labs' }
  | { page: 'lab'; id: string; asOf: string; since: string; until: string }
  | { page: 'shortlists' }
  | { page: 'shortlist'; id: string }
  | { page: 'recruitment'; id: string; depth: number }

export type Section = 'search' | 'candidates' | 'network' | 'labs' | 'shortlists'

// Views still to come, each its own chunk (see App.tsx).
const comingViews = ['candidates', 'network', 'labs', 'shortlists'] as const

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '')
  const person = /^\/person\/([^/?]+)/.exec(path)
  if (person) {
    return { page: 'person', id: safeDecode(person[1] as string) }
  }
  const shortlist = /^\/shortlists\/([^/?]+)/.exec(path)
  if (shortlist) {
    return { page: 'shortlist', id: safeDecode(shortlist[1] as string) }
  }
  const recruitment = /^\/recruitment\/([^/?]+)/.exec(path)
  if (recruitment) {
    const depth = Number(hashParams(path).get('depth'))
    return { page: 'recruitment', id: safeDecode(recruitment[1] as string), depth: isDepth(depth) ? depth : defaultRecruitmentDepth }
  }
  const lab = /^\/lab\/([^/?]+)/.exec(path)
  if (lab) {
    const params = new URLSearchParams(path.includes('?') ? path.slice(path.indexOf('?') + 1) : '')
    const get = (k: string) => params.get(k) ?? ''
    return { page: 'lab', id: safeDecode(lab[1] as string), asOf: get('asOf'), since: get('since'), until: get('until') }
  }
  const qs = path.indexOf('?')
  const pathname = (qs >= 0 ? path.slice(0, qs) : path).replace(/\/+$/, '')
  for (const page of comingViews) {
    if (pathname === `/${page}`) return { page }
  }
  const q = qs >= 0 ? (new URLSearchParams(path.slice(qs + 1)).get('q') ?? '') : ''
  return { page: 'search', q }
}

// section is the navigation entry a route belongs to.
export function section(route: Route): Section {
  if (route.page === 'lab') return 'labs'
  if (route.page === 'shortlist') return 'shortlists'
  return route.page === 'person' || route.page === 'recruitment' ? 'search' : route.page
}

function withQuery(path: string, params: Record<string, string>, lang: Lang): string {
  const query = new URLSearchParams(params)
  if (lang !== defaultLang) query.set('lang', lang)
  const s = query.toString()
  return s ? `#${path}?${s}` : `#${path}`
}

export function personHash(id: string, lang: Lang = defaultLang): string {
  return withQuery(`/person/${encodeURIComponent(id)}`, {}, lang)
}

// shortlistHash is one of the signed-in key's shortlists.
export function shortlistHash(id: string, lang: Lang = defaultLang): string {
  return withQuery(`/shortlists/${encodeURIComponent(id)}`, {}, lang)
}

// recruitmentHash is a person's recruitment chains; the default depth is
// left out so the common link stays short.
export function recruitmentHash(id: string, lang: Lang = defaultLang, depth: number = defaultRecruitmentDepth): string {
  const params: Record<string, string> = depth === defaultRecruitmentDepth ? {} : { depth: String(depth) }
  return withQuery(`/recruitment/${encodeURIComponent(id)}`, params, lang)
}

function isDepth(n: number): boolean {
  return (recruitmentDepths as readonly number[]).includes(n)
}

// labHash is a lab's page; asOf and the alumni window ride in the query so
// a shared link opens the same view.
export function labHash(
  id: string,
  lang: Lang = defaultLang,
  opts: { asOf?: string; since?: string; until?: string } = {},
): string {
  const params: Record<string, string> = {}
  for (const k of ['asOf', 'since', 'until'] as const) {
    const v = opts[k]
    if (v) params[k] = v
  }
  return withQuery(`/lab/${encodeURIComponent(id)}`, params, lang)
}

// labsQuery reads the labs index's search text from the hash.
export function labsQuery(hash: string): string {
  const qs = hash.indexOf('?')
  return qs >= 0 ? (new URLSearchParams(hash.slice(qs + 1)).get('q') ?? '') : ''
}

// labsSorts are the orders of the labs index a link may name; the first is
// the default and is left out of links.
export const labsSorts = ['NAME', 'JOBS', 'MOVES_OUT', 'MOVES_IN', 'FOUNDED'] as const
export type LabsSort = (typeof labsSorts)[number]

// labsSort reads the labs index's order from the hash.
export function labsSort(hash: string): LabsSort {
  const s = hashParams(hash).get('sort')
  return (labsSorts as readonly string[]).includes(s ?? '') ? (s as LabsSort) : 'NAME'
}

export function labsHash(q: string, lang: Lang = defaultLang, sort: LabsSort = 'NAME'): string {
  const params: Record<string, string> = q ? { q } : {}
  if (sort !== 'NAME') params.sort = sort
  return withQuery('/labs', params, lang)
}

export function searchHash(q: string, lang: Lang = defaultLang): string {
  return withQuery('/', q ? { q } : {}, lang)
}

export function sectionHash(s: Exclude<Section, 'search'>, lang: Lang = defaultLang): string {
  return withQuery(`/${s}`, {}, lang)
}

// networkHash is the network view with its state (centre, hops, kinds…)
// as query parameters; see src/network/state.ts.
export function networkHash(params: Record<string, string>, lang: Lang = defaultLang): string {
  return withQuery('/network', params, lang)
}

// hashParams reads the hash's query ("#/network?id=x&hops=2").
export function hashParams(hash: string): URLSearchParams {
  const qs = hash.indexOf('?')
  return new URLSearchParams(qs >= 0 ? hash.slice(qs + 1) : '')
}

// hashWithLang rewrites the current hash's language and keeps the rest, for
// the language switch.
export function hashWithLang(hash: string, lang: Lang): string {
  const path = hash.replace(/^#/, '') || '/'
  const qs = path.indexOf('?')
  const params = new URLSearchParams(qs >= 0 ? path.slice(qs + 1) : '')
  params.delete('lang')
  return withQuery(qs >= 0 ? path.slice(0, qs) : path, Object.fromEntries(params), lang)
}

// safeDecode keeps a hand-typed, badly escaped id readable instead of
// throwing during render.
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  return route
}
