/**
 * Post-call analyses: what the analyser reads (a call's whole stored record) and its one row per
 * call in call_analyses. Writing is an upsert keyed by the call id, so a retried or repeated analysis
 * (Temporal retries, two POSTs at once) always leaves exactly one row.
 */
import { recordWebhookEvent } from './webhook-outbox'
import { asc, eq, getTableColumns, inArray, like, or } from 'drizzle-orm'
import type { CallAnalysis } from '../domain/call-analysis'
import { sentimentLabelOf, INSUFFICIENT } from '../domain/call-analysis'
import type { LoggedCallEvent } from '../domain/call-events'
import type { Db } from './client'
import {
  appointments,
  callAnalyses,
  callEvents,
  callTurns,
  calls,
  escalationTasks,
  transcriptLines,
} from './schema'

// Not the `search` tsvectors, which only full-text search reads.
const { search: _callSearch, ...callColumns } = getTableColumns(calls)
const { search: _lineSearch, ...lineColumns } = getTableColumns(transcriptLines)
export type CallRow = Omit<typeof calls.$inferSelect, 'search'>
export type TurnRow = typeof callTurns.$inferSelect
export type TaskRow = typeof escalationTasks.$inferSelect
export type AppointmentRow = typeof appointments.$inferSelect
export type LineRow = Omit<typeof transcriptLines.$inferSelect, 'search'>
export type EventRow = LoggedCallEvent & { seq: number; dedupeKey: string | null; at: Date }

/** Everything stored about one call: what the analysis is computed from. */
export interface CallRecord {
  call: CallRow
  lines: LineRow[]
  turns: TurnRow[]
  events: EventRow[]
  tasks: TaskRow[]
  /** Appointments the call booked, moved (booking key of one of its turns) or cancelled. */
  appointments: AppointmentRow[]
}

/** The call's whole record in one consistent read, or null for an unknown call. */
export async function loadCallRecord(db: Db, callId: string): Promise<CallRecord | null> {
  return db.transaction(
    async (tx) => {
      const [call] = await tx.select(callColumns).from(calls).where(eq(calls.id, callId))
      if (!call) return null
      const lines = await tx
        .select(lineColumns)
        .from(transcriptLines)
        .where(eq(transcriptLines.callId, callId))
        .orderBy(asc(transcriptLines.seq))
      const turns = await tx
        .select()
        .from(callTurns)
        .where(eq(callTurns.callId, callId))
        .orderBy(asc(callTurns.turn))
      const eventRows = await tx
        .select()
        .from(callEvents)
        .where(eq(callEvents.callId, callId))
        .orderBy(asc(callEvents.seq))
      const events = eventRows.map(
        (e) => ({ type: e.type, data: e.data, seq: e.seq, dedupeKey: e.dedupeKey, at: e.at }) as EventRow,
      )
      const tasks = await tx
        .select()
        .from(escalationTasks)
        .where(eq(escalationTasks.callId, callId))
        .orderBy(asc(escalationTasks.createdAt))
      const mentioned = [
        ...new Set(
          events.flatMap((e) =>
            e.type === 'call_updated' && e.data.booking?.appointmentId ? [e.data.booking.appointmentId] : [],
          ),
        ),
      ]
      const touched = await tx
        .select()
        .from(appointments)
        .where(
          or(
            eq(appointments.callId, callId),
            like(appointments.bookingKey, `${callId}:turn:%`),
            mentioned.length > 0 ? inArray(appointments.id, mentioned) : undefined,
          ),
        )
        .orderBy(asc(appointments.id))
      return { call, lines, turns, events, tasks, appointments: touched }
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  )
}

/** Stores the analysis as the call's one row, replacing an earlier one. */
/**
 * Upserts the call's analysis and, in the same transaction, its `call.analyzed` webhook event: once
 * per `runKey` (one analysis run, however often Temporal retries it), again for a new run.
 */
export async function saveCallAnalysis(
  db: Db,
  analysis: CallAnalysis,
  o: { wantedBooking: boolean; runKey: string },
): Promise<void> {
  const row = {
    callId: analysis.callId,
    analyzerVersion: analysis.analyzerVersion,
    outcome: analysis.outcome,
    sentimentLabel: sentimentLabelOf(analysis),
    sentimentScore: analysis.sentiment === INSUFFICIENT ? null : analysis.sentiment.score,
    durationSeconds: analysis.durationSeconds,
    turns: analysis.turns,
    customerTurns: analysis.customerTurns,
    interruptions: analysis.interruptions,
    wantedBooking: o.wantedBooking,
    analysis,
    analyzedAt: new Date(analysis.analyzedAt),
  }
  const { callId: _key, ...update } = row
  await db.transaction(async (tx) => {
    await tx.insert(callAnalyses).values(row).onConflictDoUpdate({ target: callAnalyses.callId, set: update })
    await recordWebhookEvent(tx, {
      type: 'call.analyzed',
      dedupeKey: `call.analyzed:${analysis.callId}:${o.runKey}`,
      data: { callId: analysis.callId, analysis },
    })
  })
}

/** The call's analysis, or null when it has none yet. */
export async function getCallAnalysis(db: Db, callId: string): Promise<CallAnalysis | null> {
  const [row] = await db
    .select({ analysis: callAnalyses.analysis })
    .from(callAnalyses)
    .where(eq(callAnalyses.callId, callId))
  return row?.analysis ?? null
}
