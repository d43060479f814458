import { useEffect, useState } from 'react'

// Routes live in the hash so a reload or a shared link restores the view
// without the Go server knowing about client paths.
export type Route = { page: 'search'; q: string } | { page: 'person'; id: string }

export function parseHash(hash: string): Route {
  const path = hash.replace(/^#/, '')
  const person = /^\/person\/([^/?]+)/.exec(path)
  if (person) {
    return { page: 'person', id: safeDecode(person[1] as string) }
  }
  const qs = path.indexOf('?')
  const q = qs >= 0 ? (new URLSearchParams(path.slice(qs + 1)).get('q') ?? '') : ''
  return { page: 'search', q }
}

export function personHash(id: string): string {
  return `#/person/${encodeURIComponent(id)}`
}

export function searchHash(q: string): string {
  return q ? `#/?${new URLSearchParams({ q }).toString()}` : '#/'
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
