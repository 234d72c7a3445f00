/**
 * `npx tsx bench/voice-latency.ts [turns]`: end of the caller's speech -> first agent audio frame at
 * the caller, on the whole `npm start` system (PGlite, Temporal dev server, LiveKit dev server, the
 * voice worker with the offline engines), broken down with the voice worker's own per-stage metrics.
 * Prints a markdown table for docs/performance.md. Not a test: figures depend on the machine.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Writable } from 'node:stream'
import { pino } from 'pino'
import { loadConfig } from '../config/env'
import { startSystem } from '../scripts/system'
import { getFreePort } from '../scripts/tools/free-port'
import { joinAsCaller, type TestCaller } from '../tests/support/voice-participant'
import { ms, summarize } from './stats'

const TURNS = Number(process.argv[2] ?? 8)
const QUESTIONS = ['What are your hours?', 'Where are you located?', 'Do you offer financing?']

/**
 * The voice worker's "voice metrics" and "turn answered" lines, which startSystem logs at debug level,
 * and the pitcrew worker's own "turn" lines (graph and storage time of each turn).
 */
const metrics: { type: string; [k: string]: unknown }[] = []
const split = { roundTripMs: [] as number[], decidedMs: [] as number[], savedMs: [] as number[] }
const capture = new Writable({
  write(chunk: Buffer, _enc, done) {
    for (const line of chunk.toString('utf8').split('\n')) {
      const turnMs = /turnMs\\?":(\d+)/.exec(line)
      if (turnMs) split.roundTripMs.push(Number(turnMs[1]))
      const stored = /"decidedMs":(\d+),"savedMs":(\d+)/.exec(line)
      if (stored) {
        split.decidedMs.push(Number(stored[1]))
        split.savedMs.push(Number(stored[2]))
      }
      if (!line.includes('voice metrics')) continue
      try {
        const outer = JSON.parse(line) as { msg?: string }
        const inner = JSON.parse(outer.msg ?? '') as { metrics?: { type: string } }
        if (inner.metrics) metrics.push(inner.metrics)
      } catch {
        // Not a metrics line of the worker.
      }
    }
    done()
  },
})

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
const config = loadConfig({
  DATA_DIR: dataDir,
  PORT: String(port),
  TEMPORAL_PORT: String(await getFreePort()),
  TEMPORAL_UI_PORT: String(await getFreePort()),
  LIVEKIT_PORT: String(await getFreePort()),
  LIVEKIT_RTC_TCP_PORT: String(await getFreePort()),
  LIVEKIT_RTC_UDP_PORT: String(await getFreePort()),
  VOICE_ENGINES: 'offline',
  LOG_LEVEL: 'debug',
})
const system = await startSystem(config, pino({ level: 'debug' }, capture))
const totals: number[] = []
try {
  const res = await fetch(`${system.apiUrl}/api/calls`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'web' }),
  })
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
  await system.stop()
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
  ['    agent graph in the turn activity', split.decidedMs],
  ['    storing the turn (transcript, events, state)', split.savedMs],
  ['  TTS to first audio (espeak-ng + sox)', of('tts_metrics', 'ttfbMs').slice(1)],
]
console.log(`\nVoice latency, ${TURNS} turns, offline engines (${new Date().toISOString().slice(0, 10)})\n`)
console.log('| stage | n | p50 ms | p95 ms | max ms |')
console.log('| --- | --- | --- | --- | --- |')
for (const [what, samples] of stages) {
  const s = summarize(samples)
  console.log(`| ${what} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`)
}
process.exit(0)
