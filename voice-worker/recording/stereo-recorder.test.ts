/**
 * The call recorder on real audio: espeak-ng speech played in real time through two LiveKit local
 * audio tracks (caller, then agent), recorded, and read back — by our own reader and by sox.
 */
import { mkdtemp, readFile, rm, stat, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { AudioFrame, AudioSource, LocalAudioTrack } from '@livekit/rtc-node'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { RECORDING_LAYOUT } from '../../lib/call-recordings'
import { parseWavHeader } from '../../lib/wav'
import { readStereoWav, soundSeconds, soundSpans } from '../../tests/support/wav-audio'
import { runProcess } from '../speech/run-process'
import { ESPEAK_SAMPLE_RATE, speakToPcm } from '../speech/espeak-tts'
import { RECORDING_SAMPLE_RATE, StereoRecorder } from './stereo-recorder'

const FRAME_SAMPLES = ESPEAK_SAMPLE_RATE / 100
const PAUSE_MS = 700

let dir: string
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'pitcrew-recording-test-'))
})
afterAll(async () => {
  await rm(dir, { recursive: true, force: true })
})

/** A local audio track that plays what it is given in real time, as the agent's published track does. */
function speaker() {
  const source = new AudioSource(ESPEAK_SAMPLE_RATE, 1, 1000)
  return {
    track: LocalAudioTrack.createAudioTrack('test', source),
    /** Plays 16 kHz mono s16 PCM; resolves when it has played out. */
    async play(pcm: Buffer) {
      const samples = new Int16Array(Uint8Array.from(pcm).buffer)
      for (let at = 0; at < samples.length; at += FRAME_SAMPLES) {
        const frame = new Int16Array(FRAME_SAMPLES)
        frame.set(samples.subarray(at, at + FRAME_SAMPLES))
        await source.captureFrame(new AudioFrame(frame, ESPEAK_SAMPLE_RATE, 1, FRAME_SAMPLES))
      }
      await source.waitForPlayout()
    },
    close: () => source.close(),
  }
}

const seconds = (pcm: Buffer) => pcm.length / 2 / ESPEAK_SAMPLE_RATE

