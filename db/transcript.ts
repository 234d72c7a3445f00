/**
 * A call's transcript lines: the projection of its `transcript` events, written in the same
 * transaction as each event.
 */
import { asc, desc, eq, sql } from 'drizzle-orm'
import type { TranscriptEntry } from '../domain/call-state'
import type { DbOrTx } from './client'
import { transcriptLines } from './schema'

/** The columns a line is read with: not `search`, the tsvector only full-text search needs. */
const LINE = {
  seq: transcriptLines.seq,
  role: transcriptLines.role,
  text: transcriptLines.text,
  agent: transcriptLines.agent,
  turn: transcriptLines.turn,
  at: transcriptLines.at,
}
type LineRow = { [K in keyof typeof LINE]: (typeof transcriptLines.$inferSelect)[K] }

/** A line to add; its seq and time are given by the database. */
export type NewTranscriptLine = Omit<TranscriptEntry, 'seq' | 'at'>

export async function getTranscript(db: DbOrTx, callId: string): Promise<TranscriptEntry[]> {
  const rows = await db
    .select(LINE)
    .from(transcriptLines)
    .where(eq(transcriptLines.callId, callId))
    .orderBy(asc(transcriptLines.seq))
  return rows.map(toEntry)
}

/** The last `count` lines, oldest first: the context the agents see. */
export async function recentTranscript(
  db: DbOrTx,
  callId: string,
  count: number,
): Promise<TranscriptEntry[]> {
  const rows = await db
    .select(LINE)
    .from(transcriptLines)
    .where(eq(transcriptLines.callId, callId))
    .orderBy(desc(transcriptLines.seq))
    .limit(count)
  return rows.reverse().map(toEntry)
}

/** Appends `lines` after the call's last one; call it inside the transaction that logs their events. */
export async function appendTranscriptLines(tx: DbOrTx, callId: string, lines: NewTranscriptLine[]) {
  // Turns and lines said outside them may write at once: serialise per call until commit.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${'transcript:' + callId}))`)
  const [last] = await tx
    .select({ seq: sql<number>`coalesce(max(${transcriptLines.seq}), 0)`.mapWith(Number) })
    .from(transcriptLines)
    .where(eq(transcriptLines.callId, callId))
  const first = (last?.seq ?? 0) + 1
  const rows = await tx
    .insert(transcriptLines)
    .values(
      lines.map((l, i) => ({
        callId,
        seq: first + i,
        role: l.role,
        text: l.text,
        agent: l.agent ?? null,
        turn: l.turn ?? null,
      })),
    )
    .returning(LINE)
  return rows.map(toEntry)
}

function toEntry(r: LineRow): TranscriptEntry {
  return {
    seq: r.seq,
    role: r.role,
    text: r.text,
    ...(r.agent ? { agent: r.agent } : {}),
    ...(r.turn !== null ? { turn: r.turn } : {}),
    at: r.at.toISOString(),
  }
}
