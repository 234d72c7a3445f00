/**
 * The voice worker dies mid-call (SIGKILL, no goodbye): a new worker takes the call's room over and
 * the conversation continues from the call workflow's state, with real audio and real parts. Each
 * worker recorded its own part of the call, and the killed one's part still plays; finished parts
 * move to the recordings bucket (a FAKE S3 server), and the new part is numbered after them. (A
 * worker that was already running: tests/voice-worker-takeover.test.ts.)
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { RecordingList } from '../domain/recordings'
import { joinAsCaller } from './support/voice-participant'
import { startVoiceStack } from './support/voice-stack'
import { readStereoWav, soundSpans } from './support/wav-audio'

let voice: Awaited<ReturnType<typeof startVoiceStack>>

beforeAll(async () => {
  voice = await startVoiceStack({ recordingsBucket: true })
}, 120_000)
afterAll(async () => {
  await voice?.stop()
})

it('continues the call on a new worker after the first one is killed', { timeout: 180_000 }, async () => {
  const first = await voice.startVoiceWorker()
  const { callId, livekit } = await voice.startWebCall()
  const caller = await joinAsCaller(livekit.url, livekit.token)
  try {
    await voice.agentListensAgain(callId)
    await caller.say('What are your hours?')
    await expect.poll(async () => (await voice.callState(callId)).turnCount, { timeout: 60_000 }).toBe(1)
    await voice.agentListensAgain(callId)

    expect(await voice.agentsInRoom(callId)).toHaveLength(1)
    process.kill(first.pid, 'SIGKILL')
    await expect.poll(() => first.alive(), { timeout: 10_000 }).toBe(false)
    // Its call's job process outlives it, but leaves the room at once rather than lingering as an
    // agent nobody runs (LiveKit Agents alone would keep it there for 15 s or more).
    await expect.poll(() => voice.agentsInRoom(callId), { timeout: 12_000, interval: 200 }).toEqual([])
    const statesBefore = (await voice.agentStates(callId)).length
    await voice.startVoiceWorker()

    // LiveKit hands the room's dispatch to the new worker, which greets the caller again...
    await expect
      .poll(async () => (await voice.agentStates(callId)).slice(statesBefore), {
        timeout: 90_000,
        interval: 200,
      })
      .toEqual(expect.arrayContaining(['speaking', 'listening']))
    await voice.agentListensAgain(callId)
    // ...and the next turn is the call's second, on the same workflow.
    // A caller not heard says it again, as people do: in one CI run the second turn never came (the
    // cause was not captured; the offline STT under load is the likely one). A worker that cannot hear
    // the caller at all still fails here.
    const turnCount = async () => (await voice.callState(callId)).turnCount
    await caller.say('Where are you located?')
    await expect
      .poll(turnCount, { timeout: 30_000 })
      .toBe(2)
      .catch(async () => {
        await voice.agentListensAgain(callId)
        await caller.say('Where are you located?')
        await expect.poll(turnCount, { timeout: 60_000 }).toBe(2)
      })
    expect((await voice.callState(callId)).status).toBe('active')

    const { items } = RecordingList.parse((await voice.api.call(`/api/calls/${callId}/recordings`)).body)
    expect(items.map((r) => r.name)).toEqual(['call-1.wav', 'call-2.wav'])
    // The killed worker's part was finished as its call process left, and moved to the bucket; the
    // new worker's part is in progress on disk.
    const inBucket = () => [...voice.s3!.objects.keys()].sort()
    expect(inBucket()).toEqual([`recordings/${callId}/call-1.wav`])
    expect(existsSync(path.join(voice.dataDir, 'recordings', callId, 'call-1.wav'))).toBe(false)
    // The first worker wrote its part as the call went: the greeting and reply, the question.
    const part1 = readStereoWav(Buffer.from(await (await voice.api.app.request(items[0]!.url)).arrayBuffer()))
    expect(soundSpans(part1.left, part1.header.sampleRate)).not.toEqual([])
    expect(soundSpans(part1.right, part1.header.sampleRate).length).toBeGreaterThanOrEqual(2)
  } finally {
    await caller.leave()
  }
  // The caller hung up: the second part is finished and moved too.
  await expect
    .poll(() => [...voice.s3!.objects.keys()].sort(), { timeout: 30_000 })
    .toEqual([`recordings/${callId}/call-1.wav`, `recordings/${callId}/call-2.wav`])
})