it(
  'records both sides time-aligned into one stereo WAV that is playable while it grows',
  { timeout: 60_000 },
  async () => {
    const [question, answer] = await Promise.all([
      speakToPcm('I need an oil change tomorrow morning'),
      speakToPcm('We have openings at nine and at ten thirty'),
    ])
    const callDir = path.join(dir, 'call-a')
    const before = Date.now()
    const recorder = await StereoRecorder.start({ dir: callDir, flushEveryMs: 200 })
    expect(recorder.name).toBe('call-1.wav')
    const caller = speaker()
    recorder.record('caller', caller.track)

    await caller.play(question)
    const questionPlayed = Date.now()
    // The agent's track appears only now (a track published mid-call): the recording must place its
    // audio by the clock, not right after the last thing written.
    await new Promise((r) => setTimeout(r, PAUSE_MS / 2))
    const agent = speaker()
    recorder.record('agent', agent.track)
    await new Promise((r) => setTimeout(r, PAUSE_MS / 2))
    const answerStarts = Date.now()
    await agent.play(answer)
    await new Promise((r) => setTimeout(r, 500))

    // Before close, as a crash would leave it: the header already describes what is on disk.
    const growing = await readFile(recorder.filePath)
    const partial = parseWavHeader(growing)
    expect(partial?.dataBytes).toBeGreaterThan(0)
    expect(growing.length - partial!.dataOffset - partial!.dataBytes).toBeLessThan(4 * RECORDING_SAMPLE_RATE)
    expect(soundSpans(readStereoWav(growing).left, RECORDING_SAMPLE_RATE).length).toBeGreaterThan(0)

    await recorder.close()
    await Promise.all([caller.close(), agent.close()])

    const file = await readFile(recorder.filePath)
    const { header, left, right } = readStereoWav(file)
    expect(header).toMatchObject({ channels: 2, sampleRate: RECORDING_SAMPLE_RATE, bitsPerSample: 16 })
    expect(header.dataOffset + header.dataBytes).toBe(file.length)
    expect(header.info.ICMT).toBe(RECORDING_LAYOUT)
    const startedAt = Date.parse(header.info.ICRD ?? '')
    expect(startedAt).toBeGreaterThanOrEqual(before - 1000)
    expect(startedAt).toBeLessThanOrEqual(before + 1000)

    // sox reads it too: the same format and length.
    const soxi = async (flag: string) =>
      Number((await runProcess('soxi', [flag, recorder.filePath])).toString())
    expect(await soxi('-c')).toBe(2)
    expect(await soxi('-r')).toBe(RECORDING_SAMPLE_RATE)
    expect(await soxi('-D')).toBeCloseTo(left.length / RECORDING_SAMPLE_RATE, 2)

    // Left: the caller's sentence, then silence; right: silence, then the agent's answer after the pause.
    const callerSpans = soundSpans(left, RECORDING_SAMPLE_RATE)
    const agentSpans = soundSpans(right, RECORDING_SAMPLE_RATE)
    expect(callerSpans.length).toBeGreaterThan(0)
    expect(agentSpans.length).toBeGreaterThan(0)
    // The pause between them is where it was: the time waited, plus espeak's own silence after the
    // question and before the answer.
    const [questionSound, answerSound] = [question, answer].map((pcm) =>
      soundSpans(new Int16Array(Uint8Array.from(pcm).buffer), ESPEAK_SAMPLE_RATE),
    )
    const expectedPause =
      (answerStarts - questionPlayed) / 1000 +
      (seconds(question) - questionSound!.at(-1)![1]) +
      answerSound![0]![0]
    expect(callerSpans[0]![0]).toBeLessThan(0.5)
    expect(agentSpans[0]![0] - callerSpans.at(-1)![1]).toBeGreaterThan(expectedPause - 0.25)
    expect(agentSpans[0]![0] - callerSpans.at(-1)![1]).toBeLessThan(expectedPause + 0.25)
    // Each side holds about as much sound as was spoken (espeak's own pauses and edges aside).
    expect(soundSeconds(callerSpans)).toBeGreaterThan(seconds(question) * 0.6)
    expect(soundSeconds(callerSpans)).toBeLessThan(seconds(question) + 0.2)
    expect(soundSeconds(agentSpans)).toBeGreaterThan(seconds(answer) * 0.6)
    expect(soundSeconds(agentSpans)).toBeLessThan(seconds(answer) + 0.2)
    // And the whole file lasts as long as the call was recorded, not as long as the sound in it.
    expect(left.length / RECORDING_SAMPLE_RATE).toBeGreaterThan(
      seconds(question) + seconds(answer) + PAUSE_MS / 1000,
    )
  },
)

it('starts a new part next to earlier ones instead of overwriting them', async () => {
  const callDir = path.join(dir, 'call-b')
  const first = await StereoRecorder.start({ dir: callDir })
  await first.close()
  await writeFile(path.join(callDir, 'call-7.wav.tmp'), 'not a recording')
  const second = await StereoRecorder.start({ dir: callDir })
  await second.close()
  expect([first.name, second.name]).toEqual(['call-1.wav', 'call-2.wav'])
  expect((await stat(first.filePath)).size).toBeGreaterThanOrEqual(44)
  expect(parseWavHeader(await readFile(second.filePath))).toMatchObject({ channels: 2 })
})

it('sees a part that another process moves to the bucket while the new part is numbered', async () => {
  const callDir = path.join(dir, 'call-c')
  const first = await StereoRecorder.start({ dir: callDir })
  await first.close()
  // The bucket was listed just before the other process's upload finished; right after, that
  // process deleted its local copy. Either way round, part 1 must not be written again.
  const listedBeforeTheMove = async () => {
    await unlink(first.filePath)
    return []
  }
  const second = await StereoRecorder.start({ dir: callDir, takenParts: listedBeforeTheMove })
  await second.close()
  expect(second.name).toBe('call-2.wav')
  const third = await StereoRecorder.start({ dir: callDir, takenParts: async () => [1, 2, 5] })
  await third.close()
  expect(third.name).toBe('call-6.wav')
})
