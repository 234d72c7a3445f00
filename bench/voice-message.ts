/**
 * `npx tsx bench/voice-message.ts [rounds]`: a voice message's round trip — POST the audio, get the
 * transcript, the reply and the reply audio back — for 5 s and 20 s of speech, with the offline engines
 * (ffmpeg, pocketsphinx with the dealership grammar, espeak-ng), on the whole `npm start` system
 * (PGlite, Temporal dev server) running as a process of its own. The target: under the message's own
 * length. Broken down with the API's Server-Timing (checking the audio, storing it, the workflow) and
 * with the engines timed alone on the same audio. Prints a markdown table for docs/performance.md.
 * Not a test: figures depend on the machine.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { decodeToPcm } from '../lib/audio-decode'
import { followOutput, terminate } from '../scripts/tools/child-process'
import { getFreePort } from '../scripts/tools/free-port'
import { runProcess } from '../voice-worker/speech/run-process'
import { monoPcmToWav } from '../lib/wav'
import { speakToPcm } from '../voice-worker/speech/espeak-tts'
import { PocketsphinxSTT } from '../voice-worker/speech/pocketsphinx-stt'
import { loadAverage, ms, summarize } from './stats'

const ROUNDS = Number(process.argv[2] ?? 5)
const SENTENCES = [
  'I need an oil change tomorrow morning',
  'can I get a tire rotation on friday afternoon',
  'do you have a test drive of a toyota camry',
  'i would like a brake inspection next week',
]

/** `seconds` of espeak-ng speech (the sentences over and over, short pauses between), as WebM/Opus. */
async function speech(seconds: number): Promise<Buffer> {
  const text = Array.from({ length: Math.ceil(seconds / 2) }, (_, i) => SENTENCES[i % SENTENCES.length]).join(
    '. ',
  )
  const wav = await runProcess('espeak-ng', ['-v', 'en-us', '--stdout'], text)
  const args = ['-nostdin', '-v', 'error', '-i', 'pipe:0', '-af', 'apad', '-t', String(seconds)]
  return runProcess(
    'ffmpeg',
    [...args, '-ar', '48000', '-ac', '1', '-c:a', 'libopus', '-f', 'webm', 'pipe:1'],
    wav,
  )
}

const sleep = (msec: number) => new Promise((r) => setTimeout(r, msec))
const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-voice-message-bench-'))
const port = await getFreePort()
const apiUrl = `http://127.0.0.1:${port}`
let running = false
const system = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
  env: {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    TEMPORAL_PORT: String(await getFreePort()),
    TEMPORAL_UI_PORT: String(await getFreePort()),
    VOICE_ENGINES: 'offline',
    LOG_LEVEL: 'info',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
})
const exited = new Promise<void>((r) => system.once('exit', () => r()))
const tail = followOutput(system, 40, (line) => {
  if (line.includes('pitcrew is running')) running = true
})

type Row = {
  total: number[]
  check: number[]
  row: number[]
  store: number[]
  workflow: number[]
  stt: number[]
  tts: number[]
}
const results = new Map<number, Row>()
const loads: string[] = []
try {
  for (let waited = 0; !running; waited += 250) {
    if (system.exitCode !== null || waited > 180_000) throw new Error(`pitcrew did not start:\n${tail()}`)
    await sleep(250)
  }
  const [services, inventory] = (await Promise.all(
    ['/api/services', '/api/inventory'].map(async (p) => (await fetch(`${apiUrl}${p}`)).json()),
  )) as [{ name: string }[], { make: string; model: string }[]]
  const stt = await PocketsphinxSTT.create({
    services: services.map((s) => s.name),
    vehicles: inventory.map((v) => ({ make: v.make, model: v.model })),
  })
  loads.push(loadAverage())
  for (const seconds of [5, 20]) {
    const audio = await speech(seconds)
    const row: Row = { total: [], check: [], row: [], store: [], workflow: [], stt: [], tts: [] }
    results.set(seconds, row)
    // The first round warms the path up (the worker builds its grammar on its first message).
    for (let round = 0; round <= ROUNDS; round++) {
      const call = (await (
        await fetch(`${apiUrl}/api/calls`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ channel: 'chat' }),
        })
      ).json()) as { callId: string }
      const sent = performance.now()
      const res = await fetch(`${apiUrl}/api/calls/${call.callId}/voice-messages`, {
        method: 'POST',
        headers: { 'content-type': 'audio/webm' },
        body: audio,
      })
      const answer = (await res.json()) as { replyAudioUrl: string | null; reply: string | null }
      if (!res.ok) throw new Error(`the message was refused: ${JSON.stringify(answer)}`)
      const total = performance.now() - sent
      if (round === 0) continue
      row.total.push(total)
      const timing = res.headers.get('server-timing') ?? ''
      for (const key of ['check', 'row', 'store', 'workflow'] as const) {
        const dur = new RegExp(`${key};dur=([\\d.]+)`).exec(timing)
        if (dur) row[key].push(Number(dur[1]))
      }
      // The engines alone on the same audio and reply, in this process.
      let t = performance.now()
      const file = path.join(dataDir, 'bench.wav')
      await writeFile(file, monoPcmToWav(await decodeToPcm(audio), 16_000))
      await stt.transcribeWav(file)
      row.stt.push(performance.now() - t)
      t = performance.now()
      await speakToPcm(answer.reply ?? '')
      row.tts.push(performance.now() - t)
    }
    loads.push(loadAverage())
  }
  await stt.close()
} finally {
  await terminate(system, exited, 20_000)
  rmSync(dataDir, { recursive: true, force: true })
}

console.log(
  `\nVoice message round trip, offline engines, ${ROUNDS} rounds (${new Date().toISOString().slice(0, 10)})`,
)
console.log(`load average (1, 5, 15 min) before and after each length: ${loads.join(' | ')}\n`)
console.log('| speech | stage | n | p50 ms | p95 ms | max ms |')
console.log('| --- | --- | --- | --- | --- | --- |')
const stages: [keyof Row, string][] = [
  ['total', 'POST -> answer with transcript, reply and reply audio (total)'],
  ['check', '  checking the audio (ffprobe + ffmpeg decode)'],
  ['row', '  recording the message (its row)'],
  ['store', '  storing the audio'],
  ['workflow', '  the workflow: STT, the userTurn Update, TTS'],
  ['stt', 'alone: ffmpeg decode + pocketsphinx'],
  ['tts', 'alone: espeak-ng + sox on the reply'],
]
for (const [seconds, row] of results) {
  for (const [key, what] of stages) {
    const s = summarize(row[key])
    console.log(`| ${seconds} s | ${what} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} |`)
  }
}
process.exit(0)
