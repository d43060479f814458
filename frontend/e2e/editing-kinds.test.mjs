// editing-kinds.test.mjs adds, corrects and retracts each kind of record
// in place with an editor's key, against the real server (THELIST_URL,
// which scripts/e2e.sh starts with the key e2e-editor-key): a job, a move,
// an offer and a deal on a person's page, the person, and a lab on its
// page in Chinese. Every change cites a source, a refused value shows next
// to its field, and the change shows in its history at once.
//
// It edits only Alan Eustace and the labs Adobe and Airbnb, which no other
// browser test reads; what it adds (dated 1999–2000, so no "current" or
// "moved since" filter of another test sees it) it retracts again.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { api, outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ timeout: 20_000 })
const key = process.env.THELIST_E2E_EDITOR_KEY || 'e2e-editor-key'
const person = 'alan-eustace'
const reason = 'Why the change (required)'

async function editorPage(t, path) {
  const page = await newPage(t)
  await page.addInitScript((k) => window.localStorage.setItem('thelist.apiKey', k), key)
  await page.goto(path)
  await page.getByRole('heading', { level: 1 }).waitFor()
  return page
}

// form opens the editor whose summary reads summary, in scope.
async function form(scope, summary) {
  const details = scope.locator('details.edit').filter({ has: scope.page().locator('summary', { hasText: summary }) }).first()
  await details.locator('summary').click()
  return details
}

// cite fills the new-source fields: every change needs a source.
async function cite(f, title) {
  await f.getByLabel('Publisher', { exact: true }).fill('The List browser tests')
  await f.getByLabel('Title of the report', { exact: true }).fill(title)
  await f.getByLabel('Address (URL)', { exact: true }).fill('https://example.org/browser-test')
}

// history opens the history the page shows for the change just made and
// returns its newest entry.
async function latestChange(page) {
  const notice = page.locator('.edit-done')
  await notice.locator('details.history summary').click()
  const change = notice.locator('.changes > li').first()
  await change.getByText('by e2e-editor', { exact: false }).waitFor()
  return change
}

const stored = async (q) => (await api(`query($id: ID!) { ${q} }`, { id: person }))

