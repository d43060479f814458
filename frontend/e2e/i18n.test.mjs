// i18n.test.mjs checks the language switch and the shell in Debian's
// Chromium against a running server, as search.test.mjs does: THELIST_URL
// (default http://127.0.0.1:8080) must serve dist/ and answer /graphql with
// the demo data. Screenshots go to e2e/output/.
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { outDir, useBrowser } from './browser.mjs'

const newPage = useBrowser()

test('switching to Simplified Chinese translates the pages and survives a reload', async (t) => {
  const page = await newPage(t)
  await page.goto('/')
  await page.getByLabel('Search people').waitFor()
  assert.equal(await page.locator('html').getAttribute('lang'), 'en')

  await page.getByRole('button', { name: '简体中文' }).click()
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans')
  await page.getByLabel('搜索人物').waitFor()
  assert.match(page.url(), /[?&]lang=zh\b/)
  assert.equal(await page.getByRole('button', { name: '简体中文' }).getAttribute('aria-pressed'), 'true')

  await page.getByLabel('搜索人物').fill('Deitke')
  await page.getByRole('link', { name: 'Matt Deitke' }).first().waitFor()
  await page.getByRole('status').filter({ hasText: /找到 \d+ 人。/ }).waitFor()
  await page.screenshot({ path: join(outDir, 'zh-search.png') })

  await page.getByRole('link', { name: 'Matt Deitke' }).first().click()
  await page.getByRole('heading', { level: 1, name: 'Matt Deitke' }).waitFor()
  assert.match(page.url(), /#\/person\/[^/?]+\?lang=zh$/)
  await page.getByRole('heading', { level: 2, name: '历年任职机构' }).waitFor()
  await page.getByRole('link', { name: '← 返回搜索' }).waitFor()
  // Periods are in Chinese; a year alone stays a year.
  const periods = await page.locator('.stints .stint-period').allTextContents()
  assert.ok(periods.length > 0, 'no periods shown')
  for (const p of periods) assert.match(p, /年|日期未报道/, `period ${JSON.stringify(p)} is not in Chinese`)
  await page.screenshot({ path: join(outDir, 'zh-person.png'), fullPage: true })
  await page.setViewportSize({ width: 768, height: 1024 })
  await page.screenshot({ path: join(outDir, 'zh-person-tablet.png'), fullPage: true })
  await page.setViewportSize({ width: 1280, height: 900 })

  await page.reload()
  await page.getByRole('heading', { level: 1, name: 'Matt Deitke' }).waitFor()
  await page.getByRole('heading', { level: 2, name: '历年任职机构' }).waitFor()
  assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans')

  // The choice is remembered even where the URL says nothing.
  await page.goto('/')
  await page.getByLabel('搜索人物').waitFor()
  assert.match(page.url(), /[?&]lang=zh\b/)
})

test('the shell works from the keyboard alone', async (t) => {
  const page = await newPage(t, { width: 768, height: 1024 })
  await page.goto('/')
  // The search page focuses its box on arrival, so Shift+Tab from there
  // walks the shell backwards to the top of the page.
  await page.getByLabel('Search people').waitFor()
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-input')
  const visited = []
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press('Shift+Tab')
    visited.unshift(await page.evaluate(() => document.activeElement?.textContent ?? ''))
  }
  assert.deepEqual(visited, ['Skip to content', 'The List', 'Search', 'Candidates', 'Network', 'Labs', 'Shortlists', 'Sign in with an API key', 'English', '简体中文'])
  const skip = await page.locator('.skip-link').boundingBox()
  assert.ok(skip && skip.y >= 0, 'the skip link stays off screen when focused')
  await page.screenshot({ path: join(outDir, 'tablet-skip-link.png') })

  // The skip link, taken with Enter, lands on the content.
  await page.keyboard.press('Enter')
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'main')

  // Another view, reached with the keyboard, opens with its heading.
  await page.getByRole('link', { name: 'Network' }).focus()
  await page.keyboard.press('Enter')
  await page.getByRole('heading', { level: 1, name: 'Network' }).waitFor()
  assert.match(page.url(), /#\/network$/)
  await page.screenshot({ path: join(outDir, 'tablet-network.png') })

  // The header fits a tablet's width without scrolling sideways.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
  assert.equal(overflow, 0)
})
