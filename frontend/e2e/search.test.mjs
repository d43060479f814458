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
  for (const lab of ['Vercept', 'Meta', 'Allen Institute for AI']) {
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
    assert.equal(await offer.locator('.stint-period').textContent(), 'date not reported')
    await offer.locator('details.sources summary').click()
    assert.ok((await offer.locator('details.sources a[target="_blank"]').count()) >= 1, 'an offer source opens a url')
  }

  await page.screenshot({ path: join(outDir, 'person.png'), fullPage: true })

  // Reloading the hash route must restore the same person.
  await page.reload()
  await page.getByRole('heading', { level: 1, name: 'Matt Deitke' }).waitFor()
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
