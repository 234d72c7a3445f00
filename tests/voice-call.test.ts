/**
 * A browser-style voice call end to end, with real audio and real parts only: the run's LiveKit
 * server, the voice worker process (VAD, pocketsphinx STT with the dealership grammar, espeak-ng TTS),
 * the API, a pitcrew worker, Temporal and PostgreSQL. A test caller joins with the API's token and
 * says "I need an oil change tomorrow morning"; the call workflow must take it as a turn, and the
 * call's recording (served by the API) must hold the caller on the left and the agent on the right.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { RecordingList } from '../domain/recordings'
import { joinAsCaller } from './support/voice-participant'
import { startVoiceStack } from './support/voice-stack'
import { readStereoWav, soundSeconds, soundSpans } from './support/wav-audio'

// A Wednesday afternoon in Springfield: "tomorrow morning" is Thursday 2026-12-03, a working day.
const NOW = new Date('2026-12-02T20:00:00Z')

let voice: Awaited<ReturnType<typeof startVoiceStack>>

beforeAll(async () => {
  voice = await startVoiceStack({ now: () => NOW })
  await voice.startVoiceWorker()
}, 120_000)
afterAll(async () => {
  await voice?.stop()
})

it(
  'hears the caller, runs the turn through the call workflow and answers out loud',
  { timeout: 120_000 },
  async () => {
    const { callId, livekit } = await voice.startWebCall()
    const callStarted = Date.now()
    const caller = await joinAsCaller(livekit.url, livekit.token)
    try {
      // The greeting: the agent joined and speaks before the caller says anything.
      await expect
        .poll(() => caller.agentSoundFrames(), { timeout: 60_000, interval: 200 })
        .toBeGreaterThan(20)
      // Speaking over the greeting would be a barge-in; this test is about a plain turn, so wait it out.
      await voice.agentListensAgain(callId)

      const soundBefore = caller.agentSoundFrames()
      await caller.say('I need an oil change tomorrow morning')
      await expect.poll(async () => (await voice.callState(callId)).turnCount, { timeout: 60_000 }).toBe(1)
      const call = await voice.callState(callId)
      const userLine = call.transcript.find((t: { role: string }) => t.role === 'user')
      // Real recognition on a loaded machine may drop a word; the booking below rests on these.
      expect(userLine.text).toMatch(/oil change tomorrow/i)
      expect(call.booking).toMatchObject({
        appointmentType: 'service',
        serviceType: 'Oil Change',
        preferredDate: '2026-12-03',
      })
      // The greeting the caller heard first is the call's first transcript line (the workflow wrote
      // it; the worker spoke it from the call's events), then the caller, then the crew's reply.
      expect(call.transcript.map((t: { role: string }) => t.role)).toEqual(['agent', 'user', 'agent'])
      expect(call.transcript[0].text).toMatch(/^Thanks for calling Springfield Auto/)

      // The reply is spoken: synthesized frames reach the caller after the turn.
      await expect
        .poll(() => caller.agentSoundFrames() - soundBefore, { timeout: 30_000, interval: 200 })
        .toBeGreaterThan(20)
      await expect
        .poll(async () => voice.agentStates(callId), { timeout: 30_000 })
        .toEqual(expect.arrayContaining(['listening', 'thinking', 'speaking']))
    } finally {
      await caller.leave()
    }
    // Hanging up ends the call in the workflow.
    await expect.poll(async () => (await voice.callState(callId)).status, { timeout: 30_000 }).toBe('ended')

    // The worker recorded the call; the API lists it, and its audio has both sides, each on its own
    // channel: the greeting and the reply (agent, right), the request in between (caller, left).
    const sound = async () => {
      const { items } = RecordingList.parse((await voice.api.call(`/api/calls/${callId}/recordings`)).body)
      if (items.length === 0) return undefined
      const res = await voice.api.app.request(items[0]!.url)
      const { header, left, right } = readStereoWav(Buffer.from(await res.arrayBuffer()))
      const [callerSpans, agentSpans] = [left, right].map((ch) => soundSpans(ch, header.sampleRate))
      return { items, callerSpans: callerSpans!, agentSpans: agentSpans! }
    }
    // The reply is on disk once it played (the file is written every second and completed as the
    // worker leaves the room).
    const replyAfterCaller = (r: Awaited<ReturnType<typeof sound>>) =>
      !!r && r.callerSpans.length > 0 && (r.agentSpans.at(-1)?.[0] ?? 0) > r.callerSpans.at(-1)![1]
    await expect.poll(async () => replyAfterCaller(await sound()), { timeout: 30_000 }).toBe(true)
    const { items, callerSpans, agentSpans } = (await sound())!
    expect(items).toEqual([
      expect.objectContaining({
        name: 'call-1.wav',
        contentType: 'audio/wav',
        layout: 'left: caller, right: agent',
      }),
    ])
    expect(Math.abs(Date.parse(items[0]!.startedAt) - callStarted)).toBeLessThan(30_000)
    expect(items[0]!.durationSeconds).toBeGreaterThan(5)
    // "I need an oil change tomorrow morning" is about 2 s of speech, the greeting about 3.5 s (the
    // reply is cut short: the caller hangs up once it starts).
    expect(soundSeconds(callerSpans)).toBeGreaterThan(1.2)
    expect(soundSeconds(agentSpans)).toBeGreaterThan(2.5)
    // In order: the greeting, then the caller (who waited it out), then the reply after the caller.
    expect(callerSpans[0]![0]).toBeGreaterThan(agentSpans[0]![1] - 0.3)
    expect(agentSpans.at(-1)![0]).toBeGreaterThan(callerSpans.at(-1)![1])
  },
)
