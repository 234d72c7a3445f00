/**
 * Webhook subscriptions and their deliveries: what the API creates, lists and deletes, and what the
 * delivery activity reads and records each attempt in.
 */
import { randomBytes, randomUUID } from 'node:crypto'
import { and, desc, eq, lt, or, sql } from 'drizzle-orm'
import type {
  DeliveryAttempt,
  Webhook,
  WebhookDelivery,
  WebhookEventType,
  WebhookPayload,
} from '../domain/webhooks'
import type { Db, DbOrTx } from './client'
import { webhookDeliveries, webhookDeliveryAttempts, webhookEvents, webhooks } from './schema'

type WebhookRow = typeof webhooks.$inferSelect

function toWebhook(row: WebhookRow): Webhook {
  return {
    webhookId: row.id,
    url: row.url,
    events: row.events,
    description: row.description,
    createdAt: row.createdAt.toISOString(),
  }
}

/** A new Standard Webhooks secret: `whsec_` + 32 random bytes in base64. */
function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`
}

/** Creates a subscription; the secret is returned here and never again. */
export async function createWebhook(
  db: Db,
  w: { url: string; events: WebhookEventType[]; description?: string },
): Promise<Webhook & { secret: string }> {
  const [row] = await db
    .insert(webhooks)
    .values({
      id: `wh_${randomUUID()}`,
      url: w.url,
      events: [...new Set(w.events)],
      description: w.description ?? null,
      secret: newSecret(),
    })
    .returning()
  return { ...toWebhook(row!), secret: row!.secret }
}

export async function listWebhooks(db: Db): Promise<Webhook[]> {
  const rows = await db.select().from(webhooks).orderBy(desc(webhooks.createdAt), desc(webhooks.id))
  return rows.map(toWebhook)
}

export async function getWebhook(db: Db, id: string): Promise<Webhook | null> {
  const [row] = await db.select().from(webhooks).where(eq(webhooks.id, id))
  return row ? toWebhook(row) : null
}

/** Deletes a subscription and its deliveries (pending ones stop at their next attempt). */
export async function deleteWebhook(db: Db, id: string): Promise<boolean> {
  const gone = await db.delete(webhooks).where(eq(webhooks.id, id)).returning({ id: webhooks.id })
  return gone.length > 0
}

/** Keyset cursor over (createdAt desc, eventId desc). */
function encodeCursor(d: { createdAt: Date; eventId: string }) {
  return Buffer.from(`${d.createdAt.toISOString()}|${d.eventId}`).toString('base64url')
}

/** The (createdAt, eventId) a cursor names, or null when it is not one of ours. */
export function decodeDeliveryCursor(cursor: string): { createdAt: Date; eventId: string } | null {
  const [at, eventId] = Buffer.from(cursor, 'base64url').toString().split('|')
  const createdAt = new Date(at ?? '')
  if (!eventId || !/^msg_[0-9a-f-]{36}$/.test(eventId) || Number.isNaN(createdAt.getTime())) return null
  return { createdAt, eventId }
}

const RECENT_ATTEMPTS = 10

/** A subscription's deliveries, newest first, a page at a time. */
export async function listDeliveries(
  db: Db,
  webhookId: string,
  page: { limit: number; after?: { createdAt: Date; eventId: string } },
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  const after = page.after
  const rows = await db
    .select({ d: webhookDeliveries, type: webhookEvents.type })
    .from(webhookDeliveries)
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(
      and(
        eq(webhookDeliveries.webhookId, webhookId),
        after
          ? or(
              lt(webhookDeliveries.createdAt, after.createdAt),
              and(
                eq(webhookDeliveries.createdAt, after.createdAt),
                lt(webhookDeliveries.eventId, after.eventId),
              ),
            )
          : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.eventId))
    .limit(page.limit + 1)
  const pageRows = rows.slice(0, page.limit)
  const items = await Promise.all(
    pageRows.map(async ({ d, type }): Promise<WebhookDelivery> => {
      const attempts = await db
        .select()
        .from(webhookDeliveryAttempts)
        .where(
          and(
            eq(webhookDeliveryAttempts.eventId, d.eventId),
            eq(webhookDeliveryAttempts.webhookId, d.webhookId),
          ),
        )
        .orderBy(desc(webhookDeliveryAttempts.attempt))
        .limit(RECENT_ATTEMPTS)
      return {
        eventId: d.eventId,
        type,
        status: d.status,
        attempts: d.attempts,
        lastHttpStatus: d.lastHttpStatus,
        lastError: d.lastError,
        createdAt: d.createdAt.toISOString(),
        lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
        deliveredAt: d.deliveredAt?.toISOString() ?? null,
        recentAttempts: attempts.map((a): DeliveryAttempt => ({
          attempt: a.attempt,
          at: a.at.toISOString(),
          httpStatus: a.httpStatus,
          error: a.error,
          durationMs: a.durationMs,
        })),
      }
    }),
  )
  const last = pageRows.at(-1)?.d
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor(last) : null }
}

/** What a delivery attempt needs: the subscription (with its secret) and the payload, or null when gone. */
export async function deliveryToMake(
  db: Db,
  eventId: string,
  webhookId: string,
): Promise<{ url: string; secret: string; status: string; payload: WebhookPayload } | null> {
  const [row] = await db
    .select({ d: webhookDeliveries, w: webhooks, e: webhookEvents })
    .from(webhookDeliveries)
    .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
    .innerJoin(webhookEvents, eq(webhookEvents.id, webhookDeliveries.eventId))
    .where(and(eq(webhookDeliveries.eventId, eventId), eq(webhookDeliveries.webhookId, webhookId)))
  if (!row) return null
  return {
    url: row.w.url,
    secret: row.w.secret,
    status: row.d.status,
    payload: {
      type: row.e.type,
      timestamp: row.e.createdAt.toISOString(),
      data: row.e.data,
    } as WebhookPayload,
  }
}

export interface AttemptRecord {
  eventId: string
  webhookId: string
  attempt: number
  httpStatus: number | null
  error: string | null
  durationMs: number
  delivered: boolean
}

/**
 * Records one attempt and its result on the delivery, once per attempt number (a retried activity
 * that recorded its attempt already changes nothing); nothing when the subscription was deleted meanwhile.
 */
export async function recordAttempt(db: Db, a: AttemptRecord): Promise<void> {
  await db.transaction(async (tx) => {
    const of = and(eq(webhookDeliveries.eventId, a.eventId), eq(webhookDeliveries.webhookId, a.webhookId))
    // The subscription may have been deleted during the POST: then there is nothing to record.
    const [delivery] = await tx
      .select({ status: webhookDeliveries.status })
      .from(webhookDeliveries)
      .where(of)
      .for('update')
    if (!delivery) return
    const inserted = await tx
      .insert(webhookDeliveryAttempts)
      .values({
        eventId: a.eventId,
        webhookId: a.webhookId,
        attempt: a.attempt,
        httpStatus: a.httpStatus,
        error: a.error,
        durationMs: a.durationMs,
      })
      .onConflictDoNothing()
      .returning({ attempt: webhookDeliveryAttempts.attempt })
    if (inserted.length === 0) return
    await tx
      .update(webhookDeliveries)
      .set({
        attempts: sql`${webhookDeliveries.attempts} + 1`,
        lastHttpStatus: a.httpStatus,
        lastError: a.error,
        lastAttemptAt: sql`now()`,
        ...(a.delivered ? { status: 'delivered' as const, deliveredAt: sql`now()` } : {}),
      })
      .where(of)
  })
}

/** Gives a delivery up after its retry schedule ran out (unless it was delivered meanwhile). */
export async function markDeliveryFailed(db: DbOrTx, eventId: string, webhookId: string): Promise<void> {
  await db
    .update(webhookDeliveries)
    .set({ status: 'failed' })
    .where(
      and(
        eq(webhookDeliveries.eventId, eventId),
        eq(webhookDeliveries.webhookId, webhookId),
        eq(webhookDeliveries.status, 'pending'),
      ),
    )
}
