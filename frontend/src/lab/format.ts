import i18n, { intlLocale, type Lang } from '../i18n.ts'

// Each language's short units for large amounts, largest first, as powers
// of ten: English groups by thousands, Chinese by 万 (10^4) and 亿 (10^8).
const units: Record<Lang, { exp: number; suffix: string }[]> = {
  en: [
    { exp: 12, suffix: 'T' },
    { exp: 9, suffix: 'B' },
    { exp: 6, suffix: 'M' },
    { exp: 3, suffix: 'K' },
  ],
  zh: [
    { exp: 8, suffix: ' 亿' },
    { exp: 4, suffix: ' 万' },
  ],
}

// shifted is amount / 10^exp written exactly, with the language's digit
// grouping: the digits are moved, never rounded ("125000000", 8 → "1.25").
function shifted(amount: bigint, exp: number, lang: Lang): string {
  const digits = amount.toString().padStart(exp + 1, '0')
  const whole = BigInt(digits.slice(0, digits.length - exp))
  const fraction = exp > 0 ? digits.slice(digits.length - exp).replace(/0+$/, '') : ''
  const grouped = new Intl.NumberFormat(intlLocale[lang]).format(whole)
  return fraction ? `${grouped}.${fraction}` : grouped
}

// currencySymbol is how the language writes a currency before an amount
// ("$" and "US$" for USD); null for a code Intl does not know.
function currencySymbol(currency: string, lang: Lang): string | null {
  try {
    const parts = new Intl.NumberFormat(intlLocale[lang], { style: 'currency', currency, currencyDisplay: 'symbol' }).formatToParts(1)
    const symbol = parts.find((p) => p.type === 'currency')?.value
    // A code Intl has no symbol for comes back as the code itself.
    return symbol && symbol !== currency ? symbol : null
  } catch {
    return null
  }
}

// formatMoney writes a reported amount exactly as the source gives it, in
// the page's language, shortened only by moving the decimal point:
// "$125M" and "US$1.25 亿", "$14.3B" and "US$143 亿", never a rounded figure
// that changes the number. Without a currency the number stands alone; an
// amount that is not a whole number is written out in full.
export function formatMoney(amount: number | null, currency: string | null, lang: Lang): string {
  if (amount == null) return i18n.t('lab.notReported')
  let n: string
  if (Number.isSafeInteger(amount)) {
    const abs = BigInt(Math.abs(amount))
    const unit = units[lang].find((u) => abs >= 10n ** BigInt(u.exp))
    n = (amount < 0 ? '-' : '') + (unit ? shifted(abs, unit.exp, lang) + unit.suffix : shifted(abs, 0, lang))
  } else {
    n = new Intl.NumberFormat(intlLocale[lang], { maximumFractionDigits: 20 }).format(amount)
  }
  if (!currency) return n
  const symbol = /^[A-Z]{3}$/.test(currency) ? currencySymbol(currency, lang) : null
  return symbol ? `${symbol}${n}` : `${n} ${currency}`
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
