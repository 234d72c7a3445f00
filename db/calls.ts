/**
 * Calls, their turns and transcripts. Writes are idempotent so a retried activity never
 * duplicates a turn, a transcript line or an event.
 */
import { and, asc, desc, eq, ilike, lt, or, sql, type SQL } from 'drizzle-orm'
import type { CompactCallState, TranscriptEntry } from '../domain/call-state'
import { appendCallEvents, type NewCallEvent } from './call-events'
import type { Db } from './client'
import { callEvents, callTurns, calls, escalationTasks, transcriptTurns } from './schema'

export async function insertCall(db: Db, state: CompactCallState): Promise<void> {
  await db
    .insert(calls)
    .values({
      id: state.callId,
      channel: state.channel,
      status: state.status,
      customerPhone: state.customer?.phone ?? null,
      customerId: state.customer?.customerId ?? null,
      startedAt: new Date(state.startedAt),
      state,
    })
    .onConflictDoNothing()
}

export async function getCallState(db: Db, callId: string): Promise<CompactCallState | null> {
  const [row] = await db.select({ state: calls.state }).from(calls).where(eq(calls.id, callId))
  return (row?.state as CompactCallState | undefined) ?? null
}

export async function getTranscript(db: Db, callId: string): Promise<TranscriptEntry[]> {
  const rows = await db
    .select()
    .from(transcriptTurns)
    .where(eq(transcriptTurns.callId, callId))
    .orderBy(asc(transcriptTurns.seq))
  return rows.map(toEntry)
}

/** The last `count` transcript entries, oldest first: the context the agents see. */
export async function recentTranscript(db: Db, callId: string, count: number): Promise<TranscriptEntry[]> {
  const rows = await db
    .select()
    .from(transcriptTurns)
    .where(eq(transcriptTurns.callId, callId))
    .orderBy(desc(transcriptTurns.seq))
    .limit(count)
  return rows.reverse().map(toEntry)
}

function toEntry(r: typeof transcriptTurns.$inferSelect): TranscriptEntry {
  return {
    seq: r.seq,
    role: r.role,
    text: r.text,
    ...(r.agent ? { agent: r.agent as TranscriptEntry['agent'] } : {}),
    at: r.at.toISOString(),
  }
}

/** What a turn did besides replying; stored with it so a retried turn does it again. */
export interface TurnEffects {
  endCall: boolean
  escalation: { taskId: string; reason: string; requestedCallback?: { date: string; time: string } } | null
}

export interface StoredTurn extends TurnEffects {
  reply: string | null
  state: CompactCallState
}

export async function findTurn(db: Db, callId: string, turn: number): Promise<StoredTurn | null> {
  const [row] = await db
    .select({ reply: callTurns.reply, state: callTurns.state, effects: callTurns.effects })
    .from(callTurns)
    .where(and(eq(callTurns.callId, callId), eq(callTurns.turn, turn)))
  if (!row) return null
  const effects = (row.effects as TurnEffects | null) ?? { endCall: false, escalation: null }
  return { reply: row.reply, state: row.state as CompactCallState, ...effects }
}

export interface TurnRecord extends TurnEffects {
  callId: string
  turn: number
  author: 'user' | 'human'
  text: string
  reply: string | null
  state: CompactCallState
  previous: CompactCallState
  durationMs: number
}

/**
 * Stores a finished turn in one transaction: the turn row, both transcript lines, the call row and
 * the events. Returns false when the turn was stored already (a retry that lost the race).
 */
export async function saveTurn(db: Db, t: TurnRecord): Promise<boolean> {
  return db.transaction(async (tx) => {
    const inserted = await tx
      .insert(callTurns)
      .values({
        callId: t.callId,
        turn: t.turn,
        author: t.author,
        text: t.text,
        reply: t.reply,
        agent: t.state.currentAgent,
        state: t.state,
        effects: { endCall: t.endCall, escalation: t.escalation } satisfies TurnEffects,
        durationMs: t.durationMs,
      })
      .onConflictDoNothing()
      .returning({ turn: callTurns.turn })
    if (inserted.length === 0) return false

    const lines: Array<Omit<TranscriptEntry, 'seq' | 'at'>> = [{ role: t.author, text: t.text }]
    if (t.reply) lines.push({ role: 'agent', text: t.reply, agent: t.state.currentAgent })
    const entries = await appendTranscript(tx as unknown as Db, t.callId, lines)
    await updateCallRow(tx as unknown as Db, t.state)
    await insertNewTasks(tx as unknown as Db, t.previous, t.state)

    const events: NewCallEvent[] = entries.map((e) => ({
      type: 'transcript',
      data: e,
      dedupeKey: `turn:${t.turn}:transcript:${e.seq}`,
    }))
    events.push(...taskEvents(t.previous, t.state, `turn:${t.turn}`))
    if (t.previous.status !== t.state.status) {
      events.push({
        type: 'call_status',
        data: { status: t.state.status },
        dedupeKey: `turn:${t.turn}:status`,
      })
    }
    events.push({ type: 'state', data: t.state, withTranscript: true, dedupeKey: `turn:${t.turn}:state` })
    await appendCallEvents(tx as unknown as Db, t.callId, events)
    return true
  })
}

