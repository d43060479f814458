// The network page's panels: what the view shows around the graph.

import { useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { messageFor } from '../graphql/client.ts'
import type { NetworkNodeKind } from './api.ts'
import { formatPartial, formatPeriod } from '../dates.ts'
import { currentLang } from '../i18n.ts'
import { labHash, personHash } from '../route.ts'
import { Sources } from '../Sources.tsx'
import { expandable, maxHops, type ExpandOutcome, type PathOutcome } from './context.ts'
import { kindColors, type Caption, type NetGraph } from './graph.ts'
import { Picker } from './Picker.tsx'
import type { Renderer } from './renderer.ts'
import type { NetState } from './state.ts'

export function Toolbar({ renderer, disabled, fileName, title, colorBy, asOf }: { renderer: Renderer | null; disabled: boolean; fileName: string; title: string; colorBy: 'kind' | 'lab'; asOf: string | null }) {
  const { t } = useTranslation()
  const download = (href: string, name: string) => {
    const a = document.createElement('a')
    a.href = href
    a.download = name
    document.body.append(a)
    a.click()
    a.remove()
  }
  const caption = (): Caption => ({
    title,
    asOf: asOf ? t('network.exportAsOf', { date: formatPartial(asOf, currentLang()) }) : t('network.exportAsOfToday', { date: formatPartial(new Date().toISOString().slice(0, 10), currentLang()) }),
    legend: colorBy === 'kind' ? (Object.keys(kindColors) as NetworkNodeKind[]).map((k) => ({ label: t(`network.nodeKind.${k}`), color: kindColors[k] })) : [],
    credit: t('network.exportCredit'),
  })
  const png = async () => {
    const blob = await renderer?.png(caption())
    if (!blob) return
    const url = URL.createObjectURL(blob)
    download(url, `${fileName}.png`)
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
  const svg = () => {
    const text = renderer?.svg(caption())
    if (!text) return
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }))
    download(url, `${fileName}.svg`)
    setTimeout(() => URL.revokeObjectURL(url), 1000)
  }
  return (
    <div className="net-toolbar" role="toolbar" aria-label={t('network.title')}>
      <button type="button" onClick={() => renderer?.zoom(0.5)} disabled={disabled}>
        {t('network.zoomIn')}
      </button>
      <button type="button" onClick={() => renderer?.zoom(2)} disabled={disabled}>
        {t('network.zoomOut')}
      </button>
      <button type="button" onClick={() => renderer?.resetCamera()} disabled={disabled}>
        {t('network.fit')}
      </button>
      <button type="button" onClick={() => renderer?.runLayout()} disabled={disabled}>
        {t('network.relayout')}
      </button>
      <button type="button" onClick={() => void png()} disabled={disabled}>
        {t('network.exportPng')}
      </button>
      <button type="button" onClick={svg} disabled={disabled}>
        {t('network.exportSvg')}
      </button>
    </div>
  )
}

export function Legend({ colorBy }: { colorBy: 'kind' | 'lab' }) {
  const { t } = useTranslation()
  if (colorBy !== 'kind') return null
  return (
    <ul className="net-legend" aria-label={t('network.legend')}>
      {(Object.keys(kindColors) as NetworkNodeKind[]).map((k) => (
        <li key={k}>
          <span className="net-swatch" style={{ background: kindColors[k] }} aria-hidden="true" />
          {t(`network.nodeKind.${k}`)}
        </li>
      ))}
    </ul>
  )
}

