/**
 * Everything that changes a call is written here: typed events appended to its log, and in the same
 * transaction the projections they describe (the calls row, transcript lines, task rows). Writes are
 * idempotent, keyed by what caused them, so a retried activity never duplicates a line or an event.
 * The webhook events of a call (call.ended, escalation.created) are written in the same transactions.
 */
import { and, asc, eq, like } from 'drizzle-orm'
import { callUpdateOf } from '../domain/call-events'
import type { CompactCallState } from '../domain/call-state'
import type { ToolCall } from '../domain/tool-calls'
import type { MessageAuthor, TurnEffects, TurnOutcome } from '../domain/turn'
import { appendCallEvents, type NewCallEvent } from './call-events'
import type { Db, DbOrTx } from './client'
import { callEvents, callTurns, calls, escalationTasks } from './schema'
import { appendTranscriptLines, type NewTranscriptLine } from './transcript'
import { callEndedData, webhookTask } from './webhook-event-data'
import { recordWebhookEvent } from './webhook-outbox'

/** Creates the call's row and its first events (all of its fields, then its status); once. */
export async function openCallLog(db: Db, state: CompactCallState): Promise<void> {
  await db.transaction(async (tx) => {
    const inserted = await tx
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
      .returning({ id: calls.id })
    if (inserted.length === 0) return
    await appendCallEvents(tx, state.callId, changeEvents(null, state, 'open'))
  })
}

/** The turn stored earlier under this number, when the activity is retried. */
export async function findTurn(db: Db, callId: string, turn: number): Promise<TurnOutcome | null> {
  const [row] = await db
    .select({ reply: callTurns.reply, effects: callTurns.effects, state: calls.state })
    .from(callTurns)
    .innerJoin(calls, eq(calls.id, callTurns.callId))
    .where(and(eq(callTurns.callId, callId), eq(callTurns.turn, turn)))
  if (!row?.state) return null
  // The calls row was written with the turn, and nothing changes the call while its turn runs.
  const effects = row.effects ?? { endCall: false, escalation: null }
  const tools = await db
    .select({ data: callEvents.data })
    .from(callEvents)
    .where(and(eq(callEvents.callId, callId), like(callEvents.dedupeKey, `turn:${turn}:tool:%`)))
    .orderBy(asc(callEvents.seq))
  const toolCalls = tools.map((t) => t.data as ToolCall)
  return { reply: row.reply, state: row.state, ...effects, ...(toolCalls.length > 0 ? { toolCalls } : {}) }
}

export interface TurnRecord extends TurnEffects {
  callId: string
  turn: number
  author: MessageAuthor
  text: string
  reply: string | null
  state: CompactCallState
  previous: CompactCallState
  durationMs: number
  toolCalls?: ToolCall[]
}

/**
 * Stores a finished turn in one transaction: its row, its transcript lines, what it changed, and the
 * events. Returns false when the turn was stored already (a retry that lost the race).
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
        effects: { endCall: t.endCall, escalation: t.escalation },
        durationMs: t.durationMs,
      })
      .onConflictDoNothing()
      .returning({ turn: callTurns.turn })
    if (inserted.length === 0) return false

    const lines: NewTranscriptLine[] = [{ role: t.author, text: t.text, turn: t.turn }]
    if (t.reply) lines.push({ role: 'agent', text: t.reply, agent: t.state.currentAgent, turn: t.turn })
    const entries = await appendTranscriptLines(tx, t.callId, lines)
    await insertNewTasks(tx, t.previous, t.state)
    const key = `turn:${t.turn}`
    const lineEvents = entries.map((e): NewCallEvent => ({
      type: 'transcript',
      data: e,
      dedupeKey: `${key}:transcript:${e.seq}`,
    }))
    // The tools ran between the caller's line and the reply, and are logged there.
    const toolEvents = (t.toolCalls ?? []).map((data, i): NewCallEvent => ({
      type: 'tool_call',
      data,
      dedupeKey: `${key}:tool:${i}`,
    }))
    lineEvents.splice(1, 0, ...toolEvents)
    await writeChange(tx, t.previous, t.state, key, lineEvents)
    return true
  })
}

/**
 * Stores a change made outside a turn (a person joined or left, the phone rang, the call closed).
 * `reason` says why, when the change ends the call: it rides on the `call_status` event and goes
 * into the call.ended webhook.
 */
