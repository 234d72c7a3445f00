/**
 * A whole call stack for tests: the API (in-process), a real pitcrew worker on its own task queue,
 * the run's Temporal dev server and PostgreSQL. `now` pins the crew's clock.
 */
import { Client } from '@temporalio/client'
import { expect } from 'vitest'
import type { ActivityDeps } from '../../activities'
import type { VoiceRooms } from '../../activities/phone-activities'
import type { ApiDeps } from '../../api/context'
import type { DialingSettings } from '../../workflows/call-definitions'
import type { EscalationSettings } from '../../workflows/escalation-definitions'
import type { WebhookRetrySchedule } from '../../domain/webhooks'
import { createLogger } from '../../lib/logger'
import { startWebhookDispatcher } from '../../worker/webhook-dispatcher'
import { createTestApi } from './api'
import { connectClient, startTestWorker, uniqueTaskQueue } from './temporal'

export async function startCallStack(
  options: {
    now?: () => Date
    idleTimeoutMs?: number
    escalation?: EscalationSettings
    databaseUrl?: string
    voice?: ApiDeps['voice']
    /** LiveKit for the worker (phone dialing, rooms); defaults to `voice`. */
    voiceRooms?: VoiceRooms
    dialing?: DialingSettings
    /** SSE streams work (a live event feed), as the voice worker needs. */
    liveEvents?: boolean
    /** DATA_DIR, where the API finds call recordings. */
    dataDir?: string
    /** The bucket finished recordings are moved to. */
    recordingsBucket?: ApiDeps['recordingsBucket']
    /** Seams into the worker's activities (e.g. hold a turn while others arrive). */
    hooks?: ActivityDeps['hooks']
    /**
     * Webhooks: private receivers allowed (the test's receiver is on loopback), and a dispatcher with
     * this retry schedule sweeping the outbox every `dispatchIntervalMs` (default 100).
     */
    webhooks?: { retry: WebhookRetrySchedule; dispatchIntervalMs?: number }
    /** Voice message speech engines of the worker; unset = offline. */
    speech?: ActivityDeps['speech']
    /** LLM mode for the worker (a fake OpenAI-compatible server in tests). */
    llm?: ActivityDeps['llm']
  } = {},
) {
  const taskQueue = uniqueTaskQueue('calls')
  const connection = await connectClient()
  const client = new Client({ connection })
  const api = await createTestApi({
    now: options.now,
    databaseUrl: options.databaseUrl,
    voice: options.voice,
    dataDir: options.dataDir,
    recordingsBucket: options.recordingsBucket,
    liveEvents: options.liveEvents,
    webhooks: options.webhooks && { allowPrivate: true },
    temporal: {
      client,
      taskQueue,
      idleTimeoutMs: options.idleTimeoutMs,
      escalation: options.escalation,
      dialing: options.dialing,
    },
  })
  const startWorker = () =>
    startTestWorker(api.db, taskQueue, {
      now: options.now,
      voiceRooms: options.voiceRooms ?? options.voice,
      hooks: options.hooks,
      webhooks: options.webhooks && { allowPrivate: true },
      dataDir: options.dataDir,
      recordingsBucket: options.recordingsBucket,
      speech: options.speech,
      llm: options.llm,
    })
  let worker: Awaited<ReturnType<typeof startTestWorker>> | null = await startWorker()
  const startDispatcher = () =>
    options.webhooks
      ? startWebhookDispatcher({
          db: api.db,
          client,
          taskQueue,
          retry: options.webhooks.retry,
          intervalMs: options.webhooks.dispatchIntervalMs ?? 100,
          log: createLogger('silent'),
        })
      : null
  let dispatcher = startDispatcher()

  /** Starts a chat call and returns its id. */
  async function startCall(body: Record<string, unknown> = { channel: 'chat' }) {
    const res = await api.call('/api/calls', { json: body })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    return res.body.callId as string
  }

  /** Sends a customer message; returns the reply and the state after it. */
  async function say(callId: string, text: string) {
    const res = await api.call(`/api/calls/${callId}/messages`, { json: { text } })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return res.body as { reply: string; state: any }
  }

  return {
    api,
    client,
    taskQueue,
    startCall,
    say,
    /** Stops the worker, as a crash would leave its calls: nobody runs them until `startWorker`. */
    async stopWorker() {
      await worker?.stop()
      worker = null
    },
    async startWorker() {
      worker ??= await startWorker()
    },
    /** Stops the webhook dispatcher, as a crash between an event's commit and its dispatch would. */
    async stopDispatcher() {
      await dispatcher?.stop()
      dispatcher = null
    },
    startDispatcher() {
      dispatcher ??= startDispatcher()
      return dispatcher
    },
    async stop() {
      await dispatcher?.stop()
      await worker?.stop()
      await api.close()
      await connection.close()
    },
  }
}
