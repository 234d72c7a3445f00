/**
 * Two agents sent to the same call at once (as when two workers take over the same orphaned call in
 * the same moment): one of them leaves, so the caller never hears two voices and is never left with
 * none. Real LiveKit server, voice worker and audio.
 */
import { AgentDispatchClient } from 'livekit-server-sdk'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { DEV_API_KEY, DEV_API_SECRET } from '../scripts/livekit/dev-server'
import type { VoiceDispatchMetadata } from '../domain/voice'
import { joinAsCaller } from './support/voice-participant'
import { startVoiceStack } from './support/voice-stack'

let voice: Awaited<ReturnType<typeof startVoiceStack>>

beforeAll(async () => {
  voice = await startVoiceStack()
}, 120_000)
afterAll(async () => {
  await voice?.stop()
})

it('keeps exactly one of two agents dispatched to a call at once', { timeout: 180_000 }, async () => {
  // Two call processes loaded and waiting, so both agents join in the same moment.
  await voice.startVoiceWorker({ VOICE_IDLE_PROCESSES: '2' })
  const { callId, livekit } = await voice.startWebCall()
  // The call's own dispatch is on its way; a second one goes out in the same moment.
  const dispatch = new AgentDispatchClient(inject('livekitUrl'), DEV_API_KEY, DEV_API_SECRET)
  const metadata: VoiceDispatchMetadata = { callId }
  await dispatch.createDispatch(callId, voice.agentName, { metadata: JSON.stringify(metadata) })
  const caller = await joinAsCaller(livekit.url, livekit.token)
  try {
    await voice.agentListensAgain(callId)
    // Both dispatches got a job, each with the identity its agent joins as; the one that sorts first
    // keeps the call (a late joiner that sorts first takes it over): once only it is in the room, it
    // stays there.
    const jobIdentities = async () =>
      (await dispatch.listDispatch(callId))
        .flatMap((d) => d.state?.jobs ?? [])
        .map((job) => job.state?.participantIdentity ?? '')
        .filter(Boolean)
        .sort()
    await expect.poll(jobIdentities, { timeout: 30_000, interval: 500 }).toHaveLength(2)
    const [keeper] = await jobIdentities()
    await expect.poll(() => voice.agentsInRoom(callId), { timeout: 30_000, interval: 500 }).toEqual([keeper])
    await new Promise((r) => setTimeout(r, 3_000))
    expect(await voice.agentsInRoom(callId)).toEqual([keeper])

    await caller.say('What are your hours?')
    await expect.poll(async () => (await voice.callState(callId)).turnCount, { timeout: 60_000 }).toBe(1)
    // One reply, spoken by one agent: a single thinking -> speaking after the question.
    await voice.agentListensAgain(callId)
    expect((await voice.callState(callId)).turnCount).toBe(1)
  } finally {
    await caller.leave()
  }
})
