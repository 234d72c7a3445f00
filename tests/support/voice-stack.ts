/**
 * The call stack of tests/support/call-stack.ts with voice: the API served over HTTP (the voice
 * worker reaches it like any client), its voice service on the run's LiveKit server, and voice
 * worker processes (offline engines) that record calls into a data dir of the stack's own.
 * VOICE_WORKER_LOG=<file> appends the workers' output to a file.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { serve } from '@hono/node-server'
import { RoomServiceClient } from 'livekit-server-sdk'
import { expect, inject } from 'vitest'
import { readCallEvents } from '../../db/call-events'
import { DEV_API_KEY, DEV_API_SECRET } from '../../scripts/livekit/dev-server'
import { startVoiceWorkerProcess, type VoiceWorkerProcess } from '../../scripts/livekit/voice-worker-process'
import { createObjectStore } from '../../lib/object-store'
import { AGENT_KIND } from '../../voice-worker/rejoin-calls'
import type { DialingSettings } from '../../workflows/call-definitions'
import { startCallStack } from './call-stack'
import { createSeededTestDatabase } from './postgres'
import { fakePhoneNetwork, type FakePhoneOptions, type Script } from './fake-phone-network'
import { fakeS3Bucket, startFakeS3 } from './fake-s3'
import { testVoiceService } from './livekit'

/**
 * A voice worker process (offline engines unless `env` says otherwise) on the run's LiveKit server,
 * taking the calls dispatched to `agentName` and reaching the API at `apiUrl`; resolves once it has
 * registered.
 */
export function startTestVoiceWorker(o: {
  apiUrl: string
  agentName: string
  /** Where it records calls; by default a folder under the OS temp dir, never the repository's .data. */
  dataDir?: string
  /** More environment, e.g. VOICE_ENGINES=openai with LLM_BASE_URL. */
  env?: Record<string, string>
}): Promise<VoiceWorkerProcess> {
  const logFile = process.env.VOICE_WORKER_LOG
  return startVoiceWorkerProcess({
    env: {
      ...process.env,
      LIVEKIT_URL: inject('livekitUrl'),
      LIVEKIT_API_KEY: DEV_API_KEY,
      LIVEKIT_API_SECRET: DEV_API_SECRET,
      PITCREW_API_URL: o.apiUrl,
      VOICE_ENGINES: 'offline',
      VOICE_AGENT_NAME: o.agentName,
      DATA_DIR: o.dataDir ?? path.join(tmpdir(), 'pitcrew-test-data'),
      ...o.env,
    },
    onOutput: logFile ? (line) => appendFileSync(logFile, `${line}\n`) : undefined,
  })
}

/** A unique agent name per stack: test files share one LiveKit server. */
export const uniqueAgentName = () => `pitcrew-voice-${randomUUID().slice(0, 8)}`

export async function startVoiceStack(
  options: {
    now?: () => Date
    /** Phone calls through a FAKE phone network (tests/support/fake-phone-network.ts). */
    phone?: { script: Script; joinRoom?: FakePhoneOptions['joinRoom']; dialing?: DialingSettings }
    /** Finished recordings move to a FAKE S3 bucket (tests/support/fake-s3.ts). */
    recordingsBucket?: boolean
  } = {},
) {
  const agentName = uniqueAgentName()
  const phone = options.phone && fakePhoneNetwork(options.phone.script, { agentName, ...options.phone })
  // The workers write recordings here and the API serves them from here, as with one DATA_DIR.
  const dataDir = await mkdtemp(path.join(tmpdir(), 'pitcrew-voice-data-'))
  const s3 = options.recordingsBucket ? await startFakeS3({ bucket: 'pitcrew-recordings' }) : undefined
  // A database of the stack's own, not the run's shared one: a voice worker takes over any agentless
  // room of a call its API knows, and on the run's one LiveKit server that would include other test
  // files' calls.
  const database = await createSeededTestDatabase('pitcrew_voice')
  const stack = await startCallStack({
    voice: testVoiceService({ agentName, ...(phone ? { sipTrunkId: phone.rooms.sipTrunkId } : {}) }),
    voiceRooms: phone?.rooms,
    dialing: options.phone?.dialing,
    now: options.now,
    databaseUrl: database.url,
    dataDir,
    recordingsBucket: s3 && createObjectStore({ ...fakeS3Bucket(s3), region: 'us-east-1' }),
    liveEvents: true,
  })
  const http = serve({ fetch: stack.api.app.fetch, hostname: '127.0.0.1', port: 0 })
  await new Promise((r) => http.once('listening', r))
  const apiUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`
  const workers: VoiceWorkerProcess[] = []

  return {
    ...stack,
    /** The name the stack's workers register under; a dispatch to it reaches them. */
    agentName,
    /** The data dir the workers record into and the API reads from. */
    dataDir,
    /** The FAKE S3 server holding the recordings bucket, when there is one. */
    s3,
    /** Starts a voice worker and resolves once it has registered with LiveKit. */
    async startVoiceWorker(env?: Record<string, string>) {
      const worker = await startTestVoiceWorker({ apiUrl, agentName, dataDir, env: { ...s3?.env, ...env } })
      workers.push(worker)
      return worker
    },
    /** Starts a web call; returns its id and the caller's LiveKit url and token. */
    async startWebCall(body: Record<string, unknown> = {}) {
      const res = await stack.api.call('/api/calls', { json: { ...body, channel: 'web' } })
      if (res.status !== 201) throw new Error(`POST /api/calls: ${res.status} ${JSON.stringify(res.body)}`)
      return res.body as { callId: string; livekit: { url: string; room: string; token: string } }
    },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    async callState(callId: string): Promise<any> {
      return (await stack.api.call(`/api/calls/${callId}`)).body
    },
    /** The identities of the agents in the call's LiveKit room. */
    async agentsInRoom(callId: string): Promise<string[]> {
      const rooms = new RoomServiceClient(inject('livekitUrl'), DEV_API_KEY, DEV_API_SECRET)
      const people = await rooms.listParticipants(callId)
      return people.filter((p) => p.kind === AGENT_KIND).map((p) => p.identity)
    },
    /** Resolves once the agent has spoken and listens again (its greeting or reply is over). */
    async agentListensAgain(callId: string) {
      await expect
        .poll(async () => (await this.agentStates(callId)).slice(-2), { timeout: 60_000, interval: 200 })
        .toEqual(['speaking', 'listening'])
    },
    /** The call's agent_state events, oldest first. */
    async agentStates(callId: string): Promise<string[]> {
      const events = await readCallEvents(stack.api.db, callId, 0)
      return events.filter((e) => e.type === 'agent_state').map((e) => (e.data as { state: string }).state)
    },
    async stop() {
      await Promise.all(workers.map((w) => w.stop(5_000)))
      await new Promise((r) => http.close(r))
      await stack.stop()
      await s3?.stop()
      await database.drop()
      await rm(dataDir, { recursive: true, force: true })
    },
  }
}
