// graphql-http-audit.test.mjs runs graphql-http's audit of the
// GraphQL-over-HTTP spec (auditServer) against the real server: every
// MUST passes, and no SHOULD that passed when the audit was added (23 of
// 23) fails now. MAY is reported, not asserted: docs/api.md says which
// choices the server made where the spec leaves them open.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { auditServer } from 'graphql-http'
import { baseURL } from './browser.mjs'

// The audit sends about sixty requests at once from one address, which the
// server's rate limit (on in production, off in scripts/e2e.sh) may answer with
// 429 and Retry-After; the audit is of the GraphQL answers, so a refused
// request waits as the server says and is sent again.
async function patientFetch(input, init) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(input, init)
    if (res.status !== 429 || attempt === 10) return res
    const wait = Number(res.headers.get('retry-after')) || 1
    await new Promise((resolve) => setTimeout(resolve, wait * 1000))
  }
}

test('the server passes the GraphQL-over-HTTP audit', async () => {
  const results = await auditServer({ url: `${baseURL}/graphql`, fetchFn: patientFetch })
  const count = (level, status) => results.filter((r) => r.name.startsWith(level) && (!status || r.status === status)).length
  for (const level of ['MUST', 'SHOULD', 'MAY']) {
    console.log(`${level}: ${count(level, 'ok')} of ${count(level)} pass`)
  }
  for (const r of results.filter((r) => r.status !== 'ok')) {
    console.log(`${r.status}: ${r.name}: ${r.reason}`)
  }
  const failed = (level) => results.filter((r) => r.name.startsWith(level) && r.status !== 'ok').map((r) => `${r.name}: ${r.reason}`)
  assert.deepEqual(failed('MUST'), [], 'every MUST passes')
  assert.deepEqual(failed('SHOULD'), [], 'every SHOULD passes')
  assert.ok(count('MUST') >= 13 && count('SHOULD') >= 23, `the audit has the checks it had (MUST ${count('MUST')}, SHOULD ${count('SHOULD')})`)
})
