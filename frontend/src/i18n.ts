// i18n sets up i18next with both languages bundled: the two resource files
// are a few kilobytes, less than a second request would cost. The language
// is chosen, in order, by the URL (`lang` in the hash query, so a shared link
// opens in the language it was shared in), by what this browser chose last
// time (localStorage), and otherwise English.
import i18n from 'i18next'
import { initReactI18next } from 'react-i18next'
import en from './locales/en.json'
import zh from './locales/zh.json'

export const languages = ['en', 'zh'] as const
export type Lang = (typeof languages)[number]
export const defaultLang: Lang = 'en'

// Each language's name is written in that language, so a reader who cannot
// read the current one still finds their own.
export const languageNames: Record<Lang, string> = { en: 'English', zh: '简体中文' }

// htmlLang is the BCP 47 tag for <html lang> (and the `lang` of the switch's
// buttons): it tells screen readers how to pronounce the page and the
// browser which CJK glyphs to pick.
export const htmlLang: Record<Lang, string> = { en: 'en', zh: 'zh-Hans' }

// intlLocale is what dates are formatted with. en-GB keeps the day-month-year
// order the page has always used ("7 Nov 2023"); zh-CN writes "2023年11月7日".
export const intlLocale: Record<Lang, string> = { en: 'en-GB', zh: 'zh-CN' }

export const resources = { en: { translation: en }, zh: { translation: zh } } as const

declare module 'i18next' {
  interface CustomTypeOptions {
    // Keys are checked against the English file at compile time; the
    // locales test checks that the Chinese file has the same keys.
    resources: { translation: typeof en }
  }
}

const storageKey = 'thelist.lang'

export function isLang(s: string | null | undefined): s is Lang {
  return (languages as readonly (string | null | undefined)[]).includes(s)
}

// langFromHash reads `lang` from the hash's query ("#/person/x?lang=zh").
export function langFromHash(hash: string): Lang | null {
  const qs = hash.indexOf('?')
  if (qs < 0) return null
  const lang = new URLSearchParams(hash.slice(qs + 1)).get('lang')
  return isLang(lang) ? lang : null
}

// Storage may be unavailable (disabled, or a sandboxed frame); the switch
// then still works for this visit.
export function storedLang(): Lang | null {
  try {
    const v = window.localStorage.getItem(storageKey)
    return isLang(v) ? v : null
  } catch {
    return null
  }
}

export function storeLang(lang: Lang) {
  try {
    window.localStorage.setItem(storageKey, lang)
  } catch {
    // Nothing to do: the URL still carries the choice.
  }
}

export function initialLang(): Lang {
  return langFromHash(window.location.hash) ?? storedLang() ?? defaultLang
}

// currentLang is the language being shown, narrowed to the ones we have.
export function currentLang(): Lang {
  const l = i18n.resolvedLanguage ?? i18n.language
  return isLang(l) ? l : defaultLang
}

void i18n.use(initReactI18next).init({
  resources,
  lng: initialLang(),
  fallbackLng: defaultLang,
  supportedLngs: [...languages],
  // Resources are bundled, so initialising synchronously lets the first
  // render already be in the right language.
  initAsync: false,
  // React escapes what it renders; escaping here too would show &amp;.
  interpolation: { escapeValue: false },
  returnNull: false,
})

// chooseLang is the language switch: unlike a language arriving with a
// shared link, a choice made here is remembered for the next visit.
export async function chooseLang(lang: Lang): Promise<void> {
  storeLang(lang)
  await i18n.changeLanguage(lang)
}

function applyLang(lang: string) {
  if (isLang(lang)) document.documentElement.lang = htmlLang[lang]
}

applyLang(currentLang())
i18n.on('languageChanged', applyLang)

export default i18n
