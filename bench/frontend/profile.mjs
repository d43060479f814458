// profile.mjs shows where the frame time of bench.mjs's drag goes: it drags
// the 5,000-node network as bench.mjs does and prints the frame rate, the
// CPU time of every thread of Chromium's processes during the drag (from
// /proc: SwiftShader's threads have no trace events) and, with TRACE=1, a
// Chromium trace's busiest events per thread (the trace is written to
// bench/out/trace.json). It needs a server with bench.mjs's data at
// THELIST_URL; BENCHMARKS.md, Frontend, says how to start one.
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { baseURL, launchChromium } from '../../frontend/e2e/browser.mjs'

const centre = process.env.NETWORK_CENTRE || 'syn-person-0000002'
const panSeconds = Number(process.env.PAN_SECONDS || 4)
const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'out')

// stat reads a /proc stat line: the name, and the fields after it.
function stat(text) {
  return { comm: text.slice(text.indexOf('(') + 1, text.lastIndexOf(')')), fields: text.slice(text.lastIndexOf(')') + 2).split(' ') }
}

// cpu returns the CPU time (ms) of each "process type/thread name" among
// this process's descendants.
async function cpu() {
  const parent = {}
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue
    try {
      parent[pid] = stat(await readFile(`/proc/${pid}/stat`, 'utf8')).fields[1]
    } catch {
      // gone
    }
  }
  const mine = new Set([String(process.pid)])
  for (let grew = true; grew; ) {
    grew = false
    for (const [pid, ppid] of Object.entries(parent)) {
      if (mine.has(pid) || !mine.has(ppid)) continue
      mine.add(pid)
      grew = true
    }
  }
  mine.delete(String(process.pid))
  const tick = 1000 / 100 // USER_HZ
  const out = {}
  for (const pid of mine) {
    try {
      const type = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).match(/--type=([a-z-]+)/)?.[1] ?? 'browser'
      for (const tid of await readdir(`/proc/${pid}/task`)) {
        const { comm, fields } = stat(await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8'))
        const key = `${type}/${comm}`
        out[key] = (out[key] ?? 0) + (Number(fields[11]) + Number(fields[12])) * tick
      }
    } catch {
      // gone
    }
  }
  return out
}

function countFrames(page, ms) {
  return page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        let frames = 0
        const t0 = performance.now()
        const tick = (now) => {
          frames++
          if (now - t0 < ms) requestAnimationFrame(tick)
          else resolve((frames * 1000) / (now - t0))
        }
        requestAnimationFrame(tick)
      }),
    ms,
  )
}

const browser = await launchChromium()
const page = await (await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 } })).newPage()
await page.goto(`/#/network?id=${encodeURIComponent(centre)}&hops=2&limit=5000`)
await page.getByText(/^5000 nodes, \d+ relationships$/).waitFor({ timeout: 120_000 })
await page.locator('.net-canvas[data-layout="done"]').waitFor({ timeout: 60_000 })
await page.waitForTimeout(1000)
const box = await page.locator('.net-canvas').boundingBox()
const trace = !!process.env.TRACE
if (trace) await browser.startTracing(page, { categories: ['toplevel', 'gpu', 'cc', 'viz', 'blink', 'v8', 'disabled-by-default-devtools.timeline'] })

// The drag of bench.mjs: circles drifting right and down.
const x0 = box.x + box.width / 2
const y0 = box.y + box.height / 2
await page.mouse.move(x0, y0)
await page.mouse.down()
const before = await cpu()
const counting = countFrames(page, panSeconds * 1000)
const start = Date.now()
for (let t = 0; t < panSeconds * 1000; t = Date.now() - start) {
  const angle = (2 * Math.PI * t) / 1500
  await page.mouse.move(x0 + 120 * Math.cos(angle) - 120 + (40 * t) / 1000, y0 + 120 * Math.sin(angle) + (20 * t) / 1000)
  await new Promise((r) => setTimeout(r, 8))
}
const fps = await counting
const after = await cpu()
await page.mouse.up()

console.log(`dragging: ${fps.toFixed(1)} frames/s`)
const used = Object.entries(after)
  .map(([k, v]) => [k, v - (before[k] ?? 0)])
  .filter(([, v]) => v > 0)
  .sort((a, b) => b[1] - a[1])
console.log(`CPU during the ${panSeconds} s drag: ${used.reduce((a, [, v]) => a + v, 0)} ms`)
for (const [k, v] of used.slice(0, 12)) console.log(`  ${String(v).padStart(6)} ms  ${k}`)

if (trace) {
  const buf = await browser.stopTracing()
  await mkdir(outDir, { recursive: true })
  await writeFile(join(outDir, 'trace.json'), buf)
  const { traceEvents } = JSON.parse(buf.toString())
  const names = {}
  for (const e of traceEvents) {
    if (e.ph === 'M' && e.name === 'thread_name') names[`${e.pid}:${e.tid}`] = e.args.name
    if (e.ph === 'M' && e.name === 'process_name') names[e.pid] = e.args.name
  }
  // Inclusive wall time of each event name per thread: nested events
  // count in their parents too.
  const total = {}
  for (const e of traceEvents) {
    if (e.ph !== 'X' || !e.dur) continue
    const k = `${names[e.pid] ?? e.pid}/${names[`${e.pid}:${e.tid}`] ?? e.tid} ${e.name}`
    total[k] = (total[k] ?? 0) + e.dur / 1000
  }
  console.log(`trace (${join(outDir, 'trace.json')}), busiest events, wall ms including nested ones:`)
  for (const [k, v] of Object.entries(total)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30))
    console.log(`  ${v.toFixed(0).padStart(6)}  ${k}`)
}
await browser.close()
