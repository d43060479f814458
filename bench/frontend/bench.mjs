// bench.mjs measures the web app in headless Chromium against a running
// server (THELIST_URL) holding the demo data and the synthetic bundle that
// run.sh loads. Two questions, each answered as a ratio against a baseline
// measured in the same run, on the same machine:
//
//  1. How long until a person page is usable: from navigation start to the
//     first frame after the timeline is on screen (the main thread then free
//     to take input, which a real click then confirms), cold (empty cache,
//     new browser context) and warm (same context). Baseline: the same
//     GraphQL request the page waits on, sent by fetch from the page, so the
//     ratio is what the web app adds over the API.
//  2. How smoothly a 5,000-node network pans: frames drawn per second
//     (requestAnimationFrame callbacks) while the mouse drags the camera.
//     Baseline: the frame rate of the same page, idle.
//
// Results go to bench/out/frontend-<date>.json and .md (git-ignored).
// Settings, from the environment: RUNS (person page loads per kind, 15),
// PERSONS (ids, "matt-deitke,syn-person-0000002"), NETWORK_CENTRE
// (syn-person-0000002), NETWORK_HOPS (2), PAN_SECONDS (4).
import { execFileSync } from 'node:child_process'
import { mkdir, writeFile } from 'node:fs/promises'
import os from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { baseURL, launchChromium } from '../../frontend/e2e/browser.mjs'

const runs = Number(process.env.RUNS || 15)
const persons = (process.env.PERSONS || 'matt-deitke,syn-person-0000002').split(',')
const centre = process.env.NETWORK_CENTRE || 'syn-person-0000002'
const hops = Number(process.env.NETWORK_HOPS || 2)
const panSeconds = Number(process.env.PAN_SECONDS || 4)
const networkNodes = 5000
const viewport = { width: 1280, height: 900 }
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out')

// The load average is sampled while the benchmark runs: the machine is
// shared, and a busy neighbour slows every number, baseline included.
const loads = []
const sampleLoad = () => loads.push(os.loadavg()[0])
const loadTimer = setInterval(sampleLoad, 2000)
sampleLoad()

// marker runs in the page before its own scripts. It records when the
// person page's timeline is in the DOM ("rendered") and the first frame
// after that, once the main thread has run a task again ("usable"), and the
// times of clicks and of <details> opening, to time a click's answer.
function marker() {
  const bench = (window.__bench = { clicks: [], toggles: [] })
  const ready = () => document.querySelector('article.person h1') && document.querySelector('ol.stints > li details.sources')
  const observer = new MutationObserver(() => {
    if (bench.rendered || !ready()) return
    bench.rendered = performance.now()
    observer.disconnect()
    requestAnimationFrame(() => setTimeout(() => (bench.usable = performance.now())))
  })
  observer.observe(document, { childList: true, subtree: true })
  document.addEventListener('click', (e) => bench.clicks.push(e.timeStamp), true)
  // toggle does not bubble, but a capturing listener on the document sees it.
  document.addEventListener('toggle', () => bench.toggles.push(performance.now()), true)
}

// loadPerson opens a person page in page and returns its timings. The page
// asks GetPerson, whose body is kept for the baseline.
async function loadPerson(page, id, captured) {
  const onRequest = (req) => {
    const body = req.postData()
    if (req.url().endsWith('/graphql') && body?.includes('query GetPerson')) captured.body ??= body
  }
  page.on('request', onRequest)
  await page.goto('about:blank')
  await page.goto(`/#/person/${encodeURIComponent(id)}`)
  await page.waitForFunction(() => window.__bench?.usable, null, { timeout: 60_000 })
  page.off('request', onRequest)
  // A real click on the first stint's sources must open them.
  await page.locator('ol.stints > li details.sources summary').first().click()
  await page.waitForFunction(() => window.__bench.toggles.length > 0)
  return page.evaluate(() => {
    const b = window.__bench
    const nav = performance.getEntriesByType('navigation')[0]
    // The page's first GraphQL request is GetPerson (api.ts).
    const api = performance.getEntriesByType('resource').find((r) => r.name.endsWith('/graphql'))
    return {
      usable: b.usable,
      rendered: b.rendered,
      htmlResponse: nav.responseEnd,
      domContentLoaded: nav.domContentLoadedEventEnd,
      apiDuringLoad: api ? api.responseEnd - api.startTime : null,
      clickAnswer: b.toggles[0] - b.clicks[b.clicks.length - 1],
    }
  })
}