/** Tasks the turn created get their row, which the escalation workflow then keeps up to date. */
async function insertNewTasks(db: Db, previous: CompactCallState, state: CompactCallState) {
  const fresh = state.tasks.filter((t) => !previous.tasks.some((p) => p.taskId === t.taskId))
  if (fresh.length === 0) return
  await db
    .insert(escalationTasks)
    .values(
      fresh.map((t) => ({
        taskId: t.taskId,
        callId: state.callId,
        taskType: t.taskType,
        status: t.status,
        reason: t.reason ?? null,
      })),
    )
    .onConflictDoNothing()
}

/**
 * An agent line outside a turn ("nobody is free, we'll call you back Monday at 9"), written once per
 * key: a retry finds its event and stops.
 */
export async function appendAgentLine(
  db: Db,
  state: CompactCallState,
  text: string,
  key: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    const [done] = await tx
      .select({ seq: callEvents.seq })
      .from(callEvents)
      .where(and(eq(callEvents.callId, state.callId), eq(callEvents.dedupeKey, `${key}:transcript`)))
    if (done) return
    const [entry] = await appendTranscript(tx as unknown as Db, state.callId, [
      { role: 'agent', text, agent: state.currentAgent },
    ])
    await appendCallEvents(tx as unknown as Db, state.callId, [
      { type: 'transcript', data: entry, dedupeKey: `${key}:transcript` },
    ])
  })
}

/** Writes the call's final or changed state with its events, outside a turn (open, close). */
export async function saveCallState(
  db: Db,
  state: CompactCallState,
  previous: CompactCallState | null,
  key: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await updateCallRow(tx as unknown as Db, state)
    const events: NewCallEvent[] = []
    const phoneChanged = JSON.stringify(previous?.phone) !== JSON.stringify(state.phone)
    if (previous?.status !== state.status || phoneChanged) {
      // A phone call's progress (dialing, ringing, answered...) rides on the same event.
      const data = { status: state.status, ...(state.phone ? { phone: state.phone } : {}) }
      events.push({ type: 'call_status', data, dedupeKey: `${key}:status` })
    }
    events.push(...taskEvents(previous, state, key))
    events.push({ type: 'state', data: state, withTranscript: true, dedupeKey: `${key}:state` })
    await appendCallEvents(tx as unknown as Db, state.callId, events)
  })
}

async function appendTranscript(db: Db, callId: string, lines: Array<Omit<TranscriptEntry, 'seq' | 'at'>>) {
  // Turns and out-of-turn lines (escalation notices) may write at once: serialize per call.
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${'transcript:' + callId}))`)
  const [{ last }] = (await db
    .select({ last: sql<number>`coalesce(max(${transcriptTurns.seq}), 0)::int` })
    .from(transcriptTurns)
    .where(eq(transcriptTurns.callId, callId))) as [{ last: number }]
  const rows = await db
    .insert(transcriptTurns)
    .values(
      lines.map((l, i) => ({
        callId,
        seq: last + i + 1,
        role: l.role,
        text: l.text,
        agent: l.agent ?? null,
      })),
    )
    .returning()
  return rows.map(toEntry)
}

async function updateCallRow(db: Db, state: CompactCallState) {
  await db
    .update(calls)
    .set({
      status: state.status,
      intent: state.intent,
      currentAgent: state.currentAgent,
      turnCount: state.turnCount,
      customerPhone: state.customer?.phone ?? null,
      customerId: state.customer?.customerId ?? null,
      endedAt: state.endedAt ? new Date(state.endedAt) : null,
      state,
    })
    .where(eq(calls.id, state.callId))
}

/** A `task` event for every task that is new or changed. */
function taskEvents(previous: CompactCallState | null, state: CompactCallState, key: string) {
  return state.tasks
    .filter((task) => {
      const before = previous?.tasks.find((p) => p.taskId === task.taskId)
      return !before || JSON.stringify(before) !== JSON.stringify(task)
    })
    .map((task) => ({
      type: 'task' as const,
      data: task,
      dedupeKey: `${key}:task:${task.taskId}:${task.status}`,
    }))
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
        sql`exists (select 1 from ${transcriptTurns} t where t.call_id = ${calls.id} and t.text ilike ${like})`,
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
      const state = r.state as CompactCallState | null
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
