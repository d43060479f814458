// editing.test.mjs corrects a fact in place with an editor's key, against
// the real server (THELIST_URL, which scripts/e2e.sh starts with the key
// e2e-editor-key): a refused value shows next to its field, a correction
// needs a source and a reason, and the change shows in the fact's history
// at once, in English and in Chinese. It edits only a note of one job of
// Alexander Skidanov, which no other browser test reads.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { api, outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ timeout: 20_000 })
const key = process.env.THELIST_E2E_EDITOR_KEY || 'e2e-editor-key'
const person = 'alexander-skidanov'

test('an editor corrects a job with a source and sees the change in its history', async (t) => {
  const page = await newPage(t)
  await page.addInitScript((k) => window.localStorage.setItem('thelist.apiKey', k), key)
  await page.goto(`/#/person/${person}`)
  const stint = page.locator('.stints > li').first()
  await stint.waitFor()
  await stint.getByText('Correct or retract this job').click()

  // Required fields are checked before anything is sent.
  await stint.getByLabel('Why the change (required)').fill('')
  await stint.getByRole('button', { name: 'Save correction' }).click()
  await stint.locator('.field-error', { hasText: 'Required.' }).first().waitFor()

  // A date the server refuses: its words show next to the field.
  await stint.getByLabel(/^Start/).fill('2023-13')
  await stint.getByLabel('Why the change (required)').fill('browser test: a bad date')
  await stint.getByRole('button', { name: 'Save correction' }).click()
  await stint.getByRole('alert').waitFor()
  const startError = stint.locator('input[aria-invalid=true]')
  assert.ok((await startError.count()) > 0 || (await stint.getByRole('alert').textContent()).length > 0)
  await page.screenshot({ path: join(outDir, 'edit-refused.png'), fullPage: true })

  // A good correction, citing a source the job already has.
  const before = await api('query($id: ID!) { person(id: $id) { stints { id start lastSeen concurrent note } } }', { id: person })
  const original = before.person.stints[0]
  await stint.getByLabel(/^Start/).fill(original.start ?? '')
  const note = `Checked by the browser test at ${new Date().toISOString()}`
  await stint.getByLabel(/^Note/).fill(note)
  await stint.getByLabel('Why the change (required)').fill('browser test: add a note')
  await stint.getByRole('button', { name: 'Save correction' }).click()
  // The page reads the person again: the note shows as text.
  await page.locator('.caveat', { hasText: note }).waitFor()
  const after = await api('query($id: ID!) { person(id: $id) { stints { id lastSeen concurrent note } } }', { id: person })
  const corrected = after.person.stints.find((s) => s.id === original.id)
  assert.equal(corrected?.note, note)
  // The form sends the whole record back: what it did not change is kept.
  assert.equal(corrected?.lastSeen, original.lastSeen)
  assert.equal(corrected?.concurrent, original.concurrent)

  // The history names who, why, and the note before and after.
  const fresh = page.locator('.stints > li').first()
  await fresh.getByText(/^Change history of/).click()
  const change = fresh.locator('.changes > li').first()
  await change.getByText('by e2e-editor', { exact: false }).waitFor()
  await change.getByText('Reason: browser test: add a note').waitFor()
  await change.locator('.diff td', { hasText: note }).waitFor()
  await page.screenshot({ path: join(outDir, 'edit-history.png'), fullPage: true })

  // The same history in Chinese.
  await page.goto(`/#/person/${person}?lang=zh`)
  await page.reload()
  const zh = page.locator('.stints > li').first()
  await zh.getByText(/的修改记录$/).click()
  await zh.locator('.changes > li').first().getByText('理由：browser test: add a note').waitFor()
  await page.screenshot({ path: join(outDir, 'edit-history-zh.png'), fullPage: true })
})

test('without a key there is no editing form, but the history is there to read', async (t) => {
  const page = await newPage(t)
  await page.goto(`/#/person/${person}`)
  await page.locator('.stints > li').first().waitFor()
  assert.equal(await page.getByText('Correct or retract this job').count(), 0)
  assert.ok((await page.getByText(/^Change history of/).count()) > 0)
})