// fetchPerson is the baseline: the page's own GetPerson request, by fetch
// from the page, timed to the parsed answer.
function fetchPerson(page, body) {
  return page.evaluate(async (body) => {
    const t0 = performance.now()
    const res = await fetch('/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    const data = await res.json()
    if (!data.data?.person) throw new Error('baseline request found no person')
    return performance.now() - t0
  }, body)
}

async function personPage(browser, id) {
  const captured = {}
  const rows = { cold: [], warm: [] }
  const newPage = async (context) => {
    await context.addInitScript(marker)
    return context.newPage()
  }
  // The first load warms the server and Neo4j for this person; it is not
  // counted, so cold means a cold browser, not a cold database.
  {
    const context = await browser.newContext({ baseURL, viewport })
    await loadPerson(await newPage(context), id, captured)
    await context.close()
  }
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ baseURL, viewport })
    const page = await newPage(context)
    const t = await loadPerson(page, id, captured)
    rows.cold.push({ ...t, fetch: await fetchPerson(page, captured.body) })
    await context.close()
  }
  const context = await browser.newContext({ baseURL, viewport })
  const page = await newPage(context)
  await loadPerson(page, id, captured)
  for (let i = 0; i < runs; i++) {
    const t = await loadPerson(page, id, captured)
    rows.warm.push({ ...t, fetch: await fetchPerson(page, captured.body) })
  }
  await context.close()
  return rows
}

// countFrames counts requestAnimationFrame callbacks for ms in the page,
// and the longest gap between two.
function countFrames(page, ms) {
  return page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        let frames = 0
        let last = performance.now()
        let longest = 0
        const t0 = last
        const tick = (now) => {
          frames++
          longest = Math.max(longest, now - last)
          last = now
          if (now - t0 < ms) requestAnimationFrame(tick)
          else resolve({ fps: (frames * 1000) / (now - t0), longestFrame: longest })
        }
        requestAnimationFrame(tick)
      }),
    ms,
  )
}

async function network(browser) {
  const context = await browser.newContext({ baseURL, viewport })
  const page = await context.newPage()
  const t0 = Date.now()
  await page.goto(`/#/network?id=${encodeURIComponent(centre)}&hops=${hops}&limit=${networkNodes}`)
  const stats = page.getByText(new RegExp(`^${networkNodes} nodes, \\d+ relationships$`))
  await stats.waitFor({ timeout: 120_000 })
  const loaded = Date.now() - t0
  const statsText = await stats.textContent()
  // ForceAtlas2 runs for at most 6 s in its worker; the camera then eases
  // to fit. Panning is measured on the settled graph.
  await page.locator('.net-canvas[data-layout="done"]').waitFor({ timeout: 60_000 })
  await page.waitForTimeout(1000)
  const canvas = page.locator('.net-canvas')
  const box = await canvas.boundingBox()
  const before = await canvas.screenshot()

  const idle = await countFrames(page, panSeconds * 1000)

  // The drag circles (one turn in 1.5 s, radius 120 px) while drifting right
  // and down, so the camera ends elsewhere and the picture must change.
  const x0 = box.x + box.width / 2
  const y0 = box.y + box.height / 2
  await page.mouse.move(x0, y0)
  await page.mouse.down()
  const counting = countFrames(page, panSeconds * 1000)
  const start = Date.now()
  let moves = 0
  for (let t = 0; t < panSeconds * 1000; t = Date.now() - start) {
    const angle = (2 * Math.PI * t) / 1500
    const x = x0 + 120 * Math.cos(angle) - 120 + (40 * t) / 1000
    const y = y0 + 120 * Math.sin(angle) + (20 * t) / 1000
    await page.mouse.move(x, y)
    moves++
    await new Promise((r) => setTimeout(r, 8))
  }
  const pan = await counting
  await page.mouse.up()
  await page.waitForTimeout(500)
  const after = await canvas.screenshot()
  await context.close()
  if (before.equals(after)) throw new Error('the drag did not move the camera: the canvas is unchanged')
  return { centre, hops, statsText, loadMs: loaded, idle, pan, mouseMovesPerSecond: moves / panSeconds, ratio: pan.fps / idle.fps }
}

