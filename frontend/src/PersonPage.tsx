import { useEffect, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { ApiError, getPerson, messageFor, type Degree, type Person } from './api.ts'
import { formatPeriod, sortStints } from './dates.ts'
import i18n, { currentLang } from './i18n.ts'
import { labHash, personHash } from './route.ts'
import { Sources } from './Sources.tsx'
import { Timeline } from './Timeline.tsx'

type State =
  | { status: 'loading' }
  | { status: 'done'; person: Person }
  | { status: 'missing' }
  // The error keeps its code, not its words, so a language switch rewords it.
  | { status: 'error'; code: string; detail?: string }

interface Props {
  id: string
  backHref: string
}

export function PersonPage({ id, backHref }: Props) {
  const { t } = useTranslation()
  const [state, setState] = useState<State>({ status: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    const ctl = new AbortController()
    setState({ status: 'loading' })
    getPerson(id, ctl.signal).then(
      (person) => setState(person ? { status: 'done', person } : { status: 'missing' }),
      (err: unknown) => {
        if (ctl.signal.aborted) return
        if (err instanceof ApiError && err.code === 'NOT_FOUND') {
          setState({ status: 'missing' })
          return
        }
        setState(err instanceof ApiError ? { status: 'error', code: err.code, detail: err.message } : { status: 'error', code: 'INTERNAL' })
      },
    )
    return () => ctl.abort()
  }, [id, attempt])

  useEffect(() => {
    if (state.status === 'done') document.title = t('app.title', { page: state.person.name })
    else if (state.status === 'missing') document.title = t('app.title', { page: t('common.notFound') })
  }, [state, t])

  return (
    <div className="person-page">
      <nav className="back">
        <a href={backHref}>{t('person.back')}</a>
      </nav>
      {state.status === 'loading' && (
        <p className="status" role="status">
          {t('common.loading')}
        </p>
      )}
      {state.status === 'missing' && (
        <div className="error" role="alert">
          <h1>{t('common.notFound')}</h1>
          <p>{t('person.noSuchId', { id })}</p>
        </div>
      )}
      {state.status === 'error' && (
        <div className="error" role="alert">
          <p>{messageFor(state.code, state.detail)}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            {t('common.tryAgain')}
          </button>
        </div>
      )}
      {state.status === 'done' && <PersonView person={state.person} />}
    </div>
  )
}

function PersonView({ person }: { person: Person }) {
  const { t } = useTranslation()
  const lang = currentLang()
  const heading = useRef<HTMLHeadingElement>(null)
  const stints = sortStints(person.stints)

  // Focus moves to the heading so a keyboard or screen-reader user lands on
  // the new page rather than on a link that no longer exists.
  useEffect(() => {
    heading.current?.focus()
  }, [person.id])

  return (
    <article className="person">
      <header className="person-header">
        {/* Names are data: shown as they are, the native one in its own
            script, and kept from machine translation. */}
        <h1 ref={heading} tabIndex={-1} translate="no">
          {person.name}
        </h1>
        {person.nativeName && (
          <p className="native-name" translate="no" dir="auto">
            {person.nativeName}
          </p>
        )}
        <Sources sources={person.sources} about={person.name} />
      </header>

      <section aria-labelledby="labs-heading">
        <h2 id="labs-heading">{t('person.labs')}</h2>
        {stints.length === 0 ? (
          <p className="status">{t('person.noLabs')}</p>
        ) : (
          <>
            <Timeline stints={stints} />
            <ol className="stints">
              {stints.map((s) => (
                <li key={s.id} className="stint">
                  <span className="stint-period">{formatPeriod(s.start, s.end, lang)}</span>
                  <span className="stint-body">
                    <a className="lab-name" href={labHash(s.lab.id, lang)} translate="no">
                      {s.lab.name}
                    </a>
                    <span className={`lab-kind kind-${s.lab.kind.toLowerCase()}`}>
                      {labKind(s.lab.kind)}
                      {s.lab.country && ` · ${s.lab.country}`}
                    </span>
                    {s.role && <span className="role">{s.role}</span>}
                    {s.confidence !== 'reported' && (
                      <span className={`confidence confidence-${s.confidence}`} title={s.note ?? undefined}>
                        {confidenceLabel(s.confidence)}
                      </span>
                    )}
                  </span>
                  <Sources sources={s.sources} about={`${s.lab.name}, ${formatPeriod(s.start, s.end, lang)}`} />
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      {person.degrees.length > 0 && (
        <section aria-labelledby="degrees-heading">
          <h2 id="degrees-heading">{t('person.education')}</h2>
          <ol className="stints degrees">
            {sortStints(person.degrees).map((d) => (
              <li key={d.id} className="stint degree">
                <span className="stint-period">{formatPeriod(d.start, d.end, lang)}</span>
                <span className="stint-body">
                  <a className="lab-name" href={labHash(d.lab.id, lang)} translate="no">
                    {d.lab.name}
                  </a>
                  <span className="role">{describeDegree(d)}</span>
                  {d.advisorId && (
                    <span className="advisor">
                      {t('person.advisor')}
                      <a href={personHash(d.advisorId, lang)} translate="no">
                        {d.advisorName ?? d.advisorId}
                      </a>
                    </span>
                  )}
                </span>
                <Sources sources={d.sources} about={`${d.lab.name}, ${describeDegree(d)}`} />
              </li>
            ))}
          </ol>
        </section>
      )}
    </article>
  )
}

// Kinds, confidences and degrees are fixed words in the data (see
// docs/data-format.md), so they are translated; one the locale files do not
// know yet is shown as it is rather than hidden.
const kinds = ['company', 'university', 'institute', 'startup', 'investor', 'media', 'other'] as const
const confidences = ['reported', 'inferred', 'unconfirmed'] as const
const degreeNames = ['phd', 'masters', 'bachelors', 'other'] as const

function known<T extends string>(list: readonly T[], s: string): s is T {
  return (list as readonly string[]).includes(s)
}

function labKind(kind: string): string {
  const k = kind.toLowerCase()
  return known(kinds, k) ? i18n.t(`kind.${k}`) : kind
}

function confidenceLabel(c: string): string {
  return known(confidences, c) ? i18n.t(`confidence.${c}`) : c
}

// describeDegree says what was studied and how it ended, claiming only what
// the data says: completed null means no source reports it either way.
export function describeDegree(d: Pick<Degree, 'degree' | 'field' | 'completed'>): string {
  const name = known(degreeNames, d.degree) ? i18n.t(`degree.${d.degree}`) : d.degree
  const what = d.field ? i18n.t('degree.inField', { degree: name, field: d.field }) : name
  if (d.completed === true) return i18n.t('degree.completed', { what })
  if (d.completed === false) return i18n.t('degree.left', { what })
  return what
}
