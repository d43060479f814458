// axe.test.mjs runs axe-core on every page of the app, in English and in
// Chinese, against the real server and the demo data (THELIST_URL), and
// fails on any violation, listing each rule with the elements it found.
// axe is handed to the page through the DevTools protocol (page.evaluate),
// not as a <script>, so the app's Content Security Policy stays as served.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ timeout: 20_000 })
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

// Each page, and what shows once it has loaded.
const pages = [
  { name: 'search', hash: '#/?q=deitke', ready: '.search a[href^="#/person/"]' },
  { name: 'person', hash: '#/person/matt-deitke', ready: '.stints' },
  { name: 'recruitment', hash: '#/recruitment/mark-zuckerberg', ready: '[role=tree]' },
  { name: 'labs', hash: '#/labs?sort=JOBS', ready: '.labs-table tbody tr' },
  { name: 'lab', hash: '#/lab/meta', ready: '#lab-offers' },
  { name: 'network', hash: '#/network?id=matt-deitke&hops=1', ready: '[data-testid=net-count]' },
  { name: 'candidates', hash: '#/candidates', ready: 'ol.candidates' },
  { name: 'shortlists', hash: '#/shortlists', ready: 'h1' },
]

for (const lang of ['en', 'zh']) {
  for (const p of pages) {
    test(`axe finds no violations on the ${p.name} page in ${lang}`, async (t) => {
      const page = await newPage(t)
      const sep = p.hash.includes('?') ? '&' : '?'
      await page.goto(`/${p.hash}${lang === 'zh' ? `${sep}lang=zh` : ''}`)
      await page.locator(p.ready).first().waitFor()
      // Let the page settle: late sections, focus moves.
      await page.waitForTimeout(300)
      await page.evaluate(axeSource)
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ['violations'] })
        return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
      })
      if (violations.length > 0) await page.screenshot({ path: join(outDir, `axe-${p.name}-${lang}.png`), fullPage: true })
      assert.deepEqual(violations, [], `${p.name} (${lang}): ${JSON.stringify(violations, null, 1)}`)
    })
  }
}
