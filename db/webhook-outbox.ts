/**
 * The webhook outbox. `recordWebhookEvent` is called inside the transaction of the change that causes
 * an event (a booking, a call ending, an escalation...), so the event commits with the change or not
 * at all, and once per dedupe key however often the activity that wrote it is retried. The
 * dispatcher (worker/webhook-dispatcher.ts) later fans each event out to the subscriptions that
 * want it and starts their delivery workflows.
 */
import { randomUUID } from 'node:crypto'
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm'
import type { NewWebhookEvent, WebhookEventType } from '../domain/webhooks'
import type { DbOrTx } from './client'
import { webhookDeliveries, webhookEvents } from './schema'

/**
 * Writes one event to the outbox as part of `tx`. Returns its id, or null when an event with the
 * same dedupe key exists already (the change was retried). Call it only inside the transaction
 * that makes the change, e.g. `recordWebhookEvent(tx, {type: 'call.analyzed', dedupeKey:
 * `call.analyzed:${callId}:${analyzerVersion}`, data: {callId, analysis}})`.
 */
export async function recordWebhookEvent(tx: DbOrTx, event: NewWebhookEvent): Promise<string | null> {
  const [row] = await tx
    .insert(webhookEvents)
    .values({ id: `msg_${randomUUID()}`, type: event.type, dedupeKey: event.dedupeKey, data: event.data })
    .onConflictDoNothing({ target: webhookEvents.dedupeKey })
    .returning({ id: webhookEvents.id })
  return row?.id ?? null
}

/** Events committed but not yet fanned out, oldest first. */
export async function undispatchedEvents(
  db: DbOrTx,
  limit: number,
): Promise<{ id: string; type: WebhookEventType }[]> {
  return db
    .select({ id: webhookEvents.id, type: webhookEvents.type })
    .from(webhookEvents)
    .where(isNull(webhookEvents.dispatchedAt))
    .orderBy(asc(webhookEvents.createdAt), asc(webhookEvents.id))
    .limit(limit)
}

/**
 * Creates a pending delivery of the event for every subscription that wants its type and existed
 * when it happened (again: nothing), and returns the subscriptions whose delivery is still pending.
 */
export async function fanOutEvent(db: DbOrTx, eventId: string): Promise<string[]> {
  await db.execute(sql`
    insert into webhook_deliveries (event_id, webhook_id)
    select e.id, w.id from webhook_events e join webhooks w
      on e.type = any(w.events) and w.created_at <= e.created_at
    where e.id = ${eventId}
    on conflict do nothing`)
  const rows = await db
    .select({ webhookId: webhookDeliveries.webhookId })
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.eventId, eventId), eq(webhookDeliveries.status, 'pending')))
  return rows.map((r) => r.webhookId)
}

/** Marks events whose delivery workflows have all been started. */
export async function markDispatched(db: DbOrTx, eventIds: string[]): Promise<void> {
  if (eventIds.length === 0) return
  await db
    .update(webhookEvents)
    .set({ dispatchedAt: sql`now()` })
    .where(and(inArray(webhookEvents.id, eventIds), isNull(webhookEvents.dispatchedAt)))
}
