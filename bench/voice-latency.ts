/**
 * `npx tsx bench/voice-latency.ts [turns]`: end of the caller's speech -> first agent audio frame at
 * the caller, on the whole `npm start` system (PGlite, Temporal dev server, LiveKit dev server, the
 * voice worker with the offline engines) running as its own process, as it is deployed: the test
 * caller's audio does not share an event loop with the API. Broken down with the voice worker's own
 * per-stage metrics. Prints a markdown table for docs/performance.md. Not a test: figures depend on
 * the machine.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { followOutput, terminate } from '../scripts/tools/child-process'
import { getFreePort } from '../scripts/tools/free-port'
import { joinAsCaller, type TestCaller } from '../tests/support/voice-participant'
import { ms, summarize } from './stats'

const TURNS = Number(process.argv[2] ?? 8)
const QUESTIONS = ['What are your hours?', 'Where are you located?', 'Do you offer financing?']

/**
 * The system's output, as `npm start` prints it at debug level: its "pitcrew is running" banner, the
 * voice worker's "voice metrics" and "turn answered" lines, and the pitcrew worker's own "turn" lines
 * (graph and storage time of each turn).
 */
const metrics: { type: string; [k: string]: unknown }[] = []
const split = {
  roundTripMs: [] as number[],
  inApiMs: [] as number[],
  updateMs: [] as number[],
  decidedMs: [] as number[],
  savedMs: [] as number[],
}
let running = false
/** Turn lines are counted once the voice call starts (the text baseline comes first). */
let voiceCall = false
function readLogLine(line: string) {
  if (line.includes('pitcrew is running')) running = true
  const turnMs = /turnMs\\?":(\d+)/.exec(line)
  if (turnMs) split.roundTripMs.push(Number(turnMs[1]))
  // The API's Server-Timing of the voice turn, logged with it: its whole time and the Update's.
  const inApi = /total;dur=([\d.]+)/.exec(line)
  if (turnMs && inApi) split.inApiMs.push(Number(inApi[1]))
  const update = /turn;dur=([\d.]+)/.exec(line)
  if (turnMs && update) split.updateMs.push(Number(update[1]))
  const stored = /"decidedMs":(\d+),"savedMs":(\d+)/.exec(line)
  if (stored && voiceCall) {
    split.decidedMs.push(Number(stored[1]))
    split.savedMs.push(Number(stored[2]))
  }
  if (!line.includes('voice metrics')) return
  try {
    const outer = JSON.parse(line) as { msg?: string }
    const inner = JSON.parse(outer.msg ?? '') as { metrics?: { type: string } }
    if (inner.metrics) metrics.push(inner.metrics)
  } catch {
    // Not a metrics line of the worker.
  }
}

function fail(): never {
  throw new Error(`pitcrew exited (code ${system.exitCode}):\n${tail()}`)
}
const sleep = (t: number) => new Promise((r) => setTimeout(r, t))
async function until<T>(what: string, get: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = get()
    if (value !== undefined) return value
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}
/** Waits until the agent has been quiet for `quietMs` (its greeting or reply is over). */
const quiet = (caller: TestCaller, quietMs = 1200) =>
  until('the agent to stop speaking', () =>
    caller.lastSoundAt() > 0 && performance.now() - caller.lastSoundAt() > quietMs ? true : undefined,
  )

const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-voice-bench-'))
const port = await getFreePort()
const apiUrl = `http://127.0.0.1:${port}`
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  PORT: String(port),
  TEMPORAL_PORT: String(await getFreePort()),
  TEMPORAL_UI_PORT: String(await getFreePort()),
  LIVEKIT_PORT: String(await getFreePort()),
  LIVEKIT_RTC_TCP_PORT: String(await getFreePort()),
  LIVEKIT_RTC_UDP_PORT: String(await getFreePort()),
  VOICE_ENGINES: 'offline',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'debug',
}
const system = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
  env,
  stdio: ['ignore', 'pipe', 'pipe'],
})
const exited = new Promise<void>((r) => system.once('exit', () => r()))
const tail = followOutput(system, 40, readLogLine)
const totals: number[] = []
/** The same questions as text turns over HTTP, on the same system before any voice call: the baseline. */
const textTurns: number[] = []
const post = (path: string, body: unknown) =>
  fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
try {
  await until(
    'pitcrew to start',
    () => (running ? true : system.exitCode === null ? undefined : fail()),
    180_000,
  )
  // The voice worker's job and inference processes load for several seconds after the banner.
  await sleep(Number(process.env.BENCH_SETTLE_MS ?? 20_000))
  const chat = (await (await post('/api/calls', { channel: 'chat' })).json()) as { callId: string }
  for (let i = 0; i < TURNS + 2; i++) {
    const sent = performance.now()
    await (await post(`/api/calls/${chat.callId}/messages`, { text: QUESTIONS[i % QUESTIONS.length] })).json()
    // The first two warm the path up.
    if (i >= 2) textTurns.push(performance.now() - sent)
  }
  voiceCall = true
  const res = await post('/api/calls', { channel: 'web' })
  const { livekit } = (await res.json()) as { livekit: { url: string; token: string } }
  // A 20 ms microphone queue: "end of speech" is then when the last frame left, within 20 ms.
  const caller = await joinAsCaller(livekit.url, livekit.token, 20)
  await quiet(caller)
  for (let i = 0; i < TURNS; i++) {
    const ended = await caller.say(QUESTIONS[i % QUESTIONS.length]!, 1000)
    const first = await until('the reply', () => caller.firstSoundAfter(ended))
    totals.push(first - ended)
    await quiet(caller)
  }
  await caller.leave()
} finally {
  await terminate(system, exited, 20_000)
  rmSync(dataDir, { recursive: true, force: true })
}

const of = (type: string, key: string) => metrics.filter((m) => m.type === type).map((m) => Number(m[key]))
// The first TTS request is the greeting, which no user turn waits for.
const stages: [string, number[]][] = [
  ['end of speech -> first agent audio frame at the caller (total)', totals],
  ['  end of speech -> final transcript (VAD silence wait + STT)', of('eou_metrics', 'transcriptionDelayMs')],
  ['  end of speech -> turn committed (+ endpointing delay)', of('eou_metrics', 'endOfUtteranceDelayMs')],
  ['  STT compute (sox + pocketsphinx per utterance)', of('stt_metrics', 'durationMs')],
  ['  workflow turn: API -> userTurn Update -> graph -> reply (pitcrew)', of('llm_metrics', 'ttftMs')],
  ['    HTTP round trip seen by the voice worker', split.roundTripMs],
  ['      in the API (Server-Timing total)', split.inApiMs],
  ['        the userTurn Update (Temporal, workflow, turn activity)', split.updateMs],
  ['    agent graph in the turn activity', split.decidedMs],
  ['    storing the turn (transcript, events, state)', split.savedMs],
  ['  TTS to first audio (espeak-ng + sox)', of('tts_metrics', 'ttfbMs').slice(1)],
  ['the same questions as text turns over HTTP, no voice call running', textTurns],
]
console.log(`\nVoice latency, ${TURNS} turns, offline engines (${new Date().toISOString().slice(0, 10)})\n`)
console.log('| stage | n | p50 ms | p95 ms | max ms |')
console.log('| --- | --- | --- | --- | --- |')
for (const [what, samples] of stages) {
  const s = summarize(samples)
  console.log(`| ${what} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`)
}
process.exit(0)
