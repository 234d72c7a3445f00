/**
 * The outbox on both drivers (PGlite, the embedded default, and PostgreSQL): an event is written once
 * per dedupe key, rolls back with its transaction, and fans out only to subscriptions that want its
 * type and existed when it happened.
 */
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb, TEST_DRIVERS } from '../tests/support/postgres'
import { createWebhook, listDeliveries } from './webhooks'
import { fanOutEvent, markDispatched, recordWebhookEvent, undispatchedEvents } from './webhook-outbox'
import { webhookEvents } from './schema'

const event = (n: number) => ({
  type: 'escalation.created' as const,
  dedupeKey: `escalation.created:esc-${n}`,
  data: {
    task: {
      taskId: `esc-${n}`,
      taskType: 'escalation' as const,
      status: 'pending' as const,
      callId: 'call-1',
      reason: 'wants a person',
      humanAgent: null,
      callbackScheduled: null,
    },
  },
})

describe.each(TEST_DRIVERS)('the webhook outbox on %s', (driver) => {
  let handle: Awaited<ReturnType<typeof openTestDb>>
  beforeAll(async () => {
    handle = await openTestDb(driver)
    await handle.migrate()
  }, 60_000)
  afterAll(() => handle?.dispose())

  it('writes an event once per key, and not at all when its transaction rolls back', async () => {
    const { db } = handle
    const wanted = await createWebhook(db, { url: 'https://93.184.215.14/a', events: ['escalation.created'] })
    const other = await createWebhook(db, { url: 'https://93.184.215.14/b', events: ['call.ended'] })
    const id = await db.transaction((tx) => recordWebhookEvent(tx, event(1)))
    expect(id).toMatch(/^msg_[0-9a-f-]{36}$/)
    expect(await db.transaction((tx) => recordWebhookEvent(tx, event(1)))).toBeNull()
    await expect(
      db.transaction(async (tx) => {
        await recordWebhookEvent(tx, event(2))
        throw new Error('the change failed')
      }),
    ).rejects.toThrow('the change failed')
    const rows = await db.select().from(webhookEvents)
    expect(rows.map((r) => r.dedupeKey)).toEqual(['escalation.created:esc-1'])

    // A subscription made after the event does not get it.
    await db.execute(sql`update webhooks set created_at = now() - interval '2 minutes'`)
    await db.execute(sql`update webhook_events set created_at = now() - interval '1 minute'`)
    const late = await createWebhook(db, { url: 'https://93.184.215.14/c', events: ['escalation.created'] })
    expect(await undispatchedEvents(db, 10)).toEqual([{ id, type: 'escalation.created' }])
    expect(await fanOutEvent(db, id!)).toEqual([wanted.webhookId])
    expect(await fanOutEvent(db, id!)).toEqual([wanted.webhookId])
    await markDispatched(db, [id!])
    expect(await undispatchedEvents(db, 10)).toEqual([])
    expect((await listDeliveries(db, wanted.webhookId, { limit: 10 })).items).toEqual([
      expect.objectContaining({ eventId: id, type: 'escalation.created', status: 'pending', attempts: 0 }),
    ])
    for (const w of [other, late])
      expect((await listDeliveries(db, w.webhookId, { limit: 10 })).items).toEqual([])
  })
})
