import { describe, expect, it } from 'vitest'
import { csvField, toCsv } from './csv.ts'

describe('csvField', () => {
  it('leaves a plain field as it is', () => {
    expect(csvField('plain')).toBe('plain')
    expect(csvField('Łukasz 李')).toBe('Łukasz 李')
  })

  it('quotes a comma, doubles a quote and keeps line breaks inside quotes', () => {
    expect(csvField('a, b')).toBe('"a, b"')
    expect(csvField('say "hi"')).toBe('"say ""hi"""')
    expect(csvField('two\nlines')).toBe('"two\nlines"')
    expect(csvField('two\r\nlines')).toBe('"two\r\nlines"')
  })

  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['a=1', 'a=1'],
  ])('writes %j as %j, which a spreadsheet shows and does not run', (field, want) => {
    expect(csvField(field)).toBe(want)
  })

  it('defuses a formula and then quotes what needs quoting', () => {
    expect(csvField('=HYPERLINK("http://x.example","go")')).toBe(`"'=HYPERLINK(""http://x.example"",""go"")"`)
  })

  it('writes numbers as digits and null or undefined as an empty cell', () => {
    expect(csvField(2024)).toBe('2024')
    expect(csvField(null)).toBe('')
    expect(csvField(undefined)).toBe('')
  })
})

describe('toCsv', () => {
  it('starts with a byte-order mark and ends every line in CRLF', () => {
    expect(toCsv([['a', 'b'], ['c', 'd,e']])).toBe('\uFEFFa,b\r\nc,"d,e"\r\n')
  })
})
