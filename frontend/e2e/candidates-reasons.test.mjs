// candidates-reasons.test.mjs reads why people matched as the app words
// the API's structured reasons, in English and in Chinese; a person whom
// no job places anywhere today reads "last reported at Google, 2017", not
// "at Google"; and the company deal that brought them is shown with its
// sources. Alex Krizhevsky came to Google with DNNresearch (December 2012).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { api, outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser({ timeout: 30_000 })

for (const lang of ['en', 'zh']) {
  test(`a candidate's reasons, last report and deals (${lang})`, async (t) => {
    const { person } = await api('{ person(id: "alex-krizhevsky") { currentStint { id } lastReported { lab { name } confirmed } } }')
    assert.equal(person.currentStint, null, 'no job holds today')
    assert.equal(person.lastReported.lab.name, 'Google')
    const page = await newPage(t)
    await page.goto(`/#/candidates?worked=google${lang === 'zh' ? '&lang=zh' : ''}`)
    const row = page.locator('li.candidate', { has: page.locator('a.candidate-name', { hasText: 'Alex Krizhevsky' }) })
    await row.waitFor()
    const year = person.lastReported.confirmed.slice(0, 4)
    const last = row.locator('.last-reported')
    if (lang === 'en') {
      assert.match(await last.textContent(), new RegExp(`^Last reported at Google, .*${year}$`))
      assert.match(await row.locator('.matched li').first().textContent(), /^Worked at Google/)
      assert.match(await row.locator('.candidate-deals li').first().textContent(), /Google → DNNresearch \(acquisition, Dec 2012\)/)
    } else {
      assert.match(await last.textContent(), new RegExp(`^最近一次报道在 Google，${year}年`))
      assert.match(await row.locator('.matched li').first().textContent(), /^曾任职于 Google/)
      assert.match(await row.locator('.candidate-deals li').first().textContent(), /Google → DNNresearch（收购，2012年12月）/)
    }
    await row.locator('.candidate-deals .sources summary').first().click()
    assert.match(await row.locator('.candidate-deals .source a').first().getAttribute('href'), /^https?:\/\//)
    await row.screenshot({ path: join(outDir, `candidate-reasons-${lang}.png`) })
  })
}
