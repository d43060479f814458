import type { Alumnus } from '../api.ts'

// CSV follows RFC 4180: fields with a comma, quote or line break are quoted,
// quotes doubled, lines ended by CRLF. A field a spreadsheet would run as a
// formula (=, +, -, @ first) is prefixed with an apostrophe.
export function csvField(v: string | number | null | undefined): string {
  let s = v == null ? '' : String(v)
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCSV(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n'
}

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
  return toCSV([[...alumniColumns], ...rows])
}