function summary(values) {
  const v = values.filter((x) => x != null).sort((a, b) => a - b)
  const at = (q) => v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)]
  return { n: v.length, median: at(0.5), p90: at(0.9), min: v[0], max: v[v.length - 1] }
}

function git(...args) {
  try {
    return execFileSync('git', args, { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

const browser = await launchChromium()
const started = new Date()
const people = {}
for (const id of persons) {
  const rows = await personPage(browser, id)
  people[id] = {}
  for (const kind of ['cold', 'warm']) {
    const usable = summary(rows[kind].map((r) => r.usable))
    const fetch = summary(rows[kind].map((r) => r.fetch))
    people[id][kind] = {
      usable,
      fetch,
      ratio: usable.median / fetch.median,
      rendered: summary(rows[kind].map((r) => r.rendered)),
      apiDuringLoad: summary(rows[kind].map((r) => r.apiDuringLoad)),
      domContentLoaded: summary(rows[kind].map((r) => r.domContentLoaded)),
      clickAnswer: summary(rows[kind].map((r) => r.clickAnswer)),
      runs: rows[kind],
    }
  }
}
const net = await network(browser)
const chromiumVersion = browser.version()
await browser.close()
clearInterval(loadTimer)
sampleLoad()

const result = {
  date: started.toISOString(),
  commit: git('rev-parse', '--short', 'HEAD'),
  machine: {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    loadAverage: summary(loads),
    node: process.version,
    chromium: chromiumVersion,
  },
  url: baseURL,
  runs,
  people,
  network: net,
}

const ms = (x) => (x == null ? '–' : `${Math.round(x)} ms`)
const lines = [
  `# Frontend benchmark, ${result.date}`,
  '',
  `Commit ${result.commit}; ${result.machine.cpus} × ${result.machine.cpuModel}, ${result.machine.memoryGB} GB; ` +
    `load average (1 min) during the run: median ${result.machine.loadAverage.median.toFixed(2)}, max ${result.machine.loadAverage.max.toFixed(2)}; ` +
    `Chromium ${chromiumVersion} headless (software WebGL); Node ${process.version}.`,
  '',
  `## Person page: navigation start → usable (${runs} loads each)`,
  '',
  '| person | cache | usable median | usable p90 | GetPerson by fetch, median | ratio | API during load, median | click answered in, median |',
  '|---|---|---|---|---|---|---|---|',
]
for (const [id, kinds] of Object.entries(people)) {
  for (const [kind, r] of Object.entries(kinds)) {
    lines.push(`| ${id} | ${kind} | ${ms(r.usable.median)} | ${ms(r.usable.p90)} | ${ms(r.fetch.median)} | ${r.ratio.toFixed(1)} | ${ms(r.apiDuringLoad.median)} | ${ms(r.clickAnswer.median)} |`)
  }
}
lines.push(
  '',
  `## Network: panning ${networkNodes} nodes`,
  '',
  `Centre ${net.centre}, ${net.hops} hops: "${net.statsText}", on screen ${ms(net.loadMs)} after navigation.`,
  '',
  '| | frames/s | longest frame |',
  '|---|---|---|',
  `| idle (baseline) | ${net.idle.fps.toFixed(1)} | ${ms(net.idle.longestFrame)} |`,
  `| dragging (${net.mouseMovesPerSecond.toFixed(0)} mouse moves/s) | ${net.pan.fps.toFixed(1)} | ${ms(net.pan.longestFrame)} |`,
  '',
  `Ratio dragging / idle: ${net.ratio.toFixed(2)}.`,
  '',
)

await mkdir(outDir, { recursive: true })
const stamp = result.date.replace(/:\d\d\.\d+Z$/, 'Z').replace(':', '')
const base = join(outDir, `frontend-${stamp}`)
await writeFile(`${base}.json`, JSON.stringify(result, null, 2) + '\n')
await writeFile(`${base}.md`, lines.join('\n'))
console.log(lines.join('\n'))
console.log(`written: ${base}.md, ${base}.json`)
