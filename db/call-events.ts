/**
 * The append-only per-call event log behind SSE. `seq` is per call, starts at 1 and has no gaps:
 * it is allocated under a per-call advisory lock held until commit, so commits happen in seq order
 * and a reader that has seen seq N never later finds a committed N-1 it missed.
 */
import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import { PgTransaction } from 'drizzle-orm/pg-core'
import { LoggedCallEvent } from '../domain/call-events'
import type { DbOrTx } from './client'
import { callEvents } from './schema'

/** The Postgres channel that `appendCallEvents` notifies, with the call id as payload. */
export const CALL_EVENTS_CHANNEL = 'call_events'

/** An event to append; `dedupeKey` names the effect that wrote it (e.g. `turn:3:transcript:7`): a retry writes it once. */
export type NewCallEvent = LoggedCallEvent & { dedupeKey?: string }

/** An event as stored: its per-call seq (the SSE id) and when it was written. */
export type StoredCallEvent = LoggedCallEvent & { seq: number; at: Date }

const columns = { seq: callEvents.seq, type: callEvents.type, data: callEvents.data, at: callEvents.at }

/**
 * Appends `events` to the call's log and returns the stored rows, in the order given. An event whose
 * `dedupeKey` the call already has is not inserted again: its existing row is returned instead.
 *
 * Pass a drizzle transaction to append as part of it (it must be READ COMMITTED, Postgres's default,
 * so the seq allocation sees rows committed while it waited for the lock); otherwise the append runs
 * in a transaction of its own. Listeners on `call_events` hear about it when that transaction commits.
 */
export async function appendCallEvents(
  db: DbOrTx,
  callId: string,
  events: readonly NewCallEvent[],
): Promise<StoredCallEvent[]> {
  if (events.length === 0) return []
  if (inTransaction(db)) return appendLocked(db, callId, events)
  return db.transaction((tx) => appendLocked(tx, callId, events))
}

/** A plain boolean, not a type guard: narrowing to PgTransaction would lose the schema type. */
const inTransaction = (db: DbOrTx): boolean => db instanceof PgTransaction

async function appendLocked(tx: DbOrTx, callId: string, events: readonly NewCallEvent[]) {
  // Serializes appenders of this call only; released at commit or rollback.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${callId}))`)

  const keys = [...new Set(events.flatMap((e) => (e.dedupeKey === undefined ? [] : [e.dedupeKey])))]
  const byKey = new Map<string, StoredCallEvent>()
  if (keys.length > 0) {
    const existing = await tx
      .select({ ...columns, dedupeKey: callEvents.dedupeKey })
      .from(callEvents)
      .where(and(eq(callEvents.callId, callId), inArray(callEvents.dedupeKey, keys)))
    for (const { dedupeKey, ...row } of existing) byKey.set(dedupeKey!, toStored(row))
  }

  let seq = await lastCallEventSeq(tx, callId)

  // Events already stored, or repeated within this batch, take the row of their first occurrence.
  const fresh: (typeof callEvents.$inferInsert & { seq: number })[] = []
  /** The event given for each new seq (its first occurrence in this batch). */
  const passed = new Map<number, NewCallEvent>()
  const seqOf = new Map<string, number>()
  const plan = events.map((e) => {
    const key = e.dedupeKey
    if (key !== undefined && byKey.has(key)) return byKey.get(key)!
    if (key !== undefined && seqOf.has(key)) return seqOf.get(key)!
    seq += 1
    if (key !== undefined) seqOf.set(key, seq)
    passed.set(seq, e)
    fresh.push({ callId, seq, type: e.type, data: e.data, dedupeKey: key })
    return seq
  })

  // Only seq and time come back: the data is what was passed.
  const inserted =
    fresh.length > 0
      ? await tx.insert(callEvents).values(fresh).returning({ seq: callEvents.seq, at: callEvents.at })
      : []
  if (inserted.length > 0) await tx.execute(sql`select pg_notify(${CALL_EVENTS_CHANNEL}, ${callId})`)
  const atOf = new Map(inserted.map((row) => [row.seq, row.at]))
  return plan.map((p) => {
    if (typeof p !== 'number') return p
    const { dedupeKey: _key, ...event } = passed.get(p)!
    return { ...event, seq: p, at: atOf.get(p)! }
  })
}

/** The call's events with `seq > afterSeq`, oldest first, at most `limit` of them. */
export async function readCallEvents(
  db: DbOrTx,
  callId: string,
  afterSeq: number,
  limit = 500,
): Promise<StoredCallEvent[]> {
  const rows = await db
    .select(columns)
    .from(callEvents)
    .where(and(eq(callEvents.callId, callId), gt(callEvents.seq, afterSeq)))
    .orderBy(asc(callEvents.seq))
    .limit(limit)
  return rows.map(toStored)
}

/** Parsed, not cast: a row written by an older version is checked against today's event types. */
function toStored(row: { seq: number; type: string; data: unknown; at: Date }): StoredCallEvent {
  return { ...LoggedCallEvent.parse({ type: row.type, data: row.data }), seq: row.seq, at: row.at }
}

/** The highest seq of the call's log (0 when it has none). */
export async function lastCallEventSeq(db: DbOrTx, callId: string): Promise<number> {
  const [last] = await db
    .select({ seq: sql<number>`coalesce(max(${callEvents.seq}), 0)`.mapWith(Number) })
    .from(callEvents)
    .where(eq(callEvents.callId, callId))
  return last?.seq ?? 0
}
