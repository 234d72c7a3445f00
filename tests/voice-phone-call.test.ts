/**
 * An outbound phone call end to end with real audio: the call workflow dials, the voice worker waits
 * in the room, and when the customer answers it greets them with the call's purpose and runs the
 * same conversation as a web call. Only the phone network is a FAKE (no SIP service runs here): on
 * "answer" the callee joins the room as LiveKit SIP would, as participant `phone-<callId>`, and
 * speaks espeak-ng audio. Everything else is real: LiveKit, the worker's offline STT/TTS, the API,
 * Temporal and PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { phoneParticipantOf } from '../domain/voice'
import { testVoiceService } from './support/livekit'
import { joinAsCaller, type TestCaller } from './support/voice-participant'
import { startVoiceStack } from './support/voice-stack'

// A Wednesday afternoon in Springfield: "tomorrow morning" is Thursday 2026-12-03, a working day.
const NOW = new Date('2026-12-02T20:00:00Z')
const CUSTOMER = '+12175550171'

let voice: Awaited<ReturnType<typeof startVoiceStack>>
const callees = new Map<string, TestCaller>()

beforeAll(async () => {
  voice = await startVoiceStack({
    now: () => NOW,
    phone: {
      script: { [CUSTOMER]: ['no-answer', 'answered'] },
      dialing: { retryDelayMs: 500 },
      // The callee is in the room while the phone rings (as with LiveKit SIP) and leaves when the
      // first attempt goes unanswered: the worker must not take that as a hang-up.
      joinRoom: async (callId) => {
        const livekit = testVoiceService()
        const token = await livekit.callerToken(callId, phoneParticipantOf(callId))
        const callee = await joinAsCaller(livekit.url, token)
        callees.set(callId, callee)
        return callee
      },
    },
  })
  await voice.startVoiceWorker()
}, 120_000)
afterAll(async () => {
  await Promise.all([...callees.values()].map((c) => c.leave().catch(() => undefined)))
  await voice?.stop()
})

it(
  'greets the customer who answers with its purpose, books by voice, and completes when they hang up',
  { timeout: 180_000 },
  async () => {
    const res = await voice.api.call('/api/calls', {
      json: { channel: 'phone', to: CUSTOMER, purpose: 'your oil change reminder' },
    })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    const callId = res.body.callId as string
    await expect
      .poll(async () => (await voice.callState(callId)).phone?.status, { timeout: 60_000 })
      .toBe('answered')
    const callee = callees.get(callId)!
    expect((await voice.callState(callId)).phone.attempt).toBe(2)

    // The greeting with the purpose is written, then spoken to the callee.
    await expect.poll(async () => (await voice.callState(callId)).transcript.length).toBeGreaterThan(0)
    const greeting = (await voice.callState(callId)).transcript[0]
    expect(greeting).toMatchObject({
      role: 'agent',
      text: expect.stringContaining('your oil change reminder'),
    })
    await expect.poll(() => callee.agentSoundFrames(), { timeout: 60_000, interval: 200 }).toBeGreaterThan(20)
    await voice.agentListensAgain(callId)

    await callee.say('I need an oil change tomorrow morning')
    await expect.poll(async () => (await voice.callState(callId)).turnCount, { timeout: 60_000 }).toBe(1)
    expect((await voice.callState(callId)).booking).toMatchObject({
      appointmentType: 'service',
      serviceType: 'Oil Change',
      preferredDate: '2026-12-03',
    })

    await callee.leave()
    callees.delete(callId)
    await expect.poll(async () => (await voice.callState(callId)).status, { timeout: 30_000 }).toBe('ended')
    expect((await voice.callState(callId)).phone).toMatchObject({ status: 'completed', attempt: 2 })
  },
)
