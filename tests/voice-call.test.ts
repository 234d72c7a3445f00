/**
 * A browser-style voice call end to end, with real audio and real parts only: the run's LiveKit
 * server, the voice worker process (VAD, pocketsphinx STT with the dealership grammar, espeak-ng TTS),
 * the API, a pitcrew worker, Temporal and PostgreSQL. A test caller joins with the API's token and
 * says "I need an oil change tomorrow morning"; the call workflow must take it as a turn.
 */
import { appendFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { serve, type ServerType } from '@hono/node-server'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { readCallEvents } from '../db/call-events'
import { DEV_API_KEY, DEV_API_SECRET } from '../scripts/livekit/dev-server'
import { startVoiceWorkerProcess, type VoiceWorkerProcess } from '../scripts/livekit/voice-worker-process'
import { inject } from 'vitest'
import { startCallStack } from './support/call-stack'
import { testVoiceService } from './support/livekit'
import { joinAsCaller } from './support/voice-participant'

// A Wednesday afternoon in Springfield: "tomorrow morning" is Thursday 2026-12-03, a working day.
const NOW = new Date('2026-12-02T20:00:00Z')

let stack: Awaited<ReturnType<typeof startCallStack>>
let http: ServerType
let voiceWorker: VoiceWorkerProcess

beforeAll(async () => {
  stack = await startCallStack({ voice: testVoiceService(), now: () => NOW })
  http = serve({ fetch: stack.api.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((r) => http.once('listening', r))
  const { port } = http.address() as AddressInfo
  voiceWorker = await startVoiceWorkerProcess({
    env: {
      ...process.env,
      LIVEKIT_URL: inject('livekitUrl'),
      LIVEKIT_API_KEY: DEV_API_KEY,
      LIVEKIT_API_SECRET: DEV_API_SECRET,
      PITCREW_API_URL: `http://127.0.0.1:${port}`,
      VOICE_ENGINES: 'offline',
    },
    onOutput: process.env.VOICE_WORKER_LOG
      ? (line) => appendFileSync(process.env.VOICE_WORKER_LOG!, `${line}\n`)
      : undefined,
  })
}, 120_000)

afterAll(async () => {
  await voiceWorker?.stop(5_000)
  await new Promise((r) => (http ? http.close(r) : r(undefined)))
  await stack?.stop()
})

it(
  'hears the caller, runs the turn through the call workflow and answers out loud',
  { timeout: 120_000 },
  async () => {
    const start = await stack.api.call('/api/calls', { json: { channel: 'web' } })
    expect(start.status, JSON.stringify(start.body)).toBe(201)
    const { callId, livekit } = start.body as { callId: string; livekit: { url: string; token: string } }
    const caller = await joinAsCaller(livekit.url, livekit.token)
    try {
      // The greeting: the agent joined and speaks before the caller says anything.
      await expect
        .poll(() => caller.agentSoundFrames(), { timeout: 60_000, interval: 200 })
        .toBeGreaterThan(20)
      // Speaking over the greeting would be a barge-in; this test is about a plain turn, so wait it out.
      await expect
        .poll(async () => (await agentStates(callId)).slice(-2), { timeout: 60_000, interval: 200 })
        .toEqual(['speaking', 'listening'])

      await caller.say('I need an oil change tomorrow morning')
      const soundBefore = caller.agentSoundFrames()
      await expect
        .poll(async () => (await stack.api.call(`/api/calls/${callId}`)).body.turnCount, { timeout: 60_000 })
        .toBe(1)
      const call = (await stack.api.call(`/api/calls/${callId}`)).body
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
        .poll(async () => agentStates(callId), { timeout: 30_000 })
        .toEqual(expect.arrayContaining(['listening', 'thinking', 'speaking']))
    } finally {
      await caller.leave()
    }
    // Hanging up ends the call in the workflow.
    await expect
      .poll(async () => (await stack.api.call(`/api/calls/${callId}`)).body.status, { timeout: 30_000 })
      .toBe('ended')
  },
)

async function agentStates(callId: string): Promise<string[]> {
  const events = await readCallEvents(stack.api.db, callId, 0)
  return events.filter((e) => e.type === 'agent_state').map((e) => (e.data as { state: string }).state)
}
