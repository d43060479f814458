// shortlists.test.mjs: a recruiter signs in with an API key, filters
// candidates, puts two of them on a new shortlist, opens it, exports it as
// CSV, saves the search and reopens it, in Debian's Chromium against the
// real server (scripts/e2e.sh configures the reader's key used here).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { api, baseURL, outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ viewport: { width: 1280, height: 1000 } })
const key = process.env.THELIST_E2E_API_KEY || 'e2e-reader-key'

const countText = (n) => `${n} candidate${n === 1 ? '' : 's'}`

test('save a shortlist and export it', async (t) => {
  const expected = await api('{ people(where: {breakthrough: true}, first: 2) { totalCount edges { node { id name } } } }')
  assert.ok(expected.people.totalCount >= 2, 'the demo data has two authors of a breakthrough')
  const [first, second] = expected.people.edges.map((e) => e.node)
  const listName = `Frontier hires ${Date.now()}`

  const page = await newPage(t)
  await page.goto('/#/candidates')
  await page.getByRole('heading', { level: 1, name: 'Candidates' }).waitFor()
  // Without a key the page says how to get shortlists, and offers none.
  await page.getByText('Sign in with an API key (at the top of the page) to save this search or keep a shortlist.').waitFor()
  assert.equal(await page.locator('input.candidate-select').count(), 0)

  // Sign in from the header, with the keyboard.
  await page.getByRole('button', { name: 'Sign in with an API key' }).click()
  const keyInput = page.getByLabel('Your API key')
  await keyInput.fill(key)
  await keyInput.press('Enter')
  await page.getByRole('button', { name: 'Signed in · API key' }).waitFor()

  await page.getByRole('checkbox', { name: 'Breakthrough' }).check()
  await page.waitForFunction((text) => document.querySelector('#cand-count')?.textContent === text, countText(expected.people.totalCount))

  // Pick the first two people and put them on a new list.
  await page.getByRole('checkbox', { name: `Select ${first.name}` }).check()
  await page.getByRole('checkbox', { name: `Select ${second.name}` }).check()
  await page.getByText('2 people selected').waitFor()
  await page.getByLabel('Add to', { exact: true }).selectOption({ label: 'A new shortlist…' })
  await page.getByLabel('Name of a new shortlist').fill(listName)
  await page.getByRole('button', { name: 'Add to shortlist' }).click()
  await page.getByText(`Added 2 people to ${listName}.`).waitFor()

  // Save the search under a name.
  await page.getByRole('button', { name: 'Save this search' }).click()
  await page.getByLabel('Name of this search').fill('Breakthrough authors')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.getByText('Saved as “Breakthrough authors”.').waitFor()
  await page.screenshot({ path: join(outDir, 'shortlists-candidates.png'), fullPage: false })

  // Open the list: both people, with their credentials, and the export.
  await page.getByRole('link', { name: `Open ${listName}` }).click()
  await page.getByRole('heading', { level: 1, name: listName }).waitFor()
  await page.getByText('2 people', { exact: false }).first().waitFor()
  const members = page.locator('li.candidate')
  await members.nth(1).waitFor()
  assert.equal(await members.count(), 2)
  for (const p of [first, second]) {
    const row = members.filter({ has: page.getByRole('link', { name: p.name, exact: true }) })
    assert.equal(await row.locator('li.cred').filter({ hasText: 'Breakthrough' }).locator('.cred-verdict').textContent(), 'met')
    await row.getByRole('button', { name: `Remove ${p.name} from this list` }).waitFor()
  }
  // A note on one of them, which the export carries.
  await page.getByRole('button', { name: `Add a note on ${first.name}` }).click()
  await page.getByLabel(`Note on ${first.name}`).fill('Call after the offer window')
  await page.getByRole('button', { name: 'Save', exact: true }).click()
  await page.getByText('Note: Call after the offer window').waitFor()
  await page.screenshot({ path: join(outDir, 'shortlist.png'), fullPage: true })

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export CSV (2 people)' }).click()])
  assert.match(download.suggestedFilename(), /^shortlist-Frontier-hires-\d+-\d{4}-\d{2}-\d{2}\.csv$/)
  const file = join(outDir, 'shortlist.csv')
  await download.saveAs(file)
  const csv = await readFile(file, 'utf8')
  assert.ok(csv.startsWith('\uFEFF'), 'starts with a byte-order mark')
  const lines = csv.slice(1).split('\r\n').filter(Boolean)
  assert.equal(lines[0], 'id,name,current lab,credentials met,matched,evidence,evidence sources,evidence urls,note,added')
  assert.equal(lines.length, 3, 'the header and two people')
  const today = new Date().toISOString().slice(0, 10)
  for (const p of [first, second]) {
    const line = lines.find((l) => l.startsWith(`${p.id},`))
    assert.ok(line, `${p.name} is in the export`)
    assert.ok(line.includes(p.name))
    assert.match(line, /breakthrough/)
    const note = p === first ? 'Call after the offer window' : ''
    assert.ok(line.endsWith(`,${note},${today}`), `ends with the note and the day added: ${line}`)
  }

  // The saved search reopens the candidates view with its facets.
  await page.getByRole('link', { name: '← All shortlists' }).click()
  await page.getByRole('heading', { level: 1, name: 'Shortlists' }).waitFor()
  await page.getByRole('link', { name: listName }).waitFor()
  const saved = page.getByRole('link', { name: 'Breakthrough authors' })
  await saved.waitFor()
  await page.screenshot({ path: join(outDir, 'shortlists.png'), fullPage: true })
  await saved.click()
  await page.getByRole('heading', { level: 1, name: 'Candidates' }).waitFor()
  assert.equal(await page.getByRole('checkbox', { name: 'Breakthrough' }).isChecked(), true)
  await page.waitForFunction((text) => document.querySelector('#cand-count')?.textContent === text, countText(expected.people.totalCount))

  // The list is the key's: without it, the server does not show it.
  const res = await fetch(new URL('/graphql', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: '{ shortlists { id } }' }),
  })
  const body = await res.json()
  assert.equal(body.errors?.[0]?.extensions?.code, 'UNAUTHENTICATED')
})

