/**
 * Escalation and callback tasks: the rows the escalation workflow keeps up to date and the API lists.
 * Every change of a task also appends a `task` event to its call, in the same transaction and once per
 * key, so a retried activity neither loses nor repeats what the dashboard sees. The webhook events of a
 * task (escalation.accepted, callback.due) are derived from the change and written in that transaction.
 */
import { and, asc, count, desc, eq, type SQL } from 'drizzle-orm'
import type { Task } from '../domain/call-state'
import type { TaskView } from '../workflows/escalation-definitions'
import { appendCallEvents } from './call-events'
import type { Db, DbOrTx } from './client'
import { callEvents, escalationTasks, humanAgents } from './schema'
import { webhookTask } from './webhook-event-data'
import { recordWebhookEvent } from './webhook-outbox'
import type { NewWebhookEvent } from '../domain/webhooks'

type TaskRow = typeof escalationTasks.$inferSelect
type TaskStatus = TaskRow['status']

/** An escalation_tasks row (with the name of its human agent, if any) as the API shows it. */
export function toTaskView(row: TaskRow, agentName?: string | null): TaskView {
  return {
    taskId: row.taskId,
    taskType: row.taskType,
    status: row.status,
    ...(agentName ? { humanAgentName: agentName } : {}),
    ...(row.callbackScheduled ? { callbackScheduled: row.callbackScheduled.toISOString() } : {}),
    ...(row.reason !== null ? { reason: row.reason } : {}),
    // The domain defines offeredTo as "offered right now, while pending": a stale name would mislead.
    ...(row.offeredTo !== null && row.status === 'pending' ? { offeredTo: row.offeredTo } : {}),
    ...(row.outcome !== null ? { outcome: row.outcome } : {}),
    callId: row.callId,
    ...(row.humanAgentId !== null ? { humanAgentId: row.humanAgentId } : {}),
    createdAt: row.createdAt.toISOString(),
  }
}

/** The domain Task inside a TaskView: what CallState.tasks and `task` events carry. */
export function toTask(view: TaskView): Task {
  const { callId: _callId, humanAgentId: _humanAgentId, createdAt: _createdAt, ...task } = view
  return task
}

const withAgent = { task: escalationTasks, agentName: humanAgents.name }

function selectTasks(db: DbOrTx) {
  return db
    .select(withAgent)
    .from(escalationTasks)
    .leftJoin(humanAgents, eq(humanAgents.id, escalationTasks.humanAgentId))
}

export interface TaskListFilter {
  status?: TaskStatus
  callId?: string
  limit: number
}

/** Tasks newest first, for GET /api/escalations. */
export async function listTasks(db: Db, f: TaskListFilter): Promise<{ items: TaskView[] }> {
  const where: SQL[] = []
  if (f.status) where.push(eq(escalationTasks.status, f.status))
  if (f.callId) where.push(eq(escalationTasks.callId, f.callId))
  const rows = await selectTasks(db)
    .where(and(...where))
    .orderBy(desc(escalationTasks.createdAt), desc(escalationTasks.taskId))
    .limit(f.limit)
  return { items: rows.map((r) => toTaskView(r.task, r.agentName)) }
}

/** One task, or null when the id is unknown. */
export async function getTask(db: Db, taskId: string): Promise<TaskView | null> {
  const [row] = await selectTasks(db).where(eq(escalationTasks.taskId, taskId))
  return row ? toTaskView(row.task, row.agentName) : null
}

/** The tasks of a call, oldest first, as CallState.tasks holds them. */
export async function tasksOfCall(db: DbOrTx, callId: string): Promise<Task[]> {
  const rows = await selectTasks(db)
    .where(eq(escalationTasks.callId, callId))
    .orderBy(asc(escalationTasks.createdAt), asc(escalationTasks.taskId))
  return rows.map((r) => toTask(toTaskView(r.task, r.agentName)))
}

export interface NewTask {
  taskId: string
  callId: string
  taskType: TaskRow['taskType']
  status: TaskStatus
  reason: string
  callbackScheduled?: Date
}

