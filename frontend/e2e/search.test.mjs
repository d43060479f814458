// search.test.mjs drives the built frontend in Debian's Chromium against a
// running server: THELIST_URL (default http://127.0.0.1:8080) must serve
// dist/ and answer /graphql with the demo data.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ viewport: { width: 1100, height: 900 } })

test('search finds Matt Deitke and his page shows his labs with sources', async (t) => {
  const page = await newPage(t)
  await page.goto('/')
  assert.equal(await page.title(), 'The List')

  await page.getByLabel('Search people').fill('Deitke')
  await page.getByRole('link', { name: 'Matt Deitke' }).first().click()

  await page.getByRole('heading', { level: 1, name: 'Matt Deitke' }).waitFor()
  assert.match(page.url(), /#\/person\/[^/]+$/)

  const labs = page.locator('.stints .lab-name')
  await labs.first().waitFor()
  const names = await labs.allTextContents()
  for (const lab of ['Vercept', 'Meta Superintelligence Labs', 'Allen Institute for AI']) {
    assert.ok(names.includes(lab), `labs shown were ${JSON.stringify(names)}; want ${lab}`)
  }

  // Every fact in the data cites a source, so the person's own disclosure
  // must be there; opening it must show at least one citation.
  const personSources = page.locator('.person-header details.sources')
  await personSources.locator('summary').click()
  const cited = personSources.locator('.source')
  await cited.first().waitFor()
  assert.ok((await cited.count()) >= 1)
  const links = page.locator('details.sources a[target="_blank"]')
  const stintSummaries = page.locator('.stints details.sources summary')
  assert.ok((await stintSummaries.count()) >= 1, 'no source disclosure on any stint')
  for (const summary of await stintSummaries.all()) await summary.click()
  assert.ok((await links.count()) >= 1, 'no source opens a url')

  // data/offers.csv: Meta, through Mark Zuckerberg, offered him about $125
  // million over four years, which he declined, then about $250 million, of
  // which up to $100 million the first year, which he accepted.
  await page.getByRole('heading', { level: 2, name: 'Offers received' }).waitFor()
  const offers = page.locator('ol.offers > li')
  assert.equal(await offers.count(), 2)
  const amounts = await offers.locator('.amount').allTextContents()
  assert.ok(amounts.some((a) => /^US\$125.* over 4 years$/.test(a)), `offer amounts were ${JSON.stringify(amounts)}`)
  assert.ok(amounts.some((a) => /^US\$250.* over 4 years, US\$100.* the first year$/.test(a)), `offer amounts were ${JSON.stringify(amounts)}`)
  assert.deepEqual((await offers.locator('.offer-status').allTextContents()).sort(), ['accepted', 'declined'])
  for (const offer of await offers.all()) {
    assert.equal(await offer.locator('.lab-name').textContent(), 'Meta')
    assert.equal(await offer.locator('.advisor').textContent(), 'extended by Mark Zuckerberg')
    // Both were made in 2025 ("this summer", recorded at the year's precision).
    assert.equal(await offer.locator('.stint-period').textContent(), '2025')
    await offer.locator('details.sources summary').click()
    assert.ok((await offer.locator('details.sources a[target="_blank"]').count()) >= 1, 'an offer source opens a url')
  }

  await page.screenshot({ path: join(outDir, 'person.png'), fullPage: true })

  // Reloading the hash route must restore the same person.
  await page.reload()
  await page.getByRole('heading', { level: 1, name: 'Matt Deitke' }).waitFor()
})

test('a Transformer author’s page marks the paper as a breakthrough, and shows the credentials and moves with sources', async (t) => {
  const page = await newPage(t)
  await page.goto('/')
  await page.getByLabel('Search people').fill('Shazeer')
  await page.getByRole('link', { name: 'Noam Shazeer' }).first().click()
  await page.getByRole('heading', { level: 1, name: 'Noam Shazeer' }).waitFor()

  // data/authorships.csv: second author of Attention Is All You Need (2017),
  // which data/papers.csv marks a breakthrough.
  await page.getByRole('heading', { level: 2, name: 'Papers' }).waitFor()
  const paper = page.locator('ol.papers > li').filter({ hasText: 'Attention Is All You Need' })
  assert.equal(await paper.count(), 1)
  assert.ok(await paper.evaluate((li) => li.classList.contains('breakthrough')), 'the paper row is not marked a breakthrough')
  assert.equal(await paper.locator('.breakthrough-badge').textContent(), 'breakthrough')
  assert.equal(await paper.locator('.position').textContent(), 'author no. 2')
  assert.equal(await paper.locator('.stint-period').textContent(), '2017')
  assert.equal(await paper.locator('a.paper-link').first().getAttribute('href'), 'https://arxiv.org/abs/1706.03762')
  await paper.locator('details.sources summary').click()
  assert.ok((await paper.locator('details.sources a[target="_blank"]').count()) >= 1, 'the paper has no source that opens a url')

  // Credentials: the paper makes the breakthrough one; his stint at Google
  // DeepMind (a top lab) since 2024-08 the top-lab one; no PhD is recorded.
  const creds = page.locator('.creds > li')
  assert.deepEqual(await creds.locator('.cred-name').allTextContents(), ['AI PhD', 'Top lab', 'Breakthrough'])
  assert.deepEqual(await creds.locator('.cred-verdict').allTextContents(), ['not met', 'met', 'met'])
  const breakthrough = creds.nth(2)
  assert.equal(await breakthrough.locator('.evidence-title').first().textContent(), 'Attention Is All You Need')
  const topLab = creds.nth(1)
  assert.ok((await topLab.locator('.evidence-title').allTextContents()).includes('Google DeepMind'))
  await breakthrough.locator('details.sources summary').first().click()
  assert.ok((await breakthrough.locator('details.sources a[target="_blank"]').count()) >= 1, 'the evidence has no source url')

  // data/moves.csv: Google → Character.AI (2021-10), Character.AI → Google
  // DeepMind (2024-08), Google DeepMind → OpenAI (2026-06), oldest first, on
  // the timeline as well.
  await page.getByRole('heading', { level: 2, name: 'Moves' }).waitFor()
  const moves = page.locator('ol.moves > li')
  assert.deepEqual(await moves.locator('.stint-period').allTextContents(), ['Oct 2021', 'Aug 2024', 'Jun 2026'])
  assert.deepEqual(await moves.locator('.lab-name').allTextContents(), ['Google', 'Character.AI', 'Character.AI', 'Google DeepMind', 'Google DeepMind', 'OpenAI'])
  await moves.first().locator('details.sources summary').click()
  assert.ok((await moves.first().locator('details.sources a[target="_blank"]').count()) >= 1, 'a move has no source url')
  const marks = await page.locator('.timeline-mark-row .timeline-label').allTextContents()
  assert.ok(marks.includes('Move to Character.AI') && marks.includes('Move to Google DeepMind'), `timeline marks were ${JSON.stringify(marks)}`)

  await page.screenshot({ path: join(outDir, 'person-papers-credentials.png'), fullPage: true })
})

test('a search that matches no one says so', async (t) => {
  const page = await newPage(t)
  await page.goto('/')
  const nonsense = 'qxzvbnwpl'
  await page.getByLabel('Search people').fill(nonsense)
  await page.getByText(`No one matches “${nonsense}”.`).waitFor()
  assert.equal(await page.locator('.results a').count(), 0)
  await page.screenshot({ path: join(outDir, 'empty.png') })
})
