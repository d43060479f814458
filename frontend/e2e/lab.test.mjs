// lab.test.mjs opens a lab with alumni in the demo data (Google) and checks
// what a reader sees: the lab, where its alumni went as a flow chart, the
// groups that left together, and a source one click away. Run it against a
// server with the demo data (THELIST_URL, default http://127.0.0.1:8080).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { api, outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser()

test('the labs index finds Google and its page shows where alumni went', async (t) => {
  const page = await newPage(t)
  await page.goto('/#/labs')
  await page.getByLabel('Search labs').fill('Google')
  await page.locator('.results a', { has: page.locator('.name', { hasText: /^Google$/ }) }).click()
  await page.getByRole('heading', { level: 1, name: 'Google', exact: true }).waitFor()
  assert.match(page.url(), /#\/lab\/google$/)

  // The lab's part, linked.
  await page.locator('.lab-children a', { hasText: 'Google DeepMind' }).waitFor()

  // Alumni: the flow chart with a band per destination, OpenAI the widest.
  await page.getByRole('heading', { name: 'Alumni' }).waitFor()
  const svg = page.locator('figure.sankey svg')
  await svg.waitFor()
  const bands = page.locator('.sankey-band')
  assert.ok((await bands.count()) >= 5, 'a band per destination')
  const labels = await page.locator('.sankey-target-label').allTextContents()
  assert.ok(labels.some((l) => /^OpenAI \(\d+\)$/.test(l)), `OpenAI among ${labels.join(', ')}`)

  // Pointing at a band names the destination and the people who went there.
  await bands.first().hover()
  const caption = page.locator('figure.sankey figcaption')
  assert.match(await caption.textContent(), /^[^:]+: .+/)
  // The keyboard reaches the bands too.
  await bands.nth(1).focus()
  assert.match(await caption.textContent(), /^Microsoft AI: .+/)

  // The table lists each alumnus with a destination and sources.
  const rows = page.locator('.alumni-table tbody tr')
  assert.ok((await rows.count()) >= 10)
  const openai = page.locator('.alumni-table tbody tr', { has: page.locator('td a', { hasText: 'OpenAI' }) }).first()
  await openai.locator('.sources summary').click()
  const source = openai.locator('.source a').first()
  await source.waitFor()
  assert.match(await source.getAttribute('href'), /^https?:\/\//)

  // Export: a CSV with a header and a row per alumnus.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV' }).click()])
  assert.equal(download.suggestedFilename(), 'google-alumni.csv')
  const path = await download.path()
  const { readFile } = await import('node:fs/promises')
  const csv = await readFile(path, 'utf8')
  assert.ok(csv.startsWith('\uFEFF'), 'starts with a byte-order mark, as every export does')
  assert.match(csv.slice(1), /^person_id,name,left,/)
  // Every alumnus, not only the rows loaded: the page shows the first 50.
  const { labAlumni } = await api('{ labAlumni(lab: "google") { count } }')
  assert.equal(csv.trim().split('\r\n').length, labAlumni.count + 1)
  if (labAlumni.count > 50) {
    assert.equal(await rows.count(), 50)
    await page.locator('.lab-alumni .load-more').click()
    await page.waitForFunction((n) => document.querySelectorAll('.alumni-table tbody tr').length === n, Math.min(labAlumni.count, 150))
  } else {
    assert.equal(await rows.count(), labAlumni.count)
  }

  await page.locator('figure.sankey').scrollIntoViewIfNeeded()
  await page.screenshot({ path: join(outDir, 'lab.png'), fullPage: true })
})

test('OpenAI shows groups that left together and its founders; a lab link opens from a person', async (t) => {
  const page = await newPage(t, { width: 768, height: 1000 })
  await page.goto('/#/lab/openai')
  await page.getByRole('heading', { level: 1, name: 'OpenAI', exact: true }).waitFor()
  await page.getByRole('heading', { name: 'Founders' }).waitFor()
  assert.ok((await page.locator('.cluster-card').count()) >= 1)
  const dest = await page.locator('.sankey-target-label').allTextContents()
  assert.ok(dest.some((l) => l.startsWith('Meta Superintelligence Labs')), dest.join(', '))
  await page.screenshot({ path: join(outDir, 'lab-tablet.png'), fullPage: true })

  // From a person in the table, their lab names lead back to lab pages.
  await page.locator('.alumni-table tbody th a').first().click()
  await page.locator('.person h1').waitFor()
  const labLink = page.locator('a.lab-name').first()
  const name = await labLink.textContent()
  await labLink.click()
  await page.getByRole('heading', { level: 1, name, exact: true }).waitFor()
  assert.match(page.url(), /#\/lab\//)
})

test('an unknown lab says so', async (t) => {
  const page = await newPage(t)
  await page.goto('/#/lab/no-such-lab-xyz')
  await page.getByRole('heading', { name: 'Not found' }).waitFor()
})
