/**
 * `npm run bench:dashboard`: the dashboard's weight and the first render of a long call.
 *
 * 1. The built JavaScript (and CSS), raw and gzipped, as the API serves it: what the first load
 *    needs (the files index.html names) apart from what is fetched on demand (livekit-client, when
 *    a voice call is joined).
 * 2. A call of TURNS turns (2 transcript lines each) on the embedded stack, opened in headless
 *    Chromium RUNS times: from navigation to the console rendered (script load, the SSE stream's
 *    first `state` event carrying the whole call, render of the latest 60 lines with the rest
 *    behind "show earlier"), and from that `state` event's arrival to the console in the DOM and
 *    to the next painted frame (the console's own render).
 * Prints markdown for docs/performance.md.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { loadConfig } from '../config/env'
import { SEARCH_ATTRIBUTES } from '../domain/search-attributes'
import { createLogger } from '../lib/logger'
import { startSystem } from '../scripts/system'
import { startTemporalDevServer } from '../scripts/temporal/dev-server'
import { getFreePort } from '../scripts/tools/free-port'
import { ensureTemporalCli } from '../scripts/tools/temporal-cli'
import { ensureDashboardBuilt } from '../scripts/web/build-dashboard'
import { launchChromium } from '../scripts/web/chromium'
import { ms, summarize } from './stats'

const TURNS = Number(process.env.TURNS ?? 200)
/** The console renders the latest 60 lines (TRANSCRIPT_PAGE in web/src/components/transcript.tsx). */
const WINDOW = 60
const RUNS = Number(process.env.RUNS ?? 7)
const QUESTIONS = [
  'What are your hours?',
  'Do you offer financing?',
  'Where are you located?',
  'Do you take trade-ins?',
  'Is there a warranty on used cars?',
]

// Browser-side code, as strings: this file is type-checked for Node, without the DOM.
/** Notes when the first `state` event reaches the page's listeners, before the app handles it. */
const NOTE_FIRST_STATE = `
  const add = EventSource.prototype.addEventListener
  EventSource.prototype.addEventListener = function (type, fn, options) {
    if (type !== 'state') return add.call(this, type, fn, options)
    return add.call(this, type, (e) => { window.__stateAt ??= performance.now(); fn(e) }, options)
  }`
/** Resolves once the console shows `n` transcript lines (and the rest behind "show earlier"). */
const WAIT_FOR_LINES = (n: number, windowed: boolean) => `
  new Promise((resolve) => {
    const check = () => {
      const ready = document.querySelectorAll('.line').length >= ${n} &&
        (${!windowed} || document.querySelector('.transcript__more') !== null)
      if (!ready) return requestAnimationFrame(check)
      const rendered = performance.now()
      requestAnimationFrame(() => resolve({ stateAt: window.__stateAt, rendered, painted: performance.now() }))
    }
    check()
  })`

const kB = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`

// 1. Size
const webDir = await ensureDashboardBuilt()
const assets = path.join(webDir, 'assets')
const firstLoad = readFileSync(path.join(webDir, 'index.html'), 'utf8')
const size = (keep: (file: string) => boolean) =>
  readdirSync(assets)
    .filter(keep)
    .map((f) => readFileSync(path.join(assets, f)))
    .reduce((t, b) => ({ raw: t.raw + b.length, gzip: t.gzip + gzipSync(b).length }), { raw: 0, gzip: 0 })
const js = size((f) => f.endsWith('.js') && firstLoad.includes(f))
const onDemandJs = size((f) => f.endsWith('.js') && !firstLoad.includes(f))
const css = size((f) => f.endsWith('.css'))

// 2. First render of a long call
const temporal = await startTemporalDevServer({
  cliPath: await ensureTemporalCli({ envPath: process.env.TEMPORAL_CLI_PATH }),
  port: await getFreePort(),
  uiPort: null,
  searchAttributes: SEARCH_ATTRIBUTES,
})
const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-bench-web-'))
const system = await startSystem(
  loadConfig({
    DATA_DIR: dataDir,
    PORT: String(await getFreePort()),
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: 'bench-dashboard',
    LOG_LEVEL: 'warn',
  }),
  createLogger('warn'),
)
const browser = await launchChromium()
try {
  const post = async (url: string, body: unknown) => {
    const res = await fetch(`${system.apiUrl}${url}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`)
    return res.json() as Promise<{ callId: string }>
  }
  const { callId } = await post('/api/calls', { channel: 'chat', customerPhone: '217-555-0101' })
  for (let i = 0; i < TURNS; i++)
    await post(`/api/calls/${callId}/messages`, { text: QUESTIONS[i % QUESTIONS.length] })
  const lines = TURNS * 2

  const samples = { load: [] as number[], render: [] as number[], paint: [] as number[] }
  for (let run = 0; run < RUNS + 1; run++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } })
    const page = await context.newPage()
    await page.addInitScript(NOTE_FIRST_STATE)
    await page.goto(`${system.apiUrl}/calls/${callId}`)
    const t = (await page.evaluate(WAIT_FOR_LINES(Math.min(lines, WINDOW), lines > WINDOW))) as {
      stateAt: number
      rendered: number
      painted: number
    }
    if (run > 0) {
      // The first run warms the server's caches and the browser's compile cache; not counted.
      samples.load.push(t.rendered)
      samples.render.push(t.rendered - t.stateAt)
      samples.paint.push(t.painted - t.stateAt)
    }
    await context.close()
  }
  const row = (what: string, s: number[]) => {
    const x = summarize(s)
    return `| ${what} | ${x.n} | ${ms(Math.min(...s))} | ${ms(x.p50)} | ${ms(x.max)} |`
  }
  console.log(`\nDashboard, ${new Date().toISOString().slice(0, 10)}\n`)
  console.log('| build output | raw | gzip |\n| --- | --- | --- |')
  console.log(`| JavaScript, first load | ${kB(js.raw)} | ${kB(js.gzip)} |`)
  console.log(`| JavaScript on demand (voice) | ${kB(onDemandJs.raw)} | ${kB(onDemandJs.gzip)} |`)
  console.log(`| CSS | ${kB(css.raw)} | ${kB(css.gzip)} |`)
  console.log(`\nConsole of a ${TURNS}-turn call (${lines} transcript lines), headless Chromium (ms)\n`)
  // On a busy machine the minimum is the closest to the render's own cost; the median is what a user
  // of such a machine sees.
  console.log('| measure | runs | min | median | max |\n| --- | --- | --- | --- | --- |')
  console.log(row('navigation start → console rendered', samples.load))
  console.log(row('first `state` event → console rendered in the DOM', samples.render))
  console.log(row('first `state` event → next frame painted', samples.paint))
} finally {
  await browser.close()
  await system.stop()
  await temporal.stop()
  rmSync(dataDir, { recursive: true, force: true })
}
process.exit(0)
