import { useEffect, useState } from 'react'
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

export type Section = 'search' | 'candidates' | 'network' | 'labs'

// Views still to come, each its own chunk (see App.tsx).
const comingViews = ['candidates', 'network', 'labs'] as const

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '')
  const person = /^\/person\/([^/?]+)/.exec(path)
  if (person) {
    return { page: 'person', id: safeDecode(person[1] as string) }
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
  return route.page === 'person' ? 'search' : route.page
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

export function searchHash(q: string, lang: Lang = defaultLang): string {
  return withQuery('/', q ? { q } : {}, lang)
}

export function sectionHash(s: Exclude<Section, 'search'>, lang: Lang = defaultLang): string {
  return withQuery(`/${s}`, {}, lang)
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
