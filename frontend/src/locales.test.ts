import { describe, expect, it } from 'vitest'
import en from './locales/en.json'
import zh from './locales/zh.json'

type Tree = { [key: string]: string | Tree }

// flatten turns nested resources into dotted keys: { "search.label": "…" }.
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k
    if (typeof v === 'string') out.set(key, v)
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv)
  }
  return out
}

const pluralSuffix = /_(zero|one|two|few|many|other)$/

// Plural forms differ by language (English has "one" and "other", Chinese
// only "other"), so keys are compared by their base, and each language must
// have exactly the forms its plural rules ask for.
function bases(keys: Iterable<string>): Set<string> {
  return new Set([...keys].map((k) => k.replace(pluralSuffix, '')))
}

function variables(s: string): string[] {
  return [...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1] as string)
}

const locales = { en: flatten(en as Tree), zh: flatten(zh as Tree) }

describe('locale files', () => {
  it('have the same keys in English and Chinese', () => {
    const enKeys = bases(locales.en.keys())
    const zhKeys = bases(locales.zh.keys())
    expect([...enKeys].filter((k) => !zhKeys.has(k)), 'in en.json, missing from zh.json').toEqual([])
    expect([...zhKeys].filter((k) => !enKeys.has(k)), 'in zh.json, missing from en.json').toEqual([])
  })

  it.each(Object.entries(locales))('%s has exactly the plural forms its language uses', (lang, messages) => {
    const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories
    const plurals = new Map<string, Set<string>>()
    for (const key of messages.keys()) {
      const m = pluralSuffix.exec(key)
      if (!m) continue
      const base = key.replace(pluralSuffix, '')
      plurals.set(base, (plurals.get(base) ?? new Set()).add(m[1] as string))
      // A plain key beside plural ones would never be used.
      expect(messages.has(base), `${base} is both plain and plural`).toBe(false)
    }
    for (const [base, forms] of plurals) {
      expect([...forms].sort(), base).toEqual([...categories].sort())
    }
  })

  it('use the same placeholders in both languages', () => {
    const byBase = (messages: Map<string, string>) => {
      const out = new Map<string, Set<string>>()
      for (const [key, text] of messages) {
        const base = key.replace(pluralSuffix, '')
        const vars = out.get(base) ?? new Set<string>()
        // "count" picks the plural form; a form may leave it out ("source").
        for (const v of variables(text)) if (!(pluralSuffix.test(key) && v === 'count')) vars.add(v)
        out.set(base, vars)
      }
      return out
    }
    const enVars = byBase(locales.en)
    const zhVars = byBase(locales.zh)
    for (const [base, vars] of enVars) {
      expect([...(zhVars.get(base) ?? [])].sort(), base).toEqual([...vars].sort())
    }
  })

  it('have no empty strings', () => {
    for (const [lang, messages] of Object.entries(locales)) {
      for (const [key, text] of messages) expect(text.trim(), `${lang}: ${key}`).not.toBe('')
    }
  })
})
