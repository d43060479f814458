// security.test.mjs checks that the app and GraphiQL work under the
// server's security headers (api/http.go): a strict Content-Security-Policy
// with no inline script, and no framing. useBrowser fails a test on any
// CSP refusal the console reports.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ viewport: { width: 1280, height: 900 } })

function assertHeaders(headers, what) {
  const csp = headers['content-security-policy'] ?? ''
  assert.match(csp, /script-src 'self'(;|$)/, `${what}: CSP ${csp}`)
  assert.match(csp, /frame-ancestors 'none'/, `${what}: CSP ${csp}`)
  assert.equal(headers['x-content-type-options'], 'nosniff', what)
  assert.equal(headers['x-frame-options'], 'DENY', what)
  assert.ok(headers['referrer-policy'], `${what}: no Referrer-Policy`)
  assert.ok(headers['permissions-policy'], `${what}: no Permissions-Policy`)
}

test('the app searches and shows a person under the Content-Security-Policy', async (t) => {
  const page = await newPage(t)
  const res = await page.goto('/')
  assertHeaders(res.headers(), 'app')
  await page.getByLabel('Search people').fill('Deitke')
  await page.getByRole('link', { name: 'Matt Deitke' }).first().click()
  await page.getByRole('heading', { level: 1, name: 'Matt Deitke' }).waitFor()
  await page.locator('.stints .lab-name').first().waitFor()
})

test('GraphiQL runs a query under the Content-Security-Policy', async (t) => {
  const page = await newPage(t)
  const res = await page.goto('/graphql')
  assertHeaders(res.headers(), 'GraphiQL')
  // The editor (Monaco, with its workers) must hold the default query
  // before it can run it.
  await page.locator('.graphiql-query-editor').getByText('deitke').first().waitFor({ timeout: 30_000 })
  await page.locator('.graphiql-execute-button').click()
  await page.getByText('Matt Deitke').first().waitFor({ timeout: 30_000 })
  await page.screenshot({ path: join(outDir, 'graphiql-csp.png') })
})
