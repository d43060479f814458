// labs-index.test.mjs opens the labs index without typing anything: every
// lab is listed with its counts, a click on a column's heading sorts by
// it, the order survives a reload, and more labs load a page at a time;
// in English and in Chinese. Run it against a server with the demo data.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { api, outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser()

const count = async (locator) => Number((await locator.textContent()).replace(/[^\d]/g, ''))

test('the labs index lists every lab and sorts by a click on a heading', async (t) => {
  const { labs } = await api('{ labs(orderBy: JOBS, first: 3) { totalCount edges { node { lab { name } jobs } } } }')
  assert.ok(labs.totalCount > 50, 'the demo has more labs than one page')
  const page = await newPage(t)
  await page.goto('/#/labs')
  const rows = page.locator('.labs-table tbody tr')
  await rows.first().waitFor()
  assert.equal(await rows.count(), 50, 'the first page shows without typing')
  await page.getByRole('status').filter({ hasText: `50 of ${labs.totalCount} labs shown.` }).waitFor()

  // The nav leads here.
  assert.equal(await page.getByRole('link', { name: 'Labs', exact: true }).getAttribute('aria-current'), 'page')

  // Sort by jobs: the lab with the most jobs comes first, as the API says.
  await page.getByRole('button', { name: 'Jobs recorded' }).click()
  const top = labs.edges[0].node
  await page.locator('.labs-table tbody tr:first-child th > a', { hasText: top.lab.name }).waitFor()
  assert.equal(await count(rows.first().locator('td').first()), top.jobs)
  const jobs = []
  for (const r of (await rows.all()).slice(0, 10)) jobs.push(await count(r.locator('td').first()))
  assert.deepEqual(jobs, [...jobs].sort((a, b) => b - a), 'most jobs first')
  assert.equal(await page.locator('th[aria-sort=descending]').textContent(), 'Jobs recorded ▼')
  assert.match(page.url(), /sort=JOBS/)

  // A reload keeps the order; more labs load after the first 50.
  await page.reload()
  await page.locator('.labs-table tbody tr:first-child th > a', { hasText: top.lab.name }).waitFor()
  await page.getByRole('button', { name: 'Show more labs' }).click()
  await rows.nth(50).waitFor()
  const names = await page.locator('.labs-table tbody th > a').allTextContents()
  assert.equal(new Set(names).size, names.length, 'no lab twice across pages')

  // A row opens the lab's page.
  await page.getByRole('button', { name: 'Moves out (alumni)' }).click()
  await page.locator('th[aria-sort=descending]', { hasText: 'Moves out' }).waitFor()
  await page.screenshot({ path: join(outDir, 'labs-index.png'), fullPage: false })
  const first = page.locator('.labs-table tbody tr:first-child th > a').first()
  const name = await first.textContent()
  await first.click()
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor({ timeout: 30_000 })
})

test('the labs index in Chinese sorts by founding date', async (t) => {
  const page = await newPage(t)
  await page.goto('/#/labs?lang=zh')
  await page.locator('.labs-table tbody tr').first().waitFor()
  await page.getByRole('button', { name: '成立时间' }).click()
  await page.locator('th[aria-sort=descending]', { hasText: '成立时间' }).waitFor()
  const { labs } = await api('{ labs(orderBy: FOUNDED, first: 1) { edges { node { lab { name } founded } } } }')
  await page.locator('.labs-table tbody tr:first-child th > a', { hasText: labs.edges[0].node.lab.name }).waitFor()
  await page.getByRole('status').filter({ hasText: /已显示 50 家，共 \d+ 家机构。/ }).waitFor()
  await page.screenshot({ path: join(outDir, 'labs-index-zh.png'), fullPage: false })
})
