// journeys.test.mjs follows what a reader does across pages, on the demo
// data against the real server (THELIST_URL): from a person to their
// network, a path and their chains; from a lab to its network; money and
// caveats as reported in both languages; every candidate in the CSV; and
// the candidates page on a 390×844 phone. Screenshots go to e2e/output/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { api, outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ timeout: 20_000 })

test('a person leads to their network, a path from them and their recruitment chains', async (t) => {
  const page = await newPage(t)
  await page.goto('/#/person/matt-deitke')
  await page.getByRole('heading', { level: 1, name: 'Matt Deitke' }).waitFor()
  const explore = page.getByRole('navigation', { name: 'Explore Matt Deitke' })
  assert.equal(await explore.getByRole('link').count(), 3)

  await explore.getByRole('link', { name: 'Show network' }).click()
  await page.getByTestId('net-count').waitFor()
  assert.match(await page.getByTestId('net-count').textContent(), /^[1-9]\d* nodes/)
  // The person is selected, so their details show at once.
  await page.locator('.net-node-name', { hasText: 'Matt Deitke' }).waitFor()
  await page.locator('.net-canvas[data-layout=done]').waitFor()
  await page.screenshot({ path: join(outDir, 'journey-network.png') })

  await page.goBack()
  await page.getByRole('link', { name: 'Find a path to someone' }).click()
  await page.locator('.net-path .net-picked', { hasText: 'Matt Deitke' }).waitFor()

  await page.goto('/#/person/matt-deitke')
  await page.getByRole('link', { name: 'Recruitment chains', exact: true }).click()
  await page.getByRole('heading', { level: 1 }).filter({ hasText: 'Matt Deitke' }).waitFor()
  assert.match(page.url(), /#\/recruitment\/matt-deitke/)
})

test('a lab leads to its network and its moves; a node leads back to its page', async (t) => {
  const page = await newPage(t)
  await page.goto('/#/lab/meta')
  await page.getByRole('heading', { level: 1, name: /Meta/ }).waitFor()
  await page.getByRole('link', { name: 'Moves in and out, as a network' }).click()
  await page.getByTestId('net-count').waitFor()
  assert.match(page.url(), /kinds=MADE_MOVE%2CFROM%2CTO|kinds=MADE_MOVE,FROM,TO/)
  await page.getByRole('link', { name: "Open the lab's page" }).click()
  await page.getByRole('heading', { level: 1, name: /Meta/ }).waitFor()
})

test('money reads exactly as reported, and caveats are text, in both languages', async (t) => {
  const page = await newPage(t)
  await page.goto('/#/person/matt-deitke?lang=zh')
  await page.locator('.offers, .person-offers, section').filter({ hasText: 'US$1.25 亿' }).first().waitFor()
  assert.equal(await page.getByText('US$1.3亿').count(), 0)
  // The offer's note (unconfirmed, NYT's anonymous sources) is on the page as text.
  await page.locator('.caveat', { hasText: 'anonymous sources' }).first().waitFor()
  await page.screenshot({ path: join(outDir, 'journey-money-zh.png'), fullPage: true })
  await page.goto('/#/person/matt-deitke')
  await page.getByText(/\$125M/).first().waitFor()
})

test('the CSV holds every candidate the filter matches, not only the page loaded', async (t) => {
  const page = await newPage(t)
  const { people } = await api('{ people(first: 1) { totalCount } }')
  await page.goto('/#/candidates')
  await page.locator('ol.candidates > li').first().waitFor()
  const shown = await page.locator('ol.candidates > li').count()
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Export all \d+ rows? \(CSV\)/ }).click()])
  const file = join(outDir, 'candidates-all.csv')
  await download.saveAs(file)
  const rows = (await readFile(file, 'utf8')).slice(1).split('\r\n').filter((l) => l !== '')
  assert.equal(rows.length - 1, people.totalCount, `CSV rows (page showed ${shown})`)
  assert.ok(people.totalCount > shown, 'the demo data has more candidates than one page')
})

test('on a phone the candidates come first, the filters fold away and every control is 44 px', async (t) => {
  const page = await newPage(t, { width: 390, height: 844 })
  await page.goto('/#/candidates')
  await page.locator('ol.candidates > li').first().waitFor()
  const results = await page.locator('.cand-results').boundingBox()
  const filters = await page.locator('.facets-fold').boundingBox()
  assert.ok(results && filters && results.y < filters.y, 'results above the filters')
  assert.equal(await page.locator('.facets-fold').getAttribute('open'), null, 'filters folded')
  await page.screenshot({ path: join(outDir, 'phone-candidates.png') })
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('main button, main select, main summary, main input[type=checkbox]')]
      .filter((el) => el.getClientRects().length > 0)
      .map((el) => {
        const target = el.closest('label') ?? el
        const r = target.getBoundingClientRect()
        return { what: el.outerHTML.slice(0, 80), h: Math.round(r.height) }
      })
      .filter((x) => x.h < 44),
  )
  assert.deepEqual(small, [])
  // The lab's offers table fits the phone's width.
  await page.goto('/#/lab/meta')
  await page.locator('table.offers').waitFor()
  const width = await page.evaluate(() => document.documentElement.scrollWidth)
  assert.ok(width <= 390, `page is ${width}px wide`)
  await page.screenshot({ path: join(outDir, 'phone-lab.png'), fullPage: true })
})
