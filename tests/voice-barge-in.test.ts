/**
 * A caller who talks over the agent, with real audio and real parts only (the run's LiveKit server,
 * the voice worker with its VAD, offline STT/TTS, the API, Temporal, PostgreSQL): the voice worker
 * logs the barge-in as a `speech` event of the call (agent speech marked `interrupted`), and the
 * call's post-call analysis counts it, with each side's talk time.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readCallEvents } from '../db/call-events'
import { CallAnalysis } from '../domain/call-analysis'
import { joinAsCaller } from './support/voice-participant'
import { startVoiceStack } from './support/voice-stack'

const NOW = new Date('2026-12-02T20:00:00Z')
/** Chances to talk over the agent: speech that starts just as the agent stops is not a barge-in. */
const ATTEMPTS = 3

let voice: Awaited<ReturnType<typeof startVoiceStack>>

beforeAll(async () => {
  voice = await startVoiceStack({ now: () => NOW })
  await voice.startVoiceWorker()
}, 120_000)
afterAll(async () => {
  await voice?.stop()
})

/** Polls `check` until it holds or `ms` pass; says which. */
async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms
  while (Date.now() < deadline) {
    if (await check()) return true
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return check()
}

const speech = async (callId: string) =>
  (await readCallEvents(voice.api.db, callId, 0)).flatMap((e) =>
    e.type === 'speech' ? [e.data as { speaker: string; ms: number; interrupted?: boolean }] : [],
  )

it('counts a caller talking over the agent as an interruption', { timeout: 240_000 }, async () => {
  const { callId, livekit } = await voice.startWebCall()
  const caller = await joinAsCaller(livekit.url, livekit.token)
  try {
    const bargedIn = async () => (await speech(callId)).some((s) => s.speaker === 'agent' && s.interrupted)
    for (let attempt = 0; attempt < ATTEMPTS && !(await bargedIn()); attempt++) {
      // First the greeting; after a miss, a plain question whose answer the agent then speaks.
      if (attempt > 0) {
        await voice.agentListensAgain(callId)
        await caller.say('What are your hours?')
      }
      await expect
        .poll(async () => (await voice.agentStates(callId)).at(-1), { timeout: 60_000, interval: 50 })
        .toBe('speaking')
      // The caller starts while the agent is speaking.
      await caller.say('What are your hours on Saturday?')
      // The agent's speech is reported when it stops (cut off, or finished over the caller).
      await waitFor(bargedIn, 30_000)
    }
    expect(await bargedIn()).toBe(true)
  } finally {
    await caller.leave()
  }
  // Hanging up ends the call; its workflow analyses it.
  await expect.poll(async () => (await voice.callState(callId)).status, { timeout: 30_000 }).toBe('ended')
  let body: unknown
  await expect
    .poll(
      async () => {
        const res = await voice.api.call(`/api/calls/${callId}/analysis`)
        body = res.body
        return res.status
      },
      { timeout: 60_000 },
    )
    .toBe(200)
  const analysis = CallAnalysis.parse(body)
  const logged = await speech(callId)
  expect(analysis.interruptions).toBeGreaterThanOrEqual(1)
  // The analysis counted what the log held when it ran (a late report can only add to it).
  expect(analysis.interruptions).toBeLessThanOrEqual(logged.filter((s) => s.interrupted).length)
  expect(analysis.talkSeconds).not.toBeNull()
  // "What are your hours on Saturday?" is about 2 s of espeak-ng speech; the greeting about 3.5 s.
  expect(analysis.talkSeconds!.customer).toBeGreaterThan(1)
  expect(analysis.talkSeconds!.agent).toBeGreaterThan(0.5)
})