// signIn signs in with the reader's key from the header.
async function signIn(page) {
  await page.getByRole('button', { name: 'Sign in with an API key' }).click()
  const keyInput = page.getByLabel('Your API key')
  await keyInput.fill(key)
  await keyInput.press('Enter')
  await page.getByRole('button', { name: 'Signed in · API key' }).waitFor()
}

test('delete a shortlist from the index, after a confirmation', async (t) => {
  const listName = `Short-lived ${Date.now()}`
  const page = await newPage(t)
  await page.goto('/#/shortlists')
  await page.getByRole('heading', { level: 1, name: 'Shortlists' }).waitFor()
  await signIn(page)
  await page.getByLabel('Name of a new shortlist').fill(listName)
  await page.getByRole('button', { name: 'Create shortlist' }).click()
  await page.getByRole('link', { name: listName }).waitFor()

  // The first answer is Cancel, which keeps the list.
  const ask = page.getByRole('button', { name: `Delete the shortlist ${listName}` })
  await ask.click()
  await page.getByText(`Delete “${listName}”? The people stay in The List.`).waitFor()
  await page.screenshot({ path: join(outDir, 'shortlists-delete.png'), fullPage: true })
  await page.getByRole('button', { name: 'Cancel' }).click()
  await ask.waitFor()

  await ask.click()
  await page.getByRole('button', { name: 'Yes, delete it' }).click()
  await page.getByText(`The shortlist “${listName}” was deleted.`).waitFor({ state: 'attached' })
  assert.equal(await page.getByRole('link', { name: listName }).count(), 0)

  // The server agrees: the key has no list of that name any more.
  const res = await fetch(new URL('/graphql', baseURL), {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ shortlists { name } }' }),
  })
  const body = await res.json()
  assert.deepEqual(body.errors, undefined)
  assert.equal(body.data.shortlists.filter((l) => l.name === listName).length, 0)
})

test('the sign-in panel fits a 768 px window and closes on a click outside and on Escape', async (t) => {
  const page = await newPage(t, { width: 768, height: 800 })
  await page.goto('/#/shortlists')
  await page.getByRole('heading', { level: 1, name: 'Shortlists' }).waitFor()
  const toggle = page.getByRole('button', { name: 'Sign in with an API key' })
  await toggle.click()
  const panel = page.getByRole('group', { name: 'API key' })
  await panel.waitFor()
  await page.screenshot({ path: join(outDir, 'sign-in-768.png') })
  const box = await panel.boundingBox()
  assert.ok(box.x >= 0 && box.x + box.width <= 768, `the panel is inside the window: ${JSON.stringify(box)}`)
  const button = await toggle.boundingBox()
  const line = await toggle.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 24)
  assert.ok(button.height < 2 * line, `the button's label is on one line: ${button.height}px`)

  // A click on the page below the panel closes it.
  await page.mouse.click(10, box.y + box.height + 100)
  await panel.waitFor({ state: 'detached' })

  await toggle.click()
  await page.getByLabel('Your API key').waitFor()
  await page.keyboard.press('Escape')
  await panel.waitFor({ state: 'detached' })
  assert.equal(await toggle.evaluate((el) => el === document.activeElement), true)
})
