// browser.mjs is what every browser test shares: the server under test
// (THELIST_URL), where screenshots go, and Debian's Chromium driven by
// playwright-core, started once per test file with the flags this closed
// network needs (no background connections, no sandbox as root).
import { after, before } from 'node:test'
import assert from 'node:assert/strict'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium } from 'playwright-core'

export const baseURL = process.env.THELIST_URL || 'http://127.0.0.1:8080'
export const outDir = join(dirname(fileURLToPath(import.meta.url)), 'output')

// launchChromium starts Debian's Chromium headless with those flags; the
// browser tests and the frontend benchmark (bench/frontend) both use it.
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
}

// useBrowser starts Chromium before the file's tests and closes it after,
// and returns newPage(t, viewport?): a page in a fresh context that fails
// the test on any uncaught error in the page, or anything its
// Content-Security-Policy refused, which would otherwise pass silently
// while the page showed nothing.
export function useBrowser({ viewport = { width: 1280, height: 900 }, timeout = 10_000 } = {}) {
  let browser
  before(async () => {
    await mkdir(outDir, { recursive: true })
    browser = await launchChromium()
  })
  after(async () => {
    await browser?.close()
  })
  return async function newPage(t, pageViewport = viewport) {
    const context = await browser.newContext({ baseURL, viewport: pageViewport, acceptDownloads: true })
    t.after(() => context.close())
    const page = await context.newPage()
    const errors = []
    page.on('pageerror', (err) => errors.push(err))
    t.after(() => assert.deepEqual(errors, [], 'uncaught errors in the page'))
    // The server's Content-Security-Policy (api/http.go) blocks what it
    // does not allow without failing the page, and Chromium says so only
    // in the console: any such refusal fails the test.
    const refused = []
    page.on('console', (msg) => {
      if (/Content[- ]Security[- ]Policy/i.test(msg.text())) refused.push(msg.text())
    })
    t.after(() => assert.deepEqual(refused, [], 'the page broke its Content-Security-Policy'))
    page.setDefaultTimeout(timeout)
    return page
  }
}

// api asks the server directly, without a key, so a test learns what the
// demo data holds rather than assume it.
export async function api(query, variables = {}) {
  const res = await fetch(new URL('/graphql', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  })
  const body = await res.json()
  assert.equal(body.errors, undefined, JSON.stringify(body.errors))
  return body.data
}
