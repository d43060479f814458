import { describe, expect, it } from 'vitest'
import '../i18n.ts'
import { wordReason, type Reason } from './reasons.ts'

const reason = (r: Partial<Reason> & Pick<Reason, 'condition'>): Reason => ({ asked: null, asOf: null, count: null, values: [], records: [], ...r })
const stint = { kind: 'stint', id: 'st1', labId: 'google', labName: 'Google', label: 'researcher', start: '2013-03', end: null, breakthrough: false, citations: null }
const move = { kind: 'move', id: 'm1', labId: 'meta', labName: 'Meta', label: null, start: '2025-06', end: null, breakthrough: false, citations: null }

describe('reasons in words', () => {
  it('words each condition in English and in Chinese from the same data', () => {
    const cases: [Reason, string, string][] = [
      [reason({ condition: 'topLab', records: [stint] }), 'Top lab: Google · researcher · from Mar 2013', '顶尖实验室：Google · researcher · 2013年3月起'],
      [reason({ condition: 'movedSince', asked: '2025', records: [move] }), 'Moved since 2025: to Meta, Jun 2025', '2025年以来有过跳槽：去往 Meta，2025年6月'],
      [reason({ condition: 'neverAt', values: ['Google', 'Meta'] }), 'Never at Google; Meta', '从未任职于 Google；Meta'],
      [reason({ condition: 'minCitations', asked: '5000', count: 12345 }), '12,345 citations (at least 5,000 asked)', '被引 12,345 次（要求至少 5,000 次）'],
      [reason({ condition: 'notCurrentlyAt', values: ['Meta'] }), 'Not at Meta now', '目前不在 Meta'],
      [
        reason({ condition: 'notCurrentlyAt', values: ['Google'], records: [{ ...stint, end: '2019-05' }] }),
        'Not at Google now (was: Google · researcher · Mar 2013 – May 2019)',
        '目前不在 Google（曾任：Google · researcher · 2013年3月 – 2019年5月）',
      ],
      [reason({ condition: 'roleKeywords', asked: 'current', values: ['research'], records: [stint] }), 'Current title matches research: Google · researcher · from Mar 2013', '当前职位含 research：Google · researcher · 2013年3月起'],
      [reason({ condition: 'roleKeywords', asked: 'anyJob', values: ['research'], records: [stint] }), 'Held a title matching research: Google · researcher · from Mar 2013', '曾任职位含 research：Google · researcher · 2013年3月起'],
    ]
    for (const [r, en, zh] of cases) {
      expect(wordReason(r, 'en')).toBe(en)
      expect(wordReason(r, 'zh')).toBe(zh)
    }
  })
})
