/**
 * The voice worker dies mid-call (SIGKILL, no goodbye): a new worker takes the call's room over and
 * the conversation continues from the call workflow's state, with real audio and real parts.
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

it('continues the call on a new worker after the first one is killed', { timeout: 180_000 }, async () => {
  const first = await voice.startVoiceWorker()
  const { callId, livekit } = await voice.startWebCall()
  const caller = await joinAsCaller(livekit.url, livekit.token)
  const quietAgain = () =>
    expect
      .poll(async () => (await voice.agentStates(callId)).slice(-2), { timeout: 60_000, interval: 200 })
      .toEqual(['speaking', 'listening'])
  try {
    await quietAgain()
    await caller.say('What are your hours?')
    await expect.poll(async () => (await voice.callState(callId)).turnCount, { timeout: 60_000 }).toBe(1)
    await quietAgain()

    process.kill(first.pid, 'SIGKILL')
    await expect.poll(() => first.alive(), { timeout: 10_000 }).toBe(false)
    const statesBefore = (await voice.agentStates(callId)).length
    await voice.startVoiceWorker()

    // LiveKit hands the room's dispatch to the new worker, which greets the caller again...
    await expect
      .poll(async () => (await voice.agentStates(callId)).slice(statesBefore), {
        timeout: 90_000,
        interval: 200,
      })
      .toEqual(expect.arrayContaining(['speaking', 'listening']))
    await quietAgain()
    // ...and the next turn is the call's second, on the same workflow.
    await caller.say('Where are you located?')
    await expect.poll(async () => (await voice.callState(callId)).turnCount, { timeout: 60_000 }).toBe(2)
    expect((await voice.callState(callId)).status).toBe('active')
  } finally {
    await caller.leave()
  }
})
