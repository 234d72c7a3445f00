/**
 * A voice worker that is already running takes over a call whose worker died (SIGKILL): every worker
 * keeps watching for rooms of live calls with a caller and no agent, not only when it starts. Real
 * audio and real parts; a stack of its own, so no other test's workers are registered beside these.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { joinAsCaller } from './support/voice-participant'
import { startVoiceStack } from './support/voice-stack'

let voice: Awaited<ReturnType<typeof startVoiceStack>>

beforeAll(async () => {
  voice = await startVoiceStack()
}, 120_000)
afterAll(async () => {
  await voice?.stop()
})

it(
  'is taken over by a worker that was already running when the first one died',
  { timeout: 300_000 },
  async () => {
    const first = await voice.startVoiceWorker()
    const { callId, livekit } = await voice.startWebCall()
    const caller = await joinAsCaller(livekit.url, livekit.token)
    try {
      await voice.agentListensAgain(callId)
      // The second worker is up before the first dies: it keeps watching for calls without an agent.
      await voice.startVoiceWorker()
      process.kill(first.pid, 'SIGKILL')
      await expect.poll(() => first.alive(), { timeout: 10_000 }).toBe(false)
      const statesBefore = (await voice.agentStates(callId)).length
      await expect
        .poll(async () => (await voice.agentStates(callId)).slice(statesBefore), {
          timeout: 150_000,
          interval: 200,
        })
        .toEqual(expect.arrayContaining(['speaking', 'listening']))
      await voice.agentListensAgain(callId)
      await caller.say('What are your hours?')
      await expect.poll(async () => (await voice.callState(callId)).turnCount, { timeout: 60_000 }).toBe(1)
    } finally {
      await caller.leave()
    }
  },
)
