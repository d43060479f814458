import { useTranslation } from 'react-i18next'
import type { Stint } from './person/api.ts'
import { parsePartial, yearPosition } from './dates.ts'

// TimelineMark is a dated event drawn as a point on its own row, such as
// an offer or a move; label names the row, and event is drawn as its shape
// (a diamond for an offer, a circle for a move).
export interface TimelineMark {
  id: string
  date: string | null
  label: string
  kind: string
  event?: 'offer' | 'move'
}

// TimelineSpan is a period at a lab: a stint, or a course of study.
export type TimelineSpan = Pick<Stint, 'id' | 'lab' | 'start' | 'end'>

interface Props {
  // stints and studies arrive already in display order.
  stints: TimelineSpan[]
  studies?: TimelineSpan[]
  marks?: TimelineMark[]
  now?: Date
}

interface Bar {
  stint: TimelineSpan
  from: number
  to: number
  open: boolean
  study: boolean
}

// Timeline is a picture of the list beside it, so it is hidden from
// assistive technology, which reads the list instead.
export function Timeline({ stints, studies = [], marks = [], now = new Date() }: Props) {
  const { t } = useTranslation()
  const nowPos = now.getFullYear() + now.getMonth() / 12 + (now.getDate() - 1) / 365.25
  const bars: Bar[] = []
  const spans = [...studies.map((s) => ({ s, study: true })), ...stints.map((s) => ({ s, study: false }))]
  for (const { s: stint, study } of spans) {
    const start = parsePartial(stint.start)
    if (!start) continue
    const end = parsePartial(stint.end)
    const from = yearPosition(start, 'start')
    // An end before its start is a data error; a sliver still shows the stint.
    const to = Math.max(end ? yearPosition(end, 'end') : Math.max(nowPos, from), from + 1 / 12)
    bars.push({ stint, from, to, open: !end, study })
  }
  // An undated mark cannot be placed; the list beside the timeline has it.
  const points = marks.flatMap((mark) => {
    const d = parsePartial(mark.date)
    return d ? [{ mark, at: yearPosition(d, 'start') }] : []
  })
  if (bars.length === 0 && points.length === 0) return null

  const first = Math.floor(Math.min(...bars.map((b) => b.from), ...points.map((p) => p.at)))
  const last = Math.ceil(Math.max(...bars.map((b) => b.to), ...points.map((p) => p.at + 1 / 12)))
  const span = Math.max(last - first, 1)
  const step = tickStep(span)
  const ticks: number[] = []
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) ticks.push(y)
  const pct = (y: number) => `${((y - first) / span) * 100}%`
  const unplaced = stints.length - bars.filter((b) => !b.study).length

  return (
    <figure className="timeline" aria-hidden="true">
      <div className="timeline-rows">
        {bars.map((b) => (
          <div className={b.study ? 'timeline-row timeline-study-row' : 'timeline-row'} key={`${b.study ? 'study' : 'stint'}:${b.stint.id}`}>
            <span className="timeline-label" title={b.stint.lab.name} translate="no">
              {b.stint.lab.name}
            </span>
            <span className="timeline-track">
              <span
                className={`timeline-bar kind-${cssIdent(b.stint.lab.kind)}${b.open ? ' open' : ''}${b.study ? ' study' : ''}`}
                style={{ left: pct(b.from), width: `calc(${pct(b.to)} - ${pct(b.from)})` }}
              />
            </span>
          </div>
        ))}
        {points.map(({ mark, at }) => (
          <div className="timeline-row timeline-mark-row" key={mark.id}>
            <span className="timeline-label" title={mark.label}>
              {mark.label}
            </span>
            <span className="timeline-track">
              <span className={`timeline-mark kind-${cssIdent(mark.kind)}${mark.event === 'move' ? ' move' : ''}`} style={{ left: pct(at) }} />
            </span>
          </div>
        ))}
        <div className="timeline-row timeline-axis">
          <span className="timeline-label" />
          <span className="timeline-track">
            {ticks.map((y, i) => (
              <span className={`timeline-tick${i % 2 === 1 ? ' minor' : ''}`} key={y} style={{ left: pct(y) }}>
                {y}
              </span>
            ))}
          </span>
        </div>
      </div>
      {unplaced > 0 && (
        <figcaption>{t('timeline.unplaced', { count: unplaced })}</figcaption>
      )}
    </figure>
  )
}

// tickStep keeps the axis to about eight labels however long a career is.
function tickStep(span: number): number {
  for (const step of [1, 2, 5, 10, 20, 50]) {
    if (span / step <= 8) return step
  }
  return 100
}

function cssIdent(s: string): string {
  return s.toLowerCase().replace(/[^a-z0-9-]/g, '-')
}
