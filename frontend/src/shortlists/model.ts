// model turns a shortlist into its CSV export: the candidates export's
// columns (the same code writes both), then the list's own note and the
// day each person was added.
import type { CandidateSources } from '../candidates/api.ts'
import type { Shortlist } from './api.ts'
import { csvHeader, csvRow } from '../candidates/model.ts'
import { toCsv } from '../csv.ts'

export const shortlistCsvHeader = [...csvHeader, 'note', 'added']

export function shortlistCsv(list: Shortlist, sources: Map<string, CandidateSources>, today?: Date): string {
  return toCsv([
    shortlistCsvHeader,
    ...list.members.map((m) => [...csvRow(m, sources.get(m.node.id), today), m.note ?? '', m.addedAt.slice(0, 10)]),
  ])
}

// csvFilename names the export after the list, in characters every file
// system accepts.
export function csvFilename(list: Pick<Shortlist, 'name'>, today: Date = new Date()): string {
  const slug = list.name
    .normalize('NFKC')
    .replace(/[\\/:*?"<>|\s]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
  return `shortlist-${slug || 'export'}-${today.toISOString().slice(0, 10)}.csv`
}