/** Creates the task's row; a task that exists already is left as it is (a retried activity). */
export async function insertTask(db: Db, t: NewTask): Promise<void> {
  await db
    .insert(escalationTasks)
    .values({
      taskId: t.taskId,
      callId: t.callId,
      taskType: t.taskType,
      status: t.status,
      reason: t.reason,
      callbackScheduled: t.callbackScheduled ?? null,
    })
    .onConflictDoNothing()
}

/** Changes to a task; `null` clears a column. */
export interface TaskUpdate {
  status?: TaskStatus
  reason?: string
  humanAgentId?: number | null
  offeredTo?: string | null
  outcome?: string | null
  notes?: string | null
  callbackScheduled?: Date | null
  acceptedAt?: Date | null
  resolvedAt?: Date | null
}

/**
 * Applies `patch` and appends a `task` event (the domain Task) to the call, in one transaction.
 * `dedupeKey` names the step: when the call already has an event with it, the step was done and is
 * not applied again (a late retry must not undo a later step); the task as it is now is returned.
 */
export async function updateTask(
  db: Db,
  taskId: string,
  patch: TaskUpdate,
  dedupeKey: string,
): Promise<TaskView> {
  return db.transaction(async (t) => {
    // Row lock first: concurrent steps of one task apply one after the other, each seeing the last.
    const [locked] = await t
      .select()
      .from(escalationTasks)
      .where(eq(escalationTasks.taskId, taskId))
      .for('update')
    if (!locked) throw new Error(`No escalation task ${taskId}`)
    const [done] = await t
      .select({ seq: callEvents.seq })
      .from(callEvents)
      .where(and(eq(callEvents.callId, locked.callId), eq(callEvents.dedupeKey, dedupeKey)))
    if (!done && Object.keys(patch).length > 0) {
      await t.update(escalationTasks).set(patch).where(eq(escalationTasks.taskId, taskId))
    }
    const [row] = await selectTasks(t).where(eq(escalationTasks.taskId, taskId))
    const view = toTaskView(row!.task, row!.agentName)
    if (!done) {
      await appendCallEvents(t, locked.callId, [{ type: 'task', data: toTask(view), dedupeKey }])
      for (const event of taskWebhookEvents(locked, row!.task, row!.agentName))
        await recordWebhookEvent(t, event)
    }
    return view
  })
}

export interface AgentLoad {
  id: number
  name: string
  /** Tasks the agent is working on now. */
  running: number
}

/** Available human agents, least busy first, then by id: whom to offer a call to. */
export async function agentWorkload(db: Db): Promise<AgentLoad[]> {
  const running = count(escalationTasks.taskId)
  const rows = await db
    .select({ id: humanAgents.id, name: humanAgents.name, running })
    .from(humanAgents)
    .leftJoin(
      escalationTasks,
      and(eq(escalationTasks.humanAgentId, humanAgents.id), eq(escalationTasks.status, 'running')),
    )
    .where(eq(humanAgents.available, true))
    .groupBy(humanAgents.id)
    .orderBy(asc(running), asc(humanAgents.id))
  return rows.map((r) => ({ id: r.id, name: r.name, running: Number(r.running) }))
}

/**
 * The webhook events a task change means: a person took the task (escalation.accepted), or a
 * callback left its "scheduled" wait because its time came (callback.due). Each once per task.
 */
function taskWebhookEvents(before: TaskRow, after: TaskRow, agentName: string | null): NewWebhookEvent[] {
  const task = webhookTask(after, agentName)
  const events: NewWebhookEvent[] = []
  if (before.status !== 'running' && after.status === 'running' && after.humanAgentId !== null)
    events.push({
      type: 'escalation.accepted',
      dedupeKey: `escalation.accepted:${after.taskId}`,
      data: { task },
    })
  if (after.taskType === 'callback' && before.outcome === 'scheduled' && after.outcome !== 'scheduled')
    events.push({ type: 'callback.due', dedupeKey: `callback.due:${after.taskId}`, data: { task } })
  return events
}
