import { useEffect, useRef, useState } from 'react'
import { ApiError, getPerson, messageFor, type Degree, type Person } from './api.ts'
import { formatPeriod, sortStints } from './dates.ts'
import { Sources } from './Sources.tsx'
import { Timeline } from './Timeline.tsx'

type State =
  | { status: 'loading' }
  | { status: 'done'; person: Person }
  | { status: 'missing' }
  | { status: 'error'; message: string }

interface Props {
  id: string
  backHref: string
}

export function PersonPage({ id, backHref }: Props) {
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
        const message = err instanceof ApiError ? err.message : messageFor('INTERNAL')
        setState({ status: 'error', message })
      },
    )
    return () => ctl.abort()
  }, [id, attempt])

  useEffect(() => {
    if (state.status === 'done') document.title = `${state.person.name} · The List`
    else if (state.status === 'missing') document.title = 'Not found · The List'
  }, [state])

  return (
    <div className="person-page">
      <nav className="back">
        <a href={backHref}>← Back to search</a>
      </nav>
      {state.status === 'loading' && (
        <p className="status" role="status">
          Loading…
        </p>
      )}
      {state.status === 'missing' && (
        <div className="error" role="alert">
          <h1>Not found</h1>
          <p>No one in the list has the id “{id}”.</p>
        </div>
      )}
      {state.status === 'error' && (
        <div className="error" role="alert">
          <p>{state.message}</p>
          <button type="button" onClick={() => setAttempt((n) => n + 1)}>
            Try again
          </button>
        </div>
      )}
      {state.status === 'done' && <PersonView person={state.person} />}
    </div>
  )
}

function PersonView({ person }: { person: Person }) {
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
        <h1 ref={heading} tabIndex={-1}>
          {person.name}
        </h1>
        {person.nativeName && <p className="native-name">{person.nativeName}</p>}
        <Sources sources={person.sources} about={person.name} />
      </header>

      <section aria-labelledby="labs-heading">
        <h2 id="labs-heading">Labs over time</h2>
        {stints.length === 0 ? (
          <p className="status">No labs recorded yet.</p>
        ) : (
          <>
            <Timeline stints={stints} />
            <ol className="stints">
              {stints.map((s) => (
                <li key={s.id} className="stint">
                  <span className="stint-period">{formatPeriod(s.start, s.end)}</span>
                  <span className="stint-body">
                    <span className="lab-name">{s.lab.name}</span>
                    <span className={`lab-kind kind-${s.lab.kind.toLowerCase()}`}>
                      {s.lab.kind}
                      {s.lab.country && ` · ${s.lab.country}`}
                    </span>
                    {s.role && <span className="role">{s.role}</span>}
                    {s.confidence !== 'reported' && (
                      <span className={`confidence confidence-${s.confidence}`} title={s.note ?? undefined}>
                        {s.confidence}
                      </span>
                    )}
                  </span>
                  <Sources sources={s.sources} about={`${s.lab.name}, ${formatPeriod(s.start, s.end)}`} />
                </li>
              ))}
            </ol>
          </>
        )}
      </section>

      {person.degrees.length > 0 && (
        <section aria-labelledby="degrees-heading">
          <h2 id="degrees-heading">Education</h2>
          <ol className="stints degrees">
            {sortStints(person.degrees).map((d) => (
              <li key={d.id} className="stint degree">
                <span className="stint-period">{formatPeriod(d.start, d.end)}</span>
                <span className="stint-body">
                  <span className="lab-name">{d.lab.name}</span>
                  <span className="role">{describeDegree(d)}</span>
                  {d.advisorId && (
                    <span className="advisor">
                      advisor: <a href={`#/person/${encodeURIComponent(d.advisorId)}`}>{d.advisorName ?? d.advisorId}</a>
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

const degreeNames: Record<string, string> = { phd: 'PhD', masters: "Master's", bachelors: "Bachelor's", other: 'Studies' }

// describeDegree says what was studied and how it ended, claiming only what
// the data says: completed null means no source reports it either way.
export function describeDegree(d: Pick<Degree, 'degree' | 'field' | 'completed'>): string {
  const name = degreeNames[d.degree] ?? d.degree
  const what = d.field ? `${name} in ${d.field}` : name
  if (d.completed === true) return `${what}, completed`
  if (d.completed === false) return `${what}, left before finishing`
  return what
}