export function FindInGraph({ graph, version, onSelect }: { graph: NetGraph; version: number; onSelect: (key: string) => void }) {
  const { t } = useTranslation()
  const [q, setQ] = useState('')
  const matches = useMemo(() => {
    const needle = q.trim().toLowerCase()
    if (!needle) return []
    const out: { key: string; label: string }[] = []
    graph.forEachNode((key, a) => {
      if (out.length < 12 && a.label.toLowerCase().includes(needle)) out.push({ key, label: a.label })
    })
    return out
    // version says the graph changed: it is read so the list follows.
    void version
  }, [q, graph, version])
  return (
    <div className="net-find">
      <label htmlFor="network-find">{t('network.find')}</label>
      <input id="network-find" type="search" value={q} placeholder={t('network.findPlaceholder')} onChange={(e) => setQ(e.target.value)} disabled={version === 0} />
      {q.trim() && matches.length === 0 && <p className="status">{t('network.findNone')}</p>}
      {matches.length > 0 && (
        <ul>
          {matches.map((m) => (
            <li key={m.key}>
              <button type="button" onClick={() => onSelect(m.key)} translate="no">
                {m.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}

interface DetailsProps {
  graph: NetGraph
  selected: string | null
  version: number
  expanding: ExpandOutcome | null
  onExpand: (key: string) => void
  onCentre: (id: string) => void
  onPathEnd: (end: 'from' | 'to', id: string, name: string) => void
}

export function Details({ graph, selected, expanding, onExpand, onCentre, onPathEnd }: DetailsProps) {
  const { t } = useTranslation()
  const lang = currentLang()
  const node = selected && graph.hasNode(selected) ? graph.getNodeAttribute(selected, 'node') : null
  return (
    <section className="net-details" aria-labelledby="net-details-heading">
      <h2 id="net-details-heading">{t('network.details')}</h2>
      {!node || !selected ? (
        <p className="status">{t('network.noSelection')}</p>
      ) : (
        <>
          <p className="net-node-name" translate="no">
            {node.label}
          </p>
          <p className="net-node-meta">
            <span className="net-swatch" style={{ background: kindColors[node.kind] }} aria-hidden="true" />
            {t(`network.nodeKind.${node.kind}`)}
            {node.labKind ? ` · ${node.labKind}` : ''}
            {node.distance >= 0 && ` · ${t('network.distance', { count: node.distance })}`}
          </p>
          {node.currentLab && <p>{t('network.currentLab', { lab: node.currentLab.name })}</p>}
          {node.year != null && <p>{t('network.year', { year: node.year })}</p>}
          {node.date && <p>{t('network.date', { date: formatPartial(node.date, lang) })}</p>}
          {node.kind === 'PERSON' && (
            <p>
              <a href={personHash(node.id, lang)}>{t('network.openPerson')}</a>
            </p>
          )}
          {node.kind === 'LAB' && (
            <p>
              <a href={labHash(node.id, lang)}>{t('network.openLab')}</a>
            </p>
          )}
          <div className="net-actions">
            {expandable.includes(node.kind) && (
              <button type="button" onClick={() => onExpand(selected)} disabled={expanding?.key === selected && expanding.added === undefined && !expanding.error}>
                {t('network.expand')}
              </button>
            )}
            {(node.kind === 'PERSON' || node.kind === 'LAB') && node.distance !== 0 && (
              <button type="button" onClick={() => onCentre(node.id)}>
                {t('network.centreHere')}
              </button>
            )}
            {node.kind === 'PERSON' && (
              <>
                <button type="button" onClick={() => onPathEnd('from', node.id, node.label)}>
                  {t('network.pathFromHere')}
                </button>
                <button type="button" onClick={() => onPathEnd('to', node.id, node.label)}>
                  {t('network.pathToHere')}
                </button>
              </>
            )}
          </div>
          {expanding?.key === selected && (
            <p className="status" role="status">
              {expanding.error
                ? messageFor(expanding.error.code, expanding.error.detail)
                : expanding.added === undefined
                  ? t('network.expanding')
                  : t('network.expanded', { count: expanding.added })}
            </p>
          )}
        </>
      )}
    </section>
  )
}

interface PathPanelProps {
  net: NetState
  update: (patch: Partial<NetState>) => void
  nameOf: (id: string | null) => string
  onName: (id: string, name: string) => void
  load: PathOutcome | { status: 'idle' } | { status: 'loading' }
  onSelect: (key: string) => void
}

export function PathPanel({ net, update, nameOf, onName, load, onSelect }: PathPanelProps) {
  const { t } = useTranslation()
  const lang = currentLang()
  return (
    <section className="net-path" aria-labelledby="net-path-heading">
      <h2 id="net-path-heading">{t('network.path')}</h2>
      <Picker
        inputId="network-path-from"
        label={t('network.pathFrom')}
        placeholder={t('network.pathPersonPlaceholder')}
        labs={false}
        value={net.from ? { id: net.from, name: nameOf(net.from) } : null}
        onPick={(hit) => {
          if (hit) onName(hit.id, hit.name)
          update({ from: hit?.id ?? null })
        }}
      />
      <Picker
        inputId="network-path-to"
        label={t('network.pathTo')}
        placeholder={t('network.pathPersonPlaceholder')}
        labs={false}
        value={net.to ? { id: net.to, name: nameOf(net.to) } : null}
        onPick={(hit) => {
          if (hit) onName(hit.id, hit.name)
          update({ to: hit?.id ?? null })
        }}
      />
      {(net.from || net.to) && (
        <button type="button" onClick={() => update({ from: null, to: null })}>
          {t('network.pathClear')}
        </button>
      )}
      <div aria-live="polite">
        {load.status === 'loading' && <p className="status">{t('network.pathLoading')}</p>}
        {load.status === 'error' && (
          <p className="error" role="alert">
            {messageFor(load.code, load.detail)}
          </p>
        )}
        {load.status === 'done' && !load.path && <p className="status">{t('network.pathNone', { hops: maxHops })}</p>}
        {load.status === 'done' && load.path && (
          <>
            <p className="status">{t('network.pathFound', { count: load.path.steps.length })}</p>
            <ol className="net-steps">
              {load.path.steps.map((s, i) => {
                const via = s.viaLab?.name ?? s.viaPaper?.title ?? ''
                // For RECRUITED and ADVISED, inverse says the second did it to the first.
                const [a, b] = s.inverse ? [s.to.name, s.from.name] : [s.from.name, s.to.name]
                const period = s.start || s.end ? formatPeriod(s.start, s.end, lang) : ''
                return (
                  <li key={i} className="net-step">
                    <span className="net-step-people">
                      <button type="button" className="link-button" onClick={() => onSelect(`PERSON:${s.from.id}`)} translate="no">
                        {s.from.name}
                      </button>
                      {' → '}
                      <button type="button" className="link-button" onClick={() => onSelect(`PERSON:${s.to.id}`)} translate="no">
                        {s.to.name}
                      </button>
                    </span>
                    <span className="net-step-kind">
                      {t(`network.link.${s.kind}`, { via, a, b })}
                      {period && ` (${period})`}
                    </span>
                    <Sources sources={s.sources} about={`${s.from.name} – ${s.to.name}`} />
                  </li>
                )
              })}
            </ol>
          </>
        )}
      </div>
    </section>
  )
}
