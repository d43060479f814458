// person-papers.test.mjs checks that a person's papers say how many there
// are in all, as the API counts them, in English and in Chinese. Paging
// past 100 is covered by the unit test (src/App.test.tsx): no one in the
// demo data has written that many.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { api, useBrowser } from './browser.mjs'

const newPage = useBrowser({ timeout: 30_000 })

for (const lang of ['en', 'zh']) {
  test(`a person's papers show their total (${lang})`, async (t) => {
    const { person } = await api('{ person(id: "ilya-sutskever") { paperCount } }')
    assert.ok(person.paperCount > 0)
    const page = await newPage(t)
    await page.goto(`/#/person/ilya-sutskever${lang === 'zh' ? '?lang=zh' : ''}`)
    const want = lang === 'zh' ? `论文（${person.paperCount} 篇）` : `Papers (${person.paperCount})`
    await page.getByRole('heading', { level: 2, name: want, exact: true }).waitFor()
    assert.equal(await page.locator('ol.papers > li').count(), person.paperCount)
    assert.equal(await page.getByRole('button', { name: /more papers|再显示/ }).count(), 0, 'no more to show')
  })
}
