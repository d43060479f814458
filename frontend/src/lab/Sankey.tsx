import { useId, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { currentLang } from '../i18n.ts'
import { labHash } from '../route.ts'
import { layoutSankey, type SankeyInput } from './sankey.ts'

interface Props {
  labName: string
  // id '' is the alumni whose next lab no record gives: drawn, not linked.
  flows: SankeyInput[]
}

// Sankey draws where the lab's alumni went: a band per destination, as wide
// as the people who went there. Pointing at a band, or tabbing to it, names
// the people; the same names are in the table below for those who cannot
// see the chart.
export function Sankey({ labName, flows }: Props) {
  const { t } = useTranslation()
  const lang = currentLang()
  const [active, setActive] = useState<number | null>(null)
  const captionId = useId()
  const layout = layoutSankey(flows)
  const shown = active === null ? null : layout.bands[active]
  const { source } = layout

  return (
    <figure className="sankey">
      <svg
        viewBox={`0 0 ${layout.width} ${layout.height}`}
        role="group"
        aria-label={t('lab.sankeyLabel', { lab: labName, count: flows.reduce((n, f) => n + f.count, 0) })}
        aria-describedby={captionId}
        onMouseLeave={() => setActive(null)}
      >
        <rect className="sankey-node" x={source.x} y={source.y0} width={layout.nodeWidth} height={Math.max(source.y1 - source.y0, 1)} />
        <text className="sankey-source-label notranslate" x={source.x - 8} y={(source.y0 + source.y1) / 2} textAnchor="end" dominantBaseline="middle">
          {labName}
        </text>
        {layout.bands.map((b, i) => (
          <g
            key={b.id || '?'}
            className={`sankey-band${b.id ? '' : ' unknown'}${active === i ? ' active' : ''}`}
            tabIndex={0}
            role="img"
            aria-label={t('lab.bandLabel', { lab: b.label, count: b.count, names: b.people.join(', ') })}
            onMouseEnter={() => setActive(i)}
            onFocus={() => setActive(i)}
            onBlur={() => setActive((a) => (a === i ? null : a))}
          >
            <path d={b.path}>
              <title>{`${b.label}: ${b.people.join(', ')}`}</title>
            </path>
            <rect className="sankey-node" x={layout.targetX} y={b.ty0} width={layout.nodeWidth} height={Math.max(b.ty1 - b.ty0, 1)} />
          </g>
        ))}
        {layout.bands.map((b) => {
          const y = (b.ty0 + b.ty1) / 2
          const x = layout.targetX + layout.nodeWidth + 6
          const text = `${b.label} (${b.count})`
          return b.id ? (
            <a key={b.id} href={labHash(b.id, lang)} className="sankey-target-label">
              <text x={x} y={y} dominantBaseline="middle" className="notranslate">
                {text}
              </text>
            </a>
          ) : (
            <text key="?" className="sankey-target-label unknown" x={x} y={y} dominantBaseline="middle">
              {text}
            </text>
          )
        })}
      </svg>
      <figcaption id={captionId} aria-live="polite">
        {shown ? (
          <>
            <strong translate="no">{shown.label}</strong>
            {': '}
            <span translate="no">{shown.people.join(', ')}</span>
          </>
        ) : (
          t('lab.sankeyHint')
        )}
      </figcaption>
    </figure>
  )
}
