import { describe, expect, it } from 'vitest'
import { parseHash, personHash, searchHash } from './route.ts'

describe('routes', () => {
  it('reads the search page from an empty or bare hash', () => {
    expect(parseHash('')).toEqual({ page: 'search', q: '' })
    expect(parseHash('#/')).toEqual({ page: 'search', q: '' })
  })

  it('round-trips a query', () => {
    expect(parseHash(searchHash('fei-fei li & co'))).toEqual({ page: 'search', q: 'fei-fei li & co' })
    expect(searchHash('')).toBe('#/')
  })

  it('round-trips a person id', () => {
    expect(personHash('matt-deitke')).toBe('#/person/matt-deitke')
    expect(parseHash(personHash('a/b c'))).toEqual({ page: 'person', id: 'a/b c' })
  })

  it('keeps a badly escaped id rather than throwing', () => {
    expect(parseHash('#/person/%E0%A4%A')).toEqual({ page: 'person', id: '%E0%A4%A' })
  })
})
