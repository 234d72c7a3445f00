/**
 * Reading calls: a call's own fields and the whole call as a snapshot of its log (the calls list is in
 * call-list.ts).
 * Everything that writes a call is in call-log.ts.
 */
import { eq } from 'drizzle-orm'
import type { CallState, CompactCallState, Dialog } from '../domain/call-state'
import { lastCallEventSeq } from './call-events'
import type { Db, DbOrTx } from './client'
import { tasksOfCall } from './escalations'
import { calls } from './schema'
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
