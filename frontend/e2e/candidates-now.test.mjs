// candidates-now.test.mjs drives the recruiter's filters on people's jobs
// today in Debian's Chromium against a running server with the demo data
// (THELIST_URL, as in candidates.test.mjs): "not currently at" a lab, which
// keeps the people who left it, and keywords of the current job's title,
// with the reasons in English and Chinese, the shared link and the CSV.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { api, outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ viewport: { width: 1280, height: 1100 } })

const countText = (n) => `${n} candidate${n === 1 ? '' : 's'}`
const waitCount = (page, n) => page.waitForFunction((text) => document.querySelector('#cand-count')?.textContent === text, countText(n))

test('"not currently at" keeps who left a lab; title keywords read the current job', async (t) => {
  // On the demo data: now at OpenAI and not now at OpenAI split everyone;
  // "never at" drops more, since people have left OpenAI.
  // One request each: a statement planned for the first time takes seconds
  // on a loaded machine, and a request has a time limit.
  const total = async (w) => (await api('query($w: PeopleFilter) { people(where: $w) { totalCount } }', { w })).people.totalCount
  const all = await total({})
  const now = await total({ currentlyAt: ['openai'] })
  const notNow = await total({ notCurrentlyAt: ['openai'] })
  assert.equal(now + notNow, all, 'now and not now split everyone')
  assert.ok((await total({ neverAt: ['openai'] })) < notNow, 'someone has left OpenAI')

  // The question: who left OpenAI and is a "chief" something now.
  const where = { workedAt: ['openai'], notCurrentlyAt: ['openai'], roleKeywords: ['chief'] }
  const left = await total({ workedAt: ['openai'], notCurrentlyAt: ['openai'] })
  const expected = await api(
    `query($where: PeopleFilter) { people(where: $where, first: 50) { totalCount edges { node { id name } matched
        reasons { condition values records { labName label } } } } }`,
    { where },
  )
  assert.ok(expected.people.totalCount > 0, 'someone who left OpenAI holds a "chief" title now')
  const first = expected.people.edges[0]

  const page = await newPage(t)
  await page.goto('/#/candidates')
  await page.getByRole('heading', { level: 1, name: 'Candidates' }).waitFor()
  for (const name of ['Worked at', 'Not currently at']) {
    const box = page.getByRole('combobox', { name, exact: true })
    await box.fill('OpenAI')
    await page.getByRole('listbox', { name, exact: true }).getByRole('option', { name: /^OpenAI/ }).first().waitFor()
    await box.press('Enter')
  }
  await waitCount(page, left)

  // Keywords are typed, several at once, and shown as chips.
  await page.getByRole('textbox', { name: 'Add a title keyword' }).fill('chief')
  await page.getByRole('textbox', { name: 'Add a title keyword' }).press('Enter')
  await page.getByRole('list', { name: 'Job title' }).getByText('chief', { exact: true }).waitFor()
  await waitCount(page, expected.people.totalCount)
  assert.match(page.url(), /worked=openai&notat=openai&role=chief/)

  // Why each matched: the lab left, with the job there, and the title now.
  const row = page.locator('li.candidate').filter({ has: page.getByRole('link', { name: first.node.name, exact: true }) })
  await row.waitFor()
  const leftReason = row.locator('.matched li[data-condition="notCurrentlyAt"]')
  assert.match(await leftReason.textContent(), /^Not at OpenAI now \(was: OpenAI/)
  const role = row.locator('.matched li[data-condition="roleKeywords"]')
  const roleReason = first.reasons.find((r) => r.condition === 'roleKeywords')
  assert.match(await role.textContent(), /^Current title matches chief: /)
  assert.ok((await role.textContent()).includes(roleReason.records[0].labName), 'names the lab of the current job')
  await page.screenshot({ path: join(outDir, 'candidates-now.png'), fullPage: true })

  // "Any job held" widens the keywords to past titles: never fewer people.
  const widened = await total({ ...where, roleAnyJob: true })
  await page.getByRole('checkbox', { name: 'Any job held, not only the current one' }).check()
  await waitCount(page, widened)
  assert.ok(widened >= expected.people.totalCount)
  assert.match(page.url(), /roleany=1/)
  await page.getByRole('checkbox', { name: 'Any job held, not only the current one' }).uncheck()
  await waitCount(page, expected.people.totalCount)

  // The CSV carries the same reasons in its matched column.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /^Export all \d+ rows? \(CSV\)/ }).click()])
  const file = join(outDir, 'candidates-now.csv')
  await download.saveAs(file)
  const lines = (await readFile(file, 'utf8')).slice(1).split('\r\n').filter(Boolean)
  assert.equal(lines.length, 1 + expected.people.totalCount)
  const line = lines.find((l) => l.startsWith(`${first.node.id},`))
  assert.ok(line?.includes('not currently at OpenAI'), line)
  assert.ok(line?.includes('current role matches chief'), line)

  // The shared link, opened in Chinese, restores the search and words the
  // reasons in Chinese from the same data.
  await page.goto(`/${new URL(page.url()).hash}&lang=zh`)
  await waitCount(page, expected.people.totalCount).catch(() => undefined)
  const zhRow = page.locator('li.candidate').filter({ has: page.getByRole('link', { name: first.node.name, exact: true }) })
  await zhRow.waitFor()
  assert.match(await zhRow.locator('.matched li[data-condition="notCurrentlyAt"]').textContent(), /^目前不在 OpenAI（曾任：OpenAI/)
  assert.match(await zhRow.locator('.matched li[data-condition="roleKeywords"]').textContent(), /^当前职位含 chief：/)
  assert.equal(await page.getByRole('list', { name: '职位头衔' }).getByText('chief', { exact: true }).count(), 1)
  await page.screenshot({ path: join(outDir, 'candidates-now-zh.png'), fullPage: true })
})
