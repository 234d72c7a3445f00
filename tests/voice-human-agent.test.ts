/**
 * A person takes over a voice call, with real audio and real parts: the caller asks for a person by
 * voice, the escalation notice is spoken, a human agent accepts, and what the human types in the
 * console is spoken to the caller by the voice worker; while the human has the call, the crew stays
 * silent. The voice stack has a database of its own (accepting makes a human agent busy).
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { speakToPcm, ESPEAK_SAMPLE_RATE } from '../voice-worker/speech/espeak-tts'
import { joinAsCaller, type TestCaller } from './support/voice-participant'
import { startVoiceStack } from './support/voice-stack'

// A Wednesday afternoon in Springfield: the service desk is open.
const NOW = new Date('2026-12-02T20:00:00Z')
const HUMAN_LINE = 'Hi, this is Maria from the service desk. I can look at your brakes on Friday.'
const FRAME_SECONDS = 0.01

let voice: Awaited<ReturnType<typeof startVoiceStack>>

beforeAll(async () => {
  voice = await startVoiceStack({ now: () => NOW })
  await voice.startVoiceWorker()
}, 120_000)
afterAll(async () => {
  await voice?.stop()
})

it(
  'speaks a human agent’s words to the caller, and the crew stays quiet meanwhile',
  { timeout: 180_000 },
  async () => {
    const { callId, livekit } = await voice.startWebCall()
    const caller = await joinAsCaller(livekit.url, livekit.token)
    try {
      await voice.agentListensAgain(callId)
      await caller.say('I want to talk to a person')
      await expect
        .poll(async () => (await voice.callState(callId)).status, { timeout: 60_000 })
        .toBe('escalated')
      const call = await voice.callState(callId)
      const taskId = call.tasks[0].taskId as string
      // The crew's answer (it is finding someone) is spoken like any reply.
      await voice.agentListensAgain(callId)

      const accepted = await voice.api.call(`/api/escalations/${taskId}/accept`, {
        json: { humanAgentId: 2 },
      })
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
      await expect
        .poll(async () => (await voice.callState(callId)).currentAgent, { timeout: 30_000 })
        .toBe('human')
      await settle(caller)

      // What the person types is spoken to the caller: about as much speech as the line takes to say.
      const before = caller.agentSoundFrames()
      const human = await voice.api.call(`/api/calls/${callId}/messages`, {
        json: { text: HUMAN_LINE, author: 'human', humanAgentId: 2 },
      })
      expect(human.status, JSON.stringify(human.body)).toBe(200)
      const lineSeconds = await speechSeconds(HUMAN_LINE)
      await expect
        .poll(() => (caller.agentSoundFrames() - before) * FRAME_SECONDS, { timeout: 60_000, interval: 200 })
        .toBeGreaterThan(lineSeconds * 0.6)
      await settle(caller)
      const heard = (caller.agentSoundFrames() - before) * FRAME_SECONDS
      expect(heard).toBeLessThan(lineSeconds * 1.5)

      // The caller answers; the turn is the call's, but the crew does not reply while a person has it.
      const turns = (await voice.callState(callId)).turnCount
      const quietFrom = caller.agentSoundFrames()
      await caller.say('What are your hours?')
      await expect
        .poll(async () => (await voice.callState(callId)).turnCount, { timeout: 60_000 })
        .toBe(turns + 1)
      await settle(caller)
      expect(caller.agentSoundFrames()).toBe(quietFrom)
      const transcript = (await voice.callState(callId)).transcript as Array<{ role: string; text: string }>
      expect(transcript.slice(-2).map((t) => t.role)).toEqual(['human', 'user'])
      expect(transcript.at(-2)!.text).toBe(HUMAN_LINE)

      const resolved = await voice.api.call(`/api/escalations/${taskId}/resolve`, { json: {} })
      expect(resolved.status).toBe(200)
    } finally {
      await caller.leave()
    }
  },
)

/** Waits until the caller has heard nothing from the agent for 3 s. */
async function settle(caller: TestCaller) {
  await expect
    .poll(() => performance.now() - caller.lastSoundAt() > 3_000, { timeout: 60_000, interval: 200 })
    .toBe(true)
}

/** How long espeak-ng takes to say `text`, counting only its sound (not its trailing silence). */
async function speechSeconds(text: string): Promise<number> {
  const pcm = new Int16Array(Uint8Array.from(await speakToPcm(text)).buffer)
  const frame = ESPEAK_SAMPLE_RATE * FRAME_SECONDS
  let frames = 0
  for (let at = 0; at + frame <= pcm.length; at += frame) {
    let sum = 0
    for (let i = at; i < at + frame; i++) sum += Math.abs(pcm[i]!)
    if (sum / frame > 200) frames++
  }
  return frames * FRAME_SECONDS
}