test('an editor adds a job, a move and an offer, each citing a new source, and sees each in its history', async (t) => {
  const page = await editorPage(t, `/#/person/${person}`)

  // A job.
  let f = await form(page.locator('section[aria-labelledby=labs-heading]'), 'Add a job')
  await f.getByLabel(/^Lab \(id/).fill('adobe')
  await f.getByLabel('Role').fill('browser-test adviser')
  await f.getByLabel(/^Start/).fill('1999')
  await f.getByLabel(/^End/).fill('2000')
  await cite(f, 'A job added by the browser test')
  await f.getByLabel(reason).fill('browser test: add a job')
  await f.getByRole('button', { name: 'Add this job' }).click()
  await page.getByRole('status').filter({ hasText: 'Added alan-eustace.adobe.' }).waitFor()
  await page.locator('.stints > li', { hasText: 'browser-test adviser' }).waitFor()
  let change = await latestChange(page)
  await change.getByText('Added or corrected').waitFor()
  await change.getByText('Reason: browser test: add a job').waitFor()
  await change.locator('.diff td', { hasText: 'browser-test adviser' }).waitFor()
  await page.screenshot({ path: join(outDir, 'edit-add-job.png'), fullPage: true })

  // A move, from that job's lab to another.
  f = await form(page.locator('section[aria-labelledby=moves-heading]'), 'Add a move')
  await f.getByLabel(/^From lab/).fill('adobe')
  await f.getByLabel(/^To lab/).fill('airbnb')
  await f.getByLabel(/^Date/).fill('2000')
  await f.getByLabel('Confidence').selectOption('inferred')
  await cite(f, 'A move added by the browser test')
  await f.getByLabel(reason).fill('browser test: add a move')
  await f.getByRole('button', { name: 'Add this move' }).click()
  await page.getByRole('status').filter({ hasText: 'Added alan-eustace.to.airbnb.' }).waitFor()
  await page.locator('.moves > li', { hasText: 'Airbnb' }).waitFor()
  change = await latestChange(page)
  await change.locator('.diff td', { hasText: 'airbnb' }).first().waitFor()

  // An offer: a currency the server refuses shows next to its field first.
  f = await form(page.locator('section[aria-labelledby=offers-heading]'), 'Add an offer')
  await f.getByLabel(/^Lab \(id/).fill('airbnb')
  await f.getByLabel(/^Total value/).fill('1000000')
  await f.getByLabel(/^Currency/).fill('dollars')
  await f.getByLabel(/^Date/).fill('2000')
  await f.getByLabel('Status').selectOption('declined')
  await cite(f, 'An offer added by the browser test')
  await f.getByLabel(reason).fill('browser test: add an offer')
  await f.getByRole('button', { name: 'Add this offer' }).click()
  const currency = f.getByLabel(/^Currency/)
  await f.locator('input[aria-invalid=true]').first().waitFor()
  assert.equal(await currency.getAttribute('aria-invalid'), 'true')
  const why = await page.locator(`#${(await currency.getAttribute('aria-describedby')).replace(/:/g, '\\:')}`).textContent()
  assert.ok(why.length > 0, 'the refusal is next to the field')
  await page.screenshot({ path: join(outDir, 'edit-offer-refused.png'), fullPage: true })
  // Sent again: the source added with the refused try is cited, not added twice.
  await currency.fill('USD')
  await f.getByRole('button', { name: 'Add this offer' }).click()
  await page.getByRole('status').filter({ hasText: 'Added airbnb.alan-eustace.' }).waitFor()
  await page.locator('.offers > li', { hasText: 'Airbnb' }).waitFor()
  change = await latestChange(page)
  await change.locator('.diff td', { hasText: 'declined' }).waitFor()
  await page.screenshot({ path: join(outDir, 'edit-add-offer.png'), fullPage: true })

  const after = await stored(`person(id: $id) { stints { id role sources { id } } moves { id confidence } }
    offers(where: { person: $id }) { edges { node { id totalValue currency status } } }`)
  assert.equal(after.person.stints.find((s) => s.id === 'alan-eustace.adobe')?.role, 'browser-test adviser')
  assert.equal(after.person.moves.find((m) => m.id === 'alan-eustace.to.airbnb')?.confidence, 'inferred')
  assert.deepEqual(after.offers.edges.map((e) => e.node).find((o) => o.id === 'airbnb.alan-eustace'), {
    id: 'airbnb.alan-eustace', totalValue: 1000000, currency: 'USD', status: 'declined',
  })
})

test('an editor corrects a move and an offer, and retracts the move, the offer and the job', async (t) => {
  const page = await editorPage(t, `/#/person/${person}`)

  // Correct the move: a note, citing the source it already has.
  let item = page.locator('.moves > li', { hasText: 'Airbnb' })
  let f = await form(item, 'Correct or retract this move')
  const note = `Corrected by the browser test at ${new Date().toISOString()}`
  await f.getByLabel(/^Note/).fill(note)
  await f.getByLabel(reason).fill('browser test: a caveat')
  await f.getByRole('button', { name: 'Save correction' }).click()
  await page.locator('.moves .caveat', { hasText: note }).waitFor()
  let change = await latestChange(page)
  await change.locator('.diff td', { hasText: note }).waitFor()
  const move = (await stored('person(id: $id) { moves { id from { id } date confidence note } }')).person.moves.find((m) => m.id === 'alan-eustace.to.airbnb')
  // The whole record went back: what the form left alone is kept.
  assert.deepEqual(move, { id: 'alan-eustace.to.airbnb', from: { id: 'adobe' }, date: '2000', confidence: 'inferred', note })

  // Correct the offer's amount.
  item = page.locator('.offers > li', { hasText: 'Airbnb' })
  f = await form(item, 'Correct or retract this offer')
  await f.getByLabel(/^Total value/).fill('2000000')
  await f.getByLabel(reason).fill('browser test: the amount')
  await f.getByRole('button', { name: 'Save correction' }).click()
  await page.getByRole('status').filter({ hasText: 'Saved airbnb.alan-eustace.' }).waitFor()
  change = await latestChange(page)
  await change.locator('.diff td', { hasText: '2000000' }).waitFor()

  // Retract each; the history, still shown, keeps what each stated.
  for (const [list, summary, button, id] of [
    ['.offers', 'Correct or retract this offer', 'Retract this offer', 'airbnb.alan-eustace'],
    ['.moves', 'Correct or retract this move', 'Retract this move', 'alan-eustace.to.airbnb'],
    ['.stints', 'Correct or retract this job', 'Retract this job', 'alan-eustace.adobe'],
  ]) {
    const li = page.locator(`${list} > li`, { hasText: /Adobe|Airbnb/ }).filter({ has: page.locator('summary', { hasText: summary }) })
    const fr = await form(li.last(), summary)
    await fr.getByLabel(reason).fill(`browser test: retract ${id}`)
    await fr.getByRole('button', { name: button }).click()
    await page.getByRole('status').filter({ hasText: `Retracted ${id}.` }).waitFor()
    change = await latestChange(page)
    await change.getByText('Retracted').first().waitFor()
    await change.getByText(`Reason: browser test: retract ${id}`).waitFor()
  }
  await page.screenshot({ path: join(outDir, 'edit-retracted.png'), fullPage: true })
  const left = await stored('person(id: $id) { stints { id } moves { id } } offers(where: { person: $id }) { edges { node { id } } }')
  assert.ok(!left.person.stints.some((s) => s.id === 'alan-eustace.adobe'))
  assert.ok(!left.person.moves.some((m) => m.id === 'alan-eustace.to.airbnb'))
  assert.ok(!left.offers.edges.some((e) => e.node.id === 'airbnb.alan-eustace'))
})

test('an editor adds a deal that brought the person, corrects it and retracts it', async (t) => {
  const page = await editorPage(t, `/#/person/${person}`)
  let f = await form(page.locator('section[aria-labelledby=deals-heading]'), 'Add a deal')
  await f.getByLabel('Kind of deal (required)').selectOption('acqui-hire')
  await f.getByLabel(/^Buyer/).fill('adobe')
  await f.getByLabel(/^Target/).fill('airbnb')
  await f.getByLabel(/^Date/).fill('1999-05')
  await cite(f, 'A deal added by the browser test')
  await f.getByLabel(reason).fill('browser test: add a deal')
  await f.getByRole('button', { name: 'Add this deal' }).click()
  await page.getByRole('status').filter({ hasText: 'Added adobe.airbnb.1999.' }).waitFor()
  const item = page.locator('.deals > li', { hasText: 'Airbnb' })
  await item.waitFor()

  f = await form(item, 'Correct or retract this deal')
  await f.getByLabel(/^Amount/).fill('5000000')
  await f.getByLabel(/^Currency/).fill('USD')
  await f.getByLabel(reason).fill('browser test: the amount')
  await f.getByRole('button', { name: 'Save correction' }).click()
  await page.getByRole('status').filter({ hasText: 'Saved adobe.airbnb.1999.' }).waitFor()
  const change = await latestChange(page)
  await change.locator('.diff td', { hasText: '5000000' }).waitFor()
  const { deals } = await api('{ deals(where: { person: "alan-eustace" }) { id kind amount date people { id } } }')
  assert.deepEqual(deals, [{ id: 'adobe.airbnb.1999', kind: 'acqui-hire', amount: 5000000, date: '1999-05', people: [{ id: person }] }])
  await page.screenshot({ path: join(outDir, 'edit-deal.png'), fullPage: true })

  const again = await form(page.locator('.deals > li', { hasText: 'Airbnb' }), 'Correct or retract this deal')
  await again.getByLabel(reason).fill('browser test: retract the deal')
  await again.getByRole('button', { name: 'Retract this deal' }).click()
  await page.getByRole('status').filter({ hasText: 'Retracted adobe.airbnb.1999.' }).waitFor()
  assert.deepEqual((await api('{ deals(where: { person: "alan-eustace" }) { id } }')).deals, [])
})

test('an editor corrects the person: a new name, kept with their catalogue ids', async (t) => {
  const before = (await stored('person(id: $id) { aliases orcid openalex dblp googleScholar }')).person
  const page = await editorPage(t, `/#/person/${person}`)
  const f = await form(page.locator('.person-header'), 'Correct this person')
  // People are corrected, never retracted.
  assert.equal(await f.getByRole('button', { name: /^Retract/ }).count(), 0)
  await f.getByLabel(/^Other names/).fill([...before.aliases, 'A. Eustace (browser test)'].join('\n'))
  await f.getByLabel(reason).fill('browser test: another name')
  await f.getByRole('button', { name: 'Save correction' }).click()
  await page.getByRole('status').filter({ hasText: `Saved ${person}.` }).waitFor()
  const change = await latestChange(page)
  await change.locator('.diff td', { hasText: 'A. Eustace (browser test)' }).waitFor()
  const after = (await stored('person(id: $id) { aliases orcid openalex dblp googleScholar }')).person
  assert.deepEqual(after, { ...before, aliases: [...before.aliases, 'A. Eustace (browser test)'] })
})

test('in Chinese, an editor corrects a lab: a refused country shows by its field, then the history shows the change', async (t) => {
  const page = await editorPage(t, '/#/lab/adobe?lang=zh')
  const f = await form(page.locator('.lab-header'), '更正此机构')
  await f.getByLabel(/^国家/).fill('USA')
  await f.getByLabel('修改理由（必填）').fill('browser test: 国家')
  await f.getByRole('button', { name: '保存更正' }).click()
  const country = f.getByLabel(/^国家/)
  await f.locator('input[aria-invalid=true]').first().waitFor()
  assert.equal(await country.getAttribute('aria-invalid'), 'true')
  await page.screenshot({ path: join(outDir, 'edit-lab-refused-zh.png'), fullPage: true })

  await country.fill('US')
  await f.getByLabel(/^其他名称/).fill('Adobe Research (browser test)')
  await f.getByLabel('修改理由（必填）').fill('browser test: 别名')
  await f.getByRole('button', { name: '保存更正' }).click()
  await page.getByRole('status').filter({ hasText: '已保存 adobe。' }).waitFor()
  const notice = page.locator('.edit-done')
  await notice.locator('details.history summary').click()
  const change = notice.locator('.changes > li').first()
  await change.getByText('理由：browser test: 别名').waitFor()
  await change.locator('.diff td', { hasText: 'Adobe Research (browser test)' }).waitFor()
  await page.locator('.lab-aliases', { hasText: 'Adobe Research (browser test)' }).waitFor()
  await page.screenshot({ path: join(outDir, 'edit-lab-zh.png'), fullPage: true })
  const { lab } = await api('{ lab(id: "adobe") { country kind aliases sources { id } } }')
  assert.equal(lab.country, 'US')
  assert.equal(lab.kind, 'company')
  assert.deepEqual(lab.aliases, ['Adobe Research (browser test)'])
})

test('an editor adds a person from the search page and a lab from the labs index, and each new page shows its history', async (t) => {
  const page = await editorPage(t, '/#/labs')
  // People and labs cannot be retracted: these stay, named as tests, with
  // no job, so no filter of another test finds them. They do add one to
  // the count of all people and of all labs, which journeys and
  // labs-index read and then compare with the page.
  let f = await form(page.locator('.labs-index'), 'Add a lab')
  await f.getByLabel('Name (required)').fill('Browser Test Lab')
  await f.getByLabel('Kind of lab (required)').selectOption('startup')
  await f.getByLabel(/^Country/).fill('US')
  await cite(f, 'A lab added by the browser test')
  await f.getByLabel(reason).fill('browser test: add a lab')
  await f.getByRole('button', { name: 'Add this lab' }).click()
  await page.getByRole('heading', { level: 1, name: 'Browser Test Lab' }).waitFor()
  assert.match(page.url(), /#\/lab\/browser-test-lab/)
  await page.getByText('Change history of Browser Test Lab').click()
  let change = page.locator('.lab-header .changes > li').first()
  await change.getByText('Reason: browser test: add a lab').waitFor()
  await change.locator('.diff td', { hasText: 'startup' }).waitFor()
  await page.screenshot({ path: join(outDir, 'edit-add-lab.png'), fullPage: true })

  await page.goto('/#/')
  f = await form(page.locator('.search'), 'Add a person')
  await f.getByLabel('Name (required)').fill('Browser Test Person')
  await cite(f, 'A person added by the browser test')
  await f.getByLabel(reason).fill('browser test: add a person')
  await f.getByRole('button', { name: 'Add this person' }).click()
  await page.getByRole('heading', { level: 1, name: 'Browser Test Person' }).waitFor()
  assert.match(page.url(), /#\/person\/browser-test-person/)
  await page.getByText('Change history of Browser Test Person').click()
  change = page.locator('.person-header .changes > li').first()
  await change.getByText('Reason: browser test: add a person').waitFor()
  await page.screenshot({ path: join(outDir, 'edit-add-person.png'), fullPage: true })
})

// axe checks the forms themselves, open, in both languages: the person
// page with every form of an editor, and the lab page's.
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')
for (const [name, hash] of [['person', `#/person/${person}`], ['lab', '#/lab/airbnb']]) {
  for (const lang of ['en', 'zh']) {
    test(`axe finds no violations in the ${name} page's open editing forms (${lang})`, async (t) => {
      const page = await editorPage(t, `/${hash}${lang === 'zh' ? '?lang=zh' : ''}`)
      const summaries = page.locator('details.edit > summary')
      assert.ok((await summaries.count()) > 0, 'an editor sees the forms')
      for (const s of await summaries.all()) await s.click()
      // A field marked as refused, as after a check.
      await page.locator('details.edit').first().getByRole('button').first().click()
      await page.locator('details.edit input[aria-invalid=true]').first().waitFor()
      await page.evaluate(axeSource)
      const violations = await page.evaluate(async () => {
        const result = await window.axe.run(document, { resultTypes: ['violations'] })
        return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }))
      })
      if (violations.length > 0) await page.screenshot({ path: join(outDir, `axe-edit-${name}-${lang}.png`), fullPage: true })
      assert.deepEqual(violations, [], JSON.stringify(violations, null, 1))
    })
  }
}
