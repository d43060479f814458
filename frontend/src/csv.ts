// csv writes every CSV export of the site (candidates, shortlists, a lab's
// alumni): RFC 4180 text that spreadsheets open as written, handed to the
// browser as a file.

// CsvValue is what a cell may hold; null and undefined write an empty cell.
export type CsvValue = string | number | null | undefined

// csvField quotes a field as RFC 4180 says when it holds a comma, a quote
// or a line break. A field a spreadsheet would run as a formula (=, +, -, @)
// gets a leading apostrophe, so opening the export cannot run anything.
export function csvField(v: CsvValue): string {
  const s = v == null ? '' : String(v)
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s
  return /[",\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

// toCsv starts with a byte-order mark, without which Excel reads UTF-8 as
// the local code page and garbles names such as Łukasz; lines end in CRLF.
export function toCsv(rows: readonly (readonly CsvValue[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n'
}

// downloadCsv hands the CSV to the browser as a file; nothing leaves the page.
export function downloadCsv(text: string, filename: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const a = document.createElement('a')
  a.href = url
  a.download = filename
  a.hidden = true
  document.body.append(a)
  a.click()
  a.remove()
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
