/**
 * The voice worker with its OpenAI speech engines (VOICE_ENGINES=openai), end to end with real audio
 * through LiveKit. OpenAI cannot be reached here, so LLM_BASE_URL points at a FAKE OpenAI-compatible
 * speech server (tests/support/fake-openai-speech.ts) that answers with the offline engines. What is
 * real: the @livekit/agents-plugin-openai STT and TTS, their requests and audio formats, the worker,
 * LiveKit, the API, the call workflow, Temporal and PostgreSQL.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startFakeOpenAiSpeech } from './support/fake-openai-speech'
import { joinAsCaller } from './support/voice-participant'
import { startVoiceStack } from './support/voice-stack'

// A Wednesday afternoon in Springfield: "tomorrow morning" is Thursday 2026-12-03, a working day.
const NOW = new Date('2026-12-02T20:00:00Z')

let voice: Awaited<ReturnType<typeof startVoiceStack>>
let speech: Awaited<ReturnType<typeof startFakeOpenAiSpeech>>

beforeAll(async () => {
  voice = await startVoiceStack({ now: () => NOW })
  const services = (await voice.api.call('/api/services')).body as { name: string }[]
  const inventory = (await voice.api.call('/api/inventory')).body as { make: string; model: string }[]
  speech = await startFakeOpenAiSpeech({
    services: services.map((s) => s.name),
    vehicles: inventory.map((v) => ({ make: v.make, model: v.model })),
  })
  await voice.startVoiceWorker({
    VOICE_ENGINES: 'openai',
    LLM_BASE_URL: speech.baseUrl,
    OPENAI_API_KEY: 'sk-test-fake',
  })
}, 120_000)
afterAll(async () => {
  await voice?.stop()
  await speech?.close()
})

it(
  'hears and speaks through the OpenAI engines: transcriptions in, speech out',
  { timeout: 120_000 },
  async () => {
    const { callId, livekit } = await voice.startWebCall()
    const caller = await joinAsCaller(livekit.url, livekit.token)
    try {
      // The greeting goes out through the OpenAI TTS and reaches the caller as audio.
      await expect
        .poll(() => caller.agentSoundFrames(), { timeout: 60_000, interval: 200 })
        .toBeGreaterThan(20)
      expect(speech.requests.find((r) => r.path === '/v1/audio/speech')).toMatchObject({
        authorization: 'Bearer sk-test-fake',
        text: expect.stringMatching(/^Thanks for calling Springfield Auto/),
      })
      await voice.agentListensAgain(callId)

      await caller.say('I need an oil change tomorrow morning')
      await expect.poll(async () => (await voice.callState(callId)).turnCount, { timeout: 60_000 }).toBe(1)
      const call = await voice.callState(callId)
      expect(call.booking).toMatchObject({ serviceType: 'Oil Change', preferredDate: '2026-12-03' })
      const heard = speech.requests.filter((r) => r.path === '/v1/audio/transcriptions')
      // What the (fake) transcriptions endpoint heard: real recognition of real audio, which on a loaded
      // machine may drop a word, so only the words the booking above rests on are required.
      expect(heard.map((r) => r.text).join(' ')).toMatch(/oil change tomorrow/)
      expect(heard[0]!.model).toBe('whisper-1')
      // The crew's reply is synthesized through the same TTS.
      const reply = call.transcript.at(-1)
      await expect
        .poll(() =>
          speech.requests
            .filter((r) => r.path === '/v1/audio/speech')
            .map((r) => r.text)
            .join(' '),
        )
        .toContain(reply.text.split(/(?<=[.?!])\s/)[0])
    } finally {
      await caller.leave()
    }
  },
)
