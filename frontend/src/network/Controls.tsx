// The network's controls: the centre, hops, size, colours, the date (a
// month slider and a date field for an exact day) and the kinds of links.

import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { networkEdgeTypes, type NetworkEdgeType } from './api.ts'
import { formatPartial } from '../dates.ts'
import { currentLang } from '../i18n.ts'
import { Picker } from './Picker.tsx'
import { limits, type NetState } from './state.ts'

const firstYear = 1970
const now = new Date()
// The slider counts months from January 1970; its last stop means "today":
// no asOf.
const nowStop = (now.getFullYear() - firstYear) * 12 + now.getMonth() + 1

function monthOf(asOf: string | null): number {
  if (!asOf) return nowStop
  const year = Number(asOf.slice(0, 4))
  const m = asOf.length >= 7 ? Number(asOf.slice(5, 7)) - 1 : 0
  return Math.min(nowStop, Math.max(0, (year - firstYear) * 12 + m))
}

function monthText(month: number): string {
  const year = firstYear + Math.floor(month / 12)
  return `${year}-${String((month % 12) + 1).padStart(2, '0')}`
}

function monthLabel(month: number): string {
  return formatPartial(monthText(month), currentLang())
}

interface ControlsProps {
  net: NetState
  update: (patch: Partial<NetState>) => void
  nameOf: (id: string | null) => string
  onName: (id: string, name: string) => void
}

export function Controls({ net, update, nameOf, onName }: ControlsProps) {
  const { t } = useTranslation()
  // The month slider's position while it is being dragged, for the date it
  // was dragged from; it refetches once it rests, not at every step.
  const [draft, setDraft] = useState<{ from: string | null; month: number } | null>(null)
  const month = draft && draft.from === net.asOf ? draft.month : monthOf(net.asOf)

  useEffect(() => {
    if (!draft || draft.from !== net.asOf) return
    const want = draft.month >= nowStop ? null : monthText(draft.month)
    if (want === (net.asOf ? net.asOf.slice(0, 7) : null)) return
    const timer = setTimeout(() => update({ asOf: want }), 350)
    return () => clearTimeout(timer)
  }, [draft, net.asOf, update])

  const toggleKind = (k: NetworkEdgeType, on: boolean) => {
    const current = net.kinds.length === 0 ? [...networkEdgeTypes] : net.kinds
    const next = on ? [...current, k] : current.filter((x) => x !== k)
    const ordered = networkEdgeTypes.filter((x) => next.includes(x))
    // All checked is the same as no filter; none checked is not allowed.
    if (ordered.length === 0) return
    update({ kinds: ordered.length === networkEdgeTypes.length ? [] : ordered })
  }
  const checked = (k: NetworkEdgeType) => net.kinds.length === 0 || net.kinds.includes(k)

  return (
    <div className="net-controls">
      <Picker
        inputId="network-centre"
        label={t('network.centre')}
        placeholder={t('network.centrePlaceholder')}
        labs
        value={net.id ? { id: net.id, name: nameOf(net.id) } : null}
        onPick={(hit) => {
          if (hit) onName(hit.id, hit.name)
          update({ id: hit?.id ?? null })
        }}
      />
      <div className="net-row">
        <label>
          {t('network.hops')}{' '}
          <select value={net.hops} onChange={(e) => update({ hops: Number(e.target.value) })}>
            {[1, 2, 3].map((h) => (
              <option key={h} value={h}>
                {h}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('network.limit')}{' '}
          <select value={net.limit} onChange={(e) => update({ limit: Number(e.target.value) })}>
            {[...new Set([...limits, net.limit])].map((l) => (
              <option key={l} value={l}>
                {t('network.limitNodes', { count: l })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('network.colorBy')}{' '}
          <select value={net.colorBy} onChange={(e) => update({ colorBy: e.target.value === 'lab' ? 'lab' : 'kind' })}>
            <option value="kind">{t('network.colorKind')}</option>
            <option value="lab">{t('network.colorLab')}</option>
          </select>
        </label>
        <label className="net-year">
          {t('network.asOf')}{' '}
          <input
            type="range"
            min={0}
            max={nowStop}
            step={1}
            value={month}
            aria-valuetext={month >= nowStop ? t('network.asOfNow') : monthLabel(month)}
            onChange={(e) => setDraft({ from: net.asOf, month: Number(e.target.value) })}
          />
          <output>{month >= nowStop ? t('network.asOfNow') : monthLabel(month)}</output>
        </label>
        <label className="net-day">
          {t('network.asOfDay')}{' '}
          <input
            type="date"
            min={`${firstYear}-01-01`}
            value={net.asOf && net.asOf.length === 10 ? net.asOf : ''}
            onChange={(e) => update({ asOf: /^\d{4}-\d{2}-\d{2}$/.test(e.target.value) ? e.target.value : null })}
          />
        </label>
      </div>
      <details className="net-kinds">
        <summary>
          {t('network.kinds')}: {net.kinds.length === 0 ? t('network.kindsAll') : t('network.kindsSome', { count: net.kinds.length, total: networkEdgeTypes.length })}
        </summary>
        <fieldset>
          <legend className="visually-hidden">{t('network.kinds')}</legend>
          {networkEdgeTypes.map((k) => (
            <label key={k}>
              <input type="checkbox" value={k} checked={checked(k)} onChange={(e) => toggleKind(k, e.target.checked)} /> {t(`network.edge.${k}`)}
            </label>
          ))}
          {net.kinds.length > 0 && (
            <button type="button" onClick={() => update({ kinds: [] })}>
              {t('network.kindsReset')}
            </button>
          )}
        </fieldset>
      </details>
    </div>
  )
}

