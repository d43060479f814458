import type { Source } from './api.ts'
import { formatPartial } from './dates.ts'

interface Props {
  sources: Source[]
  // about names what the sources back, for screen readers that list every
  // "source" toggle on the page without their surroundings.
  about: string
}

// Sources keeps every claim's evidence one click away without letting the
// citations crowd out the facts they back.
export function Sources({ sources, about }: Props) {
  if (sources.length === 0) {
    return <span className="sources-none">no source</span>
  }
  return (
    <details className="sources">
      <summary>
        {sources.length === 1 ? 'source' : `${sources.length} sources`}
        <span className="visually-hidden"> for {about}</span>
      </summary>
      <ul>
        {sources.map((s) => (
          <li key={s.id} className="source">
            <cite>
              {s.url ? (
                <a href={s.url} target="_blank" rel="noopener noreferrer">
                  {s.title}
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>
              ) : (
                s.title
              )}
            </cite>
            <span className="source-meta">
              {s.publisher}
              {s.date && <>, {formatPartial(s.date)}</>}
            </span>
            {s.note && <span className="source-note">{s.note}</span>}
          </li>
        ))}
      </ul>
    </details>
  )
}
