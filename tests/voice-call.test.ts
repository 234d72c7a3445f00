/**
 * A browser-style voice call end to end, with real audio and real parts only: the run's LiveKit
 * server, the voice worker process (VAD, pocketsphinx STT with the dealership grammar, espeak-ng TTS),
 * the API, a pitcrew worker, Temporal and PostgreSQL. A test caller joins with the API's token and
 * says "I need an oil change tomorrow morning"; the call workflow must take it as a turn.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { joinAsCaller } from './support/voice-participant'
import { startVoiceStack } from './support/voice-stack'

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
    const caller = await joinAsCaller(livekit.url, livekit.token)
    try {
      // The greeting: the agent joined and speaks before the caller says anything.
      await expect
        .poll(() => caller.agentSoundFrames(), { timeout: 60_000, interval: 200 })
        .toBeGreaterThan(20)
      // Speaking over the greeting would be a barge-in; this test is about a plain turn, so wait it out.
      await expect
        .poll(async () => (await voice.agentStates(callId)).slice(-2), { timeout: 60_000, interval: 200 })
        .toEqual(['speaking', 'listening'])

      const soundBefore = caller.agentSoundFrames()
      await caller.say('I need an oil change tomorrow morning')
      await expect.poll(async () => (await voice.callState(callId)).turnCount, { timeout: 60_000 }).toBe(1)
      const call = await voice.callState(callId)
      const userLine = call.transcript.find((t: { role: string }) => t.role === 'user')
      expect(userLine.text).toMatch(/oil change tomorrow morning/i)
      expect(call.booking).toMatchObject({
        appointmentType: 'service',
        serviceType: 'Oil Change',
        preferredDate: '2026-12-03',
      })
      expect(call.transcript.some((t: { role: string }) => t.role === 'agent')).toBe(true)

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
  },
)
