import i18n, { intlLocale, type Lang } from '../i18n.ts'

// formatMoney writes a reported amount compactly in the page's language
// ("$1.5B", "15亿美元"); without a currency the number stands alone.
export function formatMoney(amount: number | null, currency: string | null, lang: Lang): string {
  if (amount == null) return i18n.t('lab.notReported')
  const opts: Intl.NumberFormatOptions = { notation: 'compact', maximumFractionDigits: 1 }
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return new Intl.NumberFormat(intlLocale[lang], { ...opts, style: 'currency', currency }).format(amount)
    } catch {
      // An unknown code: fall through to the number and the code as given.
    }
  }
  const n = new Intl.NumberFormat(intlLocale[lang], opts).format(amount)
  return currency ? `${n} ${currency}` : n
}

const statuses = ['accepted', 'declined', 'countered', 'unknown'] as const

export function offerStatus(s: string): string {
  const k = s.toLowerCase()
  return (statuses as readonly string[]).includes(k) ? i18n.t(`lab.status.${k as (typeof statuses)[number]}`) : s
}

const kinds = ['company', 'university', 'institute', 'startup', 'investor', 'media', 'other'] as const

export function labKind(kind: string): string {
  const k = kind.toLowerCase()
  return (kinds as readonly string[]).includes(k) ? i18n.t(`kind.${k as (typeof kinds)[number]}`) : kind
}

const confidences = ['reported', 'inferred', 'unconfirmed'] as const

export function confidenceLabel(c: string): string {
  return (confidences as readonly string[]).includes(c) ? i18n.t(`confidence.${c as (typeof confidences)[number]}`) : c
}

// A date the form accepts: what the API accepts, YYYY, YYYY-MM or YYYY-MM-DD.
export const datePattern = '\\d{4}(-\\d{2}(-\\d{2})?)?'
