// recruitment.test.mjs opens the recruitment chains of the demo data
// (data/recruitments.csv: Mark Zuckerberg recruited six people for Meta in
// 2025) and checks what a reader sees: the tree up from Matt Deitke on his
// page, the tree down from Zuckerberg on its own page in date order, the
// keyboard moving through it, sources one click away, and the same view in
// Chinese from a shared link. Run it against a server with the demo data
// (THELIST_URL, default http://127.0.0.1:8080).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser()

const names = (tree) => tree.locator('[role=treeitem] .chain-person').allTextContents()

test("Matt Deitke's page shows who recruited him, with the date, a badge and the sources", async (t) => {
  const page = await newPage(t)
  await page.goto('/#/person/matt-deitke')
  await page.getByRole('heading', { level: 1, name: 'Matt Deitke' }).waitFor()

  const section = page.locator('section.person-recruitment')
  await section.getByRole('heading', { level: 2, name: 'Recruitment' }).waitFor()
  const up = section.getByRole('tree', { name: 'Who recruited Matt Deitke, and who recruited them' })
  const recruiter = up.getByRole('treeitem').first()
  assert.equal(await recruiter.locator('.chain-person').textContent(), 'Mark Zuckerberg')
  assert.equal((await recruiter.locator('.chain-edge').textContent()).trim(), 'recruited Matt Deitke, 2025 to Meta Superintelligence Labs')
  assert.equal(await recruiter.locator('.badge').first().textContent(), 'reported')
  // He recruited no one, and the page says so rather than showing nothing.
  await section.getByText('Matt Deitke is not recorded as having recruited anyone.').waitFor()

  // The sources of the recruitment, one click away.
  await recruiter.locator('details.sources summary').click()
  const sourceLinks = recruiter.locator('details.sources a[target="_blank"]')
  await sourceLinks.first().waitFor()
  assert.ok((await sourceLinks.count()) >= 1, 'a source of the recruitment opens a url')

  await section.getByRole('link', { name: 'Open the recruitment chains on their own page' }).click()
  await page.getByRole('heading', { level: 1, name: 'Recruitment chains of Matt Deitke' }).waitFor()
  assert.match(page.url(), /#\/recruitment\/matt-deitke$/)
})

test("Mark Zuckerberg's recruits are a tree in date order that the keyboard walks", async (t) => {
  const page = await newPage(t)
  await page.goto('/#/recruitment/mark-zuckerberg')
  await page.getByRole('heading', { level: 1, name: 'Recruitment chains of Mark Zuckerberg' }).waitFor()
  assert.equal(await page.title(), 'Recruitment chains of Mark Zuckerberg · The List')
  await page.getByText('No one is recorded as having recruited Mark Zuckerberg.').waitFor()

  const down = page.getByRole('tree', { name: 'Whom Mark Zuckerberg recruited, and whom they recruited' })
  await down.waitFor()
  // Date order: the three reported only to the year 2025 come before the
  // three of June 2025 (a year alone is read as its earliest day), and
  // recruits of the same date by name.
  assert.deepEqual(await names(down), ['Andrew Tulloch', 'Daniel Gross', 'Matt Deitke', 'Alexander Kolesnikov', 'Lucas Beyer', 'Xiaohua Zhai', 'Yang Song', 'Xiao Hong'])
  const beyer = down.getByRole('treeitem').filter({ hasText: 'Lucas Beyer' })
  assert.equal((await beyer.locator('.chain-edge').textContent()).trim(), 'recruited by Mark Zuckerberg, Jun 2025 to Meta Superintelligence Labs')
  // Only one source says Zuckerberg recruited the Zürich three: reported,
  // but not confirmed.
  assert.deepEqual(await beyer.locator('.badge').allTextContents(), ['reported', 'unconfirmed'])

  // One tab stop: Tab from the depth picker lands on the first recruit; the
  // arrows and End move the focus, and Enter opens the person.
  await page.getByLabel('Chain length').focus()
  await page.keyboard.press('Tab')
  const focusedName = () => page.evaluate(() => document.activeElement?.querySelector('.chain-person')?.textContent ?? null)
  assert.equal(await focusedName(), 'Andrew Tulloch')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  assert.equal(await focusedName(), 'Matt Deitke')
  await page.keyboard.press('End')
  assert.equal(await focusedName(), 'Xiao Hong')
  await page.screenshot({ path: join(outDir, 'recruitment.png'), fullPage: true })
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowDown')
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { level: 1, name: 'Daniel Gross' }).waitFor()
  await page.goBack()

  // The chain length rides in the URL, and reloading restores the view.
  await page.getByLabel('Chain length').selectOption('5')
  await page.waitForURL(/#\/recruitment\/mark-zuckerberg\?depth=5$/)
  await page.reload()
  await down.waitFor()
  assert.equal(await page.getByLabel('Chain length').inputValue(), '5')
  assert.equal((await names(down)).length, 8)
})

test('a shared link in Chinese opens the chains in Chinese, names as they are', async (t) => {
  const page = await newPage(t)
  await page.goto('/#/recruitment/mark-zuckerberg?lang=zh')
  await page.getByRole('heading', { level: 1, name: 'Mark Zuckerberg 的招募链' }).waitFor()
  const down = page.getByRole('tree', { name: 'Mark Zuckerberg 招募了谁，以及这些人又招募了谁' })
  await down.waitFor()
  const deitke = down.getByRole('treeitem').filter({ hasText: 'Matt Deitke' })
  assert.equal((await deitke.locator('.chain-edge').textContent()).trim(), '由 Mark Zuckerberg 招募，2025年 加入 Meta Superintelligence Labs')
  assert.equal(await deitke.locator('.badge').first().textContent(), '有报道')
  await page.screenshot({ path: join(outDir, 'recruitment-zh.png'), fullPage: true })
})

// The demo data has chains of one hop only, so the nesting is checked on an
// invented answer (every name is fictional): Ada recruited Bo, who
// recruited Cy and Di; Cy recruited Ed.
test('a chain of three hops nests, and Left and Right close and open a branch', async (t) => {
  const page = await newPage(t)
  const p = (id, name) => ({ id, name, nativeName: null })
  const [ada, bo, cy, di, ed] = [p('ada', 'Ada Example'), p('bo', 'Bo Example'), p('cy', 'Cy Example'), p('di', 'Di Example'), p('ed', 'Ed Example')]
  const edge = (a, b, date) => ({ id: `${a.id}.${b.id}`, recruiter: a, recruit: b, toLab: null, date, inferred: false, confidence: 'reported', note: null, sources: [] })
  const [adaBo, boCy, boDi, cyEd] = [edge(ada, bo, '2019'), edge(bo, cy, '2021-04'), edge(bo, di, '2020'), edge(cy, ed, '2023')]
  const recruitment = { person: ada, recruitedBy: [], recruited: [adaBo], chainsUp: [], chainsDown: [{ hops: [adaBo, boCy, cyEd] }, { hops: [adaBo, boDi] }] }
  await page.route('**/graphql', async (route) => {
    if (route.request().postDataJSON()?.query?.includes('recruitment(personId')) await route.fulfill({ json: { data: { recruitment } } })
    else await route.continue()
  })
  await page.goto('/#/recruitment/ada')
  const down = page.getByRole('tree', { name: 'Whom Ada Example recruited, and whom they recruited' })
  await down.waitFor()
  const levels = await down.getByRole('treeitem').evaluateAll((items) =>
    items.map((li) => `${li.getAttribute('aria-level')} ${li.querySelector('.chain-person').textContent}`),
  )
  assert.deepEqual(levels, ['1 Bo Example', '2 Di Example', '2 Cy Example', '3 Ed Example'])

  const focusedName = () => page.evaluate(() => document.activeElement?.querySelector('.chain-person')?.textContent ?? null)
  await down.getByRole('treeitem').first().focus()
  await page.keyboard.press('End')
  assert.equal(await focusedName(), 'Ed Example')
  await page.keyboard.press('ArrowLeft')
  assert.equal(await focusedName(), 'Cy Example')
  await page.keyboard.press('ArrowLeft')
  assert.equal(await down.getByRole('treeitem', { name: /^Cy Example/ }).getAttribute('aria-expanded'), 'false')
  assert.equal(await down.getByRole('treeitem', { name: /^Ed Example/ }).count(), 0)
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  assert.equal(await focusedName(), 'Ed Example')
  await page.screenshot({ path: join(outDir, 'recruitment-nested.png'), fullPage: true })
})
