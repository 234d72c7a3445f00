/**
 * A worker killed in the middle of a webhook POST (the receiver has the request and has not answered)
 * loses nothing: the next worker retries the delivery and the receiver ends with the event exactly
 * once; an event committed while no worker runs at all is delivered when one starts.
 */
import { Client } from '@temporalio/client'
import { describe, expect, it } from 'vitest'
import { openDb } from '../db/client'
import { createWebhook, listDeliveries } from '../db/webhooks'
import { recordWebhookEvent } from '../db/webhook-outbox'
import { createLogger } from '../lib/logger'
import { startWebhookDispatcher } from '../worker/webhook-dispatcher'
import { createSeededTestDatabase } from './support/postgres'
import { kill, startWorkerProcess } from './support/spawn-worker'
import { connectClient, uniqueTaskQueue } from './support/temporal'
import { startWebhookReceiver } from './support/webhook-receiver'

const workerProcess = (taskQueue: string, databaseUrl: string) =>
  startWorkerProcess({ TASK_QUEUE: taskQueue, DATABASE_URL: databaseUrl, WEBHOOK_ALLOW_PRIVATE: 'true' })

const callEnded = (callId: string) => ({
  type: 'call.ended' as const,
  dedupeKey: `call.ended:${callId}`,
  data: {
    callId,
    channel: 'chat' as const,
    startedAt: '2030-12-04T16:00:00.000Z',
    endedAt: '2030-12-04T16:05:00.000Z',
    durationSeconds: 300,
    turnCount: 3,
    intent: 'faq',
    customer: { customerId: null, name: null, phone: null },
    appointmentId: null,
    reason: 'the customer said goodbye',
  },
})

describe('a worker killed mid-delivery', () => {
  it('loses no event and the receiver gets each exactly once', { timeout: 180_000 }, async () => {
    const database = await createSeededTestDatabase('pitcrew_webhook_crash')
    const db = await openDb({ databaseUrl: database.url })
    const connection = await connectClient()
    const receiver = await startWebhookReceiver()
    const taskQueue = uniqueTaskQueue('webhook-crash')
    const dispatcher = startWebhookDispatcher({
      db: db.db,
      client: new Client({ connection }),
      taskQueue,
      // Each POST may take 2 s: a lost attempt is retried once Temporal's 12 s start-to-close passes.
      retry: { initialIntervalMs: 200, maximumIntervalMs: 1_000, retryForMs: 10 * 60_000, timeoutMs: 2_000 },
      intervalMs: 100,
      log: createLogger('silent'),
    })
    try {
      const webhook = await createWebhook(db.db, { url: receiver.url, events: ['call.ended'] })
      receiver.setSecret(webhook.secret)
      receiver.holdWhen(() => true)
      const first = await workerProcess(taskQueue, database.url)
      const firstId = await db.db.transaction((tx) => recordWebhookEvent(tx, callEnded('call-crash-1')))
      expect(firstId).toMatch(/^msg_/)
      // Written twice (a retried activity): still one event.
      expect(await db.db.transaction((tx) => recordWebhookEvent(tx, callEnded('call-crash-1')))).toBeNull()

      // The worker is inside the POST: the receiver holds the request. Kill it right there.
      await expect.poll(() => receiver.heldCount(), { timeout: 30_000 }).toBe(1)
      kill(first)
      receiver.holdWhen(null)
      // With no worker at all, another event happens.
      const secondId = await db.db.transaction((tx) => recordWebhookEvent(tx, callEnded('call-crash-2')))

      await workerProcess(taskQueue, database.url)
      await expect
        .poll(() => receiver.accepted.map((a) => a.id).sort(), { timeout: 90_000, interval: 250 })
        .toEqual([firstId, secondId].sort())
      expect([...receiver.countsById().values()]).toEqual([1, 1])
      expect(receiver.rejected).toEqual([])
      await expect
        .poll(async () =>
          (await listDeliveries(db.db, webhook.webhookId, { limit: 10 })).items.map((d) => d.status),
        )
        .toEqual(['delivered', 'delivered'])
      const { items } = await listDeliveries(db.db, webhook.webhookId, { limit: 10 })
      const killed = items.find((d) => d.eventId === firstId)!
      // The attempt that died with the worker recorded nothing; the one after it is attempt 2.
      expect(killed.recentAttempts[0]).toMatchObject({ attempt: 2, httpStatus: 204 })
    } finally {
      await dispatcher.stop()
      await receiver.stop()
      await connection.close()
      await db.close()
      await database.drop()
    }
  })
})
