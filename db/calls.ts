/**
 * Reading calls: a call's own fields, the whole call as a snapshot of its log, and the calls list.
 * Everything that writes a call is in call-log.ts.
 */
import { and, desc, eq, ilike, lt, or, sql, type SQL } from 'drizzle-orm'
import type { CallState, CompactCallState, Dialog } from '../domain/call-state'
import { lastCallEventSeq } from './call-events'
import type { Db, DbOrTx } from './client'
import { tasksOfCall } from './escalations'
import { calls, transcriptLines } from './schema'
import { getTranscript } from './transcript'

/** The call's own fields as its calls row holds them (tasks as the workflow last saved them). */
export async function getCallState(db: DbOrTx, callId: string): Promise<CompactCallState | null> {
  const [row] = await db.select({ state: calls.state }).from(calls).where(eq(calls.id, callId))
  return row?.state ?? null
}

/** The whole call as of one moment of its log, and the seq of the last event it includes. */
export interface CallSnapshot {
  seq: number
  call: CallState & { dialog: Dialog }
}

/**
 * Builds the call from its projections (calls row, transcript lines, task rows) in one consistent
 * read: every writer changes them and appends the events in one transaction, so the snapshot is
 * exactly the call after event `seq`, and the events after `seq` are exactly what it lacks.
 */
export async function readCallSnapshot(db: Db, callId: string): Promise<CallSnapshot | null> {
  return db.transaction(
    async (tx) => {
      const state = await getCallState(tx, callId)
      if (!state) return null
      const transcript = await getTranscript(tx, callId)
      const tasks = await tasksOfCall(tx, callId)
      const seq = await lastCallEventSeq(tx, callId)
      return { seq, call: { ...state, tasks, transcript } }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}

export interface CallListFilter {
  status?: 'active' | 'escalated' | 'ended'
  q?: string
  limit: number
  /** Opaque: the startedAt|id of the last item of the previous page. */
  cursor?: { startedAt: Date; id: string }
}

export async function listCalls(db: Db, f: CallListFilter) {
  const where: (SQL | undefined)[] = []
  if (f.status) where.push(eq(calls.status, f.status))
  if (f.q) {
    const like = `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`
    where.push(
      or(
        ilike(calls.id, like),
        ilike(calls.customerPhone, like),
        sql`${calls.state}->'customer'->>'name' ilike ${like}`,
        sql`exists (select 1 from ${transcriptLines} t where t.call_id = ${calls.id} and t.text ilike ${like})`,
      ),
    )
  }
  if (f.cursor) {
    where.push(
      or(
        lt(calls.startedAt, f.cursor.startedAt),
        and(eq(calls.startedAt, f.cursor.startedAt), lt(calls.id, f.cursor.id)),
      ),
    )
  }
  const rows = await db
    .select()
    .from(calls)
    .where(and(...where))
    .orderBy(desc(calls.startedAt), desc(calls.id))
    .limit(f.limit + 1)
  const page = rows.slice(0, f.limit)
  const last = page.at(-1)
  return {
    items: page.map((r) => {
      const state = r.state
      return {
        callId: r.id,
        channel: r.channel,
        status: r.status,
        customerPhone: r.customerPhone,
        customerName: state?.customer?.name ?? null,
        intent: r.intent,
        currentAgent: r.currentAgent,
        turnCount: r.turnCount,
        startedAt: r.startedAt.toISOString(),
        endedAt: r.endedAt?.toISOString() ?? null,
      }
    }),
    nextCursor: rows.length > f.limit && last ? { startedAt: last.startedAt, id: last.id } : null,
  }
}