export async function saveCallChange(
  db: Db,
  state: CompactCallState,
  previous: CompactCallState,
  key: string,
  reason?: string,
): Promise<void> {
  await db.transaction((tx) => writeChange(tx, previous, state, key, [], reason))
}

/**
 * A line said outside a turn ("nobody is free, we'll call you back Monday at 9"), written once per
 * key: a retry finds its event and stops.
 */
export async function appendAgentLine(db: Db, state: CompactCallState, text: string, key: string) {
  await db.transaction(async (tx) => {
    const dedupeKey = `${key}:transcript`
    const [done] = await tx
      .select({ seq: callEvents.seq })
      .from(callEvents)
      .where(and(eq(callEvents.callId, state.callId), eq(callEvents.dedupeKey, dedupeKey)))
    if (done) return
    const [entry] = await appendTranscriptLines(tx, state.callId, [
      { role: 'agent', text, agent: state.currentAgent },
    ])
    await appendCallEvents(tx, state.callId, [{ type: 'transcript', data: entry!, dedupeKey }])
  })
}

/** Updates the calls row to `state` and appends `events` plus the events of what changed. */
async function writeChange(
  tx: DbOrTx,
  previous: CompactCallState,
  state: CompactCallState,
  key: string,
  events: NewCallEvent[],
  reason?: string,
) {
  if (state.status === 'ended' && previous.status !== 'ended') {
    await recordWebhookEvent(tx, {
      type: 'call.ended',
      dedupeKey: `call.ended:${state.callId}`,
      data: callEndedData(state, reason ?? null),
    })
  }
  await tx
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
  await appendCallEvents(tx, state.callId, [...events, ...changeEvents(previous, state, key, reason)])
}

/** One event per kind of change from `previous` to `state` (everything, for a new call). */
function changeEvents(
  previous: CompactCallState | null,
  state: CompactCallState,
  key: string,
  reason?: string,
): NewCallEvent[] {
  const events: NewCallEvent[] = []
  const update = callUpdateOf(previous, state)
  if (Object.keys(update).length > 0)
    events.push({ type: 'call_updated', data: update, dedupeKey: `${key}:call` })
  events.push(...taskEvents(previous, state, key))
  const phoneChanged = JSON.stringify(previous?.phone) !== JSON.stringify(state.phone)
  if (previous?.status !== state.status || phoneChanged) {
    // A phone call's progress (dialing, ringing, answered...) rides on the same event.
    const data = {
      status: state.status,
      ...(state.phone ? { phone: state.phone } : {}),
      ...(reason && previous?.status !== state.status ? { reason } : {}),
    }
    events.push({ type: 'call_status', data, dedupeKey: `${key}:status` })
  }
  return events
}

/** A `task` event for every task that is new or changed. */
function taskEvents(previous: CompactCallState | null, state: CompactCallState, key: string): NewCallEvent[] {
  return state.tasks
    .filter((task) => {
      const before = previous?.tasks.find((p) => p.taskId === task.taskId)
      return !before || JSON.stringify(before) !== JSON.stringify(task)
    })
    .map((task) => ({ type: 'task', data: task, dedupeKey: `${key}:task:${task.taskId}:${task.status}` }))
}

/** Tasks the turn created get their row, which the escalation workflow then keeps up to date. */
async function insertNewTasks(tx: DbOrTx, previous: CompactCallState, state: CompactCallState) {
  const fresh = state.tasks.filter((t) => !previous.tasks.some((p) => p.taskId === t.taskId))
  if (fresh.length === 0) return
  const inserted = await tx
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
    .returning()
  for (const row of inserted.filter((r) => r.taskType === 'escalation')) {
    await recordWebhookEvent(tx, {
      type: 'escalation.created',
      dedupeKey: `escalation.created:${row.taskId}`,
      data: { task: webhookTask(row) },
    })
  }
}
