import type { Alumnus } from './api.ts'
import { toCsv } from '../csv.ts'

export const alumniColumns = [
  'person_id',
  'name',
  'left',
  'left_by',
  'role',
  'next_lab_id',
  'next_lab',
  'next_date',
  'next_confidence',
  'sources',
] as const

// alumniCSV is the alumni table as shown, one row per alumnus, with the
// URLs of the sources behind the departure and the next lab.
export function alumniCSV(alumni: readonly Alumnus[]): string {
  const rows = alumni.map((a) => {
    const urls = [...(a.stint?.sources ?? []), ...(a.next?.sources ?? [])].map((s) => s.url ?? s.title)
    return [
      a.person.id,
      a.person.name,
      a.left,
      a.leftBy,
      a.stint?.role ?? '',
      a.next?.lab.id ?? '',
      a.next?.lab.name ?? '',
      a.next?.date ?? '',
      a.next?.confidence ?? '',
      [...new Set(urls)].join(' '),
    ]
  })
  return toCsv([alumniColumns, ...rows])
}
