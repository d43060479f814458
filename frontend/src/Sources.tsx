import { useTranslation } from 'react-i18next'
import type { Source } from './graphql/types.ts'
import { formatPartial } from './dates.ts'
import { currentLang } from './i18n.ts'

interface Props {
  sources: Source[]
  // about names what the sources back, for screen readers that list every
  // "source" toggle on the page without their surroundings.
  about: string
  // tabIndex of the toggle, for a composite widget (the recruitment tree)
  // that keeps only its current item's controls in the Tab order.
  tabIndex?: number
}

// Sources keeps every claim's evidence one click away without letting the
// citations crowd out the facts they back. Titles and publishers are data,
// shown in the language they were published in.
export function Sources({ sources, about, tabIndex }: Props) {
  const { t } = useTranslation()
  const lang = currentLang()
  if (sources.length === 0) {
    return <span className="sources-none">{t('sources.none')}</span>
  }
  return (
    <details className="sources">
      <summary tabIndex={tabIndex}>
        {t('sources.toggle', { count: sources.length })}
        <span className="visually-hidden">{t('sources.about', { about })}</span>
      </summary>
      <ul>
        {sources.map((s) => (
          <li key={s.id} className="source">
            <cite>
              {s.url ? (
                <a href={s.url} target="_blank" rel="noopener noreferrer">
                  {s.title}
                  <span className="visually-hidden">{t('sources.newTab')}</span>
                </a>
              ) : (
                s.title
              )}
            </cite>
            <span className="source-meta">
              {s.date ? t('sources.meta', { publisher: s.publisher, date: formatPartial(s.date, lang) }) : s.publisher}
            </span>
            {s.note && <span className="source-note">{s.note}</span>}
          </li>
        ))}
      </ul>
    </details>
  )
}
