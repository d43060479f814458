// candidates.test.mjs drives the candidate search in Debian's Chromium
// against a running server with the demo data (THELIST_URL, as in
// search.test.mjs): credential facets, the explanation of a match with its
// sources, a shareable URL, and the CSV export.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { api, outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ viewport: { width: 1280, height: 1000 } })

const countText = (n) => `${n} candidate${n === 1 ? '' : 's'}`

test('filters by the credentials, explains the match with sources, and exports it', async (t) => {
  // Everyone with all three credentials; when the demo data has no one, the
  // two credentials of the first person who has two.
  const three = await api('{ people(where: {atLeast: 3}, first: 1) { totalCount } }')
  let wanted = ['aiPhd', 'topLab', 'breakthrough']
  if (three.people.totalCount === 0) {
    const two = await api('{ people(where: {atLeast: 2}, orderBy: NAME, first: 1) { edges { credentials { credential met } } } }')
    wanted = two.people.edges[0].credentials.filter((c) => c.met).map((c) => c.credential)
  }
  assert.ok(wanted.length >= 2, 'the demo data has someone with two credentials')
  const where = { phd: wanted.includes('aiPhd'), topLab: wanted.includes('topLab'), breakthrough: wanted.includes('breakthrough') }
  const expected = await api(
    `query($where: PeopleFilter) { all: people { totalCount } people(where: $where, first: 20) { totalCount edges { node { id name }
       credentials { credential met degrees { field lab { name } } stints { lab { name } } papers { title } } reasons { condition records { labName } } } } }`,
    { where },
  )
  const first = expected.people.edges[0]
  assert.ok(first, 'someone meets the credentials asked for')

  const page = await newPage(t)
  await page.goto('/#/candidates')
  await page.getByRole('heading', { level: 1, name: 'Candidates' }).waitFor()
  const count = page.locator('#cand-count')
  await page.waitForFunction((text) => document.querySelector('#cand-count')?.textContent?.startsWith(text), countText(expected.all.totalCount))

  const label = { aiPhd: 'AI PhD', topLab: 'Top lab', breakthrough: 'Breakthrough' }
  for (const c of wanted) await page.getByRole('checkbox', { name: label[c] }).check()
  await page.waitForFunction((text) => document.querySelector('#cand-count')?.textContent === text, countText(expected.people.totalCount))
  assert.equal(await count.textContent(), countText(expected.people.totalCount))

  // The URL carries the facets, so the link restores the same search.
  assert.match(page.url(), /#\/candidates\?/)
  if (where.phd) assert.match(page.url(), /phd=1/)
  if (where.breakthrough) assert.match(page.url(), /bt=1/)

  const row = page.locator('li.candidate').filter({ has: page.getByRole('link', { name: first.node.name, exact: true }) })
  await row.waitFor()
  assert.equal(await row.getByRole('link', { name: first.node.name, exact: true }).getAttribute('href'), `#/person/${first.node.id}`)
  // Each credential asked for is met, with its evidence; the sentences say why.
  for (const c of first.credentials) {
    const cred = row.locator('li.cred').filter({ has: page.locator('.cred-name', { hasText: new RegExp(`^${label[c.credential]}$`) }) })
    const verdict = (await cred.locator('.cred-verdict').textContent()).trim()
    assert.equal(verdict, c.met ? 'met' : 'not met', c.credential)
    for (const d of c.degrees) assert.match(await cred.textContent(), new RegExp(`${d.field}, ${d.lab.name}`))
    for (const p of c.papers) assert.match(await cred.textContent(), new RegExp(p.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
  }
  // One sentence per condition the server reports, each naming the labs of
  // its records (the app words them: src/candidates/reasons.ts).
  const reasons = row.locator('.matched li')
  assert.deepEqual(await reasons.evaluateAll((lis) => lis.map((li) => li.dataset.condition)), first.reasons.map((r) => r.condition))
  for (const [i, r] of first.reasons.entries()) {
    for (const rec of r.records) if (rec.labName) assert.ok((await reasons.nth(i).textContent()).includes(rec.labName), `${r.condition} names ${rec.labName}`)
  }

  // The evidence's sources are one click away.
  const toggle = row.locator('.evidence .sources summary').first()
  await toggle.waitFor()
  await toggle.click()
  const sourceLink = row.locator('.evidence .sources[open] .source a').first()
  await sourceLink.waitFor()
  assert.match(await sourceLink.getAttribute('href'), /^https?:\/\//)

  // The credential rules are one disclosure away.
  await page.getByText('How the credentials are computed').click()
  await page.locator('.rules dl').getByText('Rules version').waitFor()

  await page.screenshot({ path: join(outDir, 'candidates.png'), fullPage: true })

  // The CSV: a download with a BOM, the header, and the row.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Export all \d+ rows? \(CSV\)/ }).click()])
  assert.match(download.suggestedFilename(), /^candidates-\d{4}-\d{2}-\d{2}\.csv$/)
  const file = join(outDir, 'candidates.csv')
  await download.saveAs(file)
  const csv = await readFile(file, 'utf8')
  assert.ok(csv.startsWith('\uFEFF'), 'starts with a byte-order mark')
  const lines = csv.slice(1).split('\r\n')
  assert.equal(lines[0], 'id,name,current lab,credentials met,matched,evidence,evidence sources,evidence urls')
  assert.equal(lines.filter(Boolean).length, 1 + expected.people.edges.length)
  const line = lines.find((l) => l.startsWith(`${first.node.id},`))
  assert.ok(line, 'the first candidate is in the export')
  assert.ok(line.includes(first.node.name))
  assert.match(line, /https?:\/\//)

  // A reload of the shared URL restores the facets and the result.
  await page.reload()
  for (const c of wanted) assert.equal(await page.getByRole('checkbox', { name: label[c] }).isChecked(), true)
  await page.waitForFunction((text) => document.querySelector('#cand-count')?.textContent === text, countText(expected.people.totalCount))
})

test('picks a lab with the keyboard and shows a tablet layout', async (t) => {
  const page = await newPage(t, { width: 768, height: 1000 })
  await page.goto('/#/candidates')
  await page.getByRole('heading', { level: 1, name: 'Candidates' }).waitFor()
  const worked = page.getByRole('combobox', { name: 'Worked at' })
  await worked.fill('OpenAI')
  await page.getByRole('option', { name: /OpenAI/ }).first().waitFor()
  await worked.press('Enter')
  await page.getByRole('button', { name: /^Remove OpenAI/ }).waitFor()
  assert.match(page.url(), /worked=openai/)
  const expected = await api('{ people(where: {workedAt: ["openai"]}) { totalCount } }')
  await page.waitForFunction((text) => document.querySelector('#cand-count')?.textContent === text, countText(expected.people.totalCount))
  await page.screenshot({ path: join(outDir, 'candidates-tablet.png'), fullPage: false })

  // "Load more" continues after the last row with the cursor.
  const rows = page.locator('li.candidate')
  assert.equal(await rows.count(), Math.min(20, expected.people.totalCount))
  if (expected.people.totalCount > 20) {
    await page.getByRole('button', { name: `Load more (20 of ${expected.people.totalCount} shown)` }).click()
    await page.waitForFunction((n) => document.querySelectorAll('li.candidate').length === n, Math.min(40, expected.people.totalCount))
    const ids = await rows.evaluateAll((els) => els.map((el) => el.querySelector('a')?.getAttribute('href')))
    assert.equal(new Set(ids).size, ids.length, 'no row repeated')
  }
})
