// lab-flows.test.mjs opens Meta's page and reads who came from where and
// where they went, by year: a chart with a bar each way per year, and a
// table whose rows name the people with their sources; in both languages.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { api, outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ timeout: 30_000 })

test("Meta's page shows moves in as well as out, by year, with sources", async (t) => {
  const { inflows, outflows } = await api(`{
    inflows: talentFlows(to: "meta") { count flows { from { name } count } }
    outflows: talentFlows(from: "meta") { count }
  }`)
  assert.ok(inflows.count > 0 && outflows.count > 0, 'the demo has moves both ways')
  const page = await newPage(t)
  await page.goto('/#/lab/meta')
  const section = page.locator('section.lab-flows')
  await section.getByRole('heading', { name: 'Moves in and out' }).waitFor()
  await section.getByText(`${inflows.count} dated moves in, ${outflows.count} dated moves out.`).waitFor()

  // The chart: a bar each way per year, named for screen readers.
  const years = section.locator('.flow-years li')
  assert.ok((await years.count()) >= 2)
  const labels = await years.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')))
  const total = labels.reduce((n, l) => n + Number(/: (\d+) came in/.exec(l)[1]), 0)
  assert.equal(total, inflows.count, `the bars add up to the moves in: ${labels.join('; ')}`)

  // The table: the lab most people came from, with people and sources.
  const topFrom = [...inflows.flows].filter((f) => f.from).sort((a, b) => b.count - a.count)[0].from.name
  const row = section.locator('.flow-table tbody tr.flow-in', { has: page.locator('td a', { hasText: topFrom }) }).first()
  await row.waitFor()
  assert.equal(await row.locator('td').first().textContent(), 'came from')
  await row.locator('.flow-people li a').first().waitFor()
  await row.locator('.sources summary').first().click()
  assert.match(await row.locator('.source a').first().getAttribute('href'), /^https?:\/\//)
  assert.ok((await section.locator('.flow-table tbody tr.flow-out').count()) > 0, 'moves out too')
  await section.scrollIntoViewIfNeeded()
  await section.screenshot({ path: join(outDir, 'lab-flows.png') })
})

test('the moves in and out read in Chinese', async (t) => {
  const page = await newPage(t)
  await page.goto('/#/lab/meta?lang=zh')
  const section = page.locator('section.lab-flows')
  await section.getByRole('heading', { name: '人员流入与流出' }).waitFor()
  await section.locator('.flow-table tbody tr.flow-in td', { hasText: '来自' }).first().waitFor()
  await section.locator('.flow-table tbody tr.flow-out td', { hasText: '去往' }).first().waitFor()
  assert.match(await section.locator('.flow-years li').first().getAttribute('aria-label'), /^\d{4}年：流入 \d+ 人，流出 \d+ 人$/)
  await section.screenshot({ path: join(outDir, 'lab-flows-zh.png') })
})

// The table names a few people a row; "Show all" reads the rest of that row
// (one period, one lab), the same moves the row counts.
test("a row's rest of the people loads on demand", async (t) => {
  const { inflows } = await api(`{ inflows: talentFlows(to: "meta") { flows { from { id name } buckets { period count } } } }`)
  const rows = inflows.flows.filter((f) => f.from).flatMap((f) => f.buckets.map((b) => ({ from: f.from.name, ...b })))
  const big = rows.filter((r) => r.count > 3 && r.count <= 100).sort((a, b) => b.count - a.count)[0]
  assert.ok(big, `the demo has a row of more than 3 moves: ${JSON.stringify(rows)}`)
  const page = await newPage(t)
  await page.goto('/#/lab/meta')
  const section = page.locator('section.lab-flows')
  const exactly = (text) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
  const row = section
    .locator('.flow-table tbody tr.flow-in')
    .filter({ has: page.locator('td > a', { hasText: exactly(big.from) }) })
    .filter({ has: page.locator('th', { hasText: exactly(big.period) }) })
  await row.locator('.flow-people li a').first().waitFor()
  assert.equal(await row.locator('.flow-people > li:not(.muted)').count(), 3, 'three named before asking')
  await row.getByText(`and ${big.count - 3} more`).waitFor()
  await row.getByRole('button', { name: `Show all ${big.count} moves` }).click()
  await row.locator('.flow-people > li:not(.muted)').nth(big.count - 1).waitFor()
  assert.equal(await row.locator('.flow-people > li:not(.muted)').count(), big.count, 'every move of the row')
  assert.equal(await row.locator('.flow-people > li.muted').count(), 0, 'nothing left unnamed')
  assert.equal(await row.getByRole('button', { name: /Show all/ }).count(), 0, 'the button is gone')
})
