/**
 * The messages of an escalation workflow (workflow id = the escalation task id), defined once and
 * imported by the workflow, the call workflow and the API.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow'
import type { Task } from '../domain/call-state'
import type { DialingSettings } from './call-definitions'

export interface EscalationSettings {
  /** How long one human has to accept an offered call before the next is tried. Default 2 min. */
  acceptTimeoutMs?: number
  /** How long a "call this customer back" task waits for a taker per attempt. Default 1 h. */
  callbackAcceptTimeoutMs?: number
  /** Attempts before an unanswered callback fails visibly. Default 3. */
  callbackAttempts?: number
  /** Demo and test setting: never wait longer than this for a callback time. Unset = wait for real. */
  callbackDelayCapMs?: number
  /** How a due callback is dialed when phone calling is configured (attempts, waits). */
  callbackDialing?: DialingSettings
}

export interface EscalationInput extends EscalationSettings {
  taskId: string
  callId: string
  reason: string
  customer: { name?: string; phone?: string }
  /** The time the customer asked to be called back at (dealership-local), if they said one. */
  requestedCallback?: { date: string; time: string }
}

/** A task as the API shows it. */
export type TaskView = Task & { callId: string; humanAgentId?: number; createdAt: string }

/** Updates, not signals: two people pressing "accept" at once must learn which of them won. */
export const acceptTaskUpdate = defineUpdate<
  TaskView,
  [{ taskId: string; humanAgentId: number; humanAgentName: string }]
>('acceptTask')
export const resolveTaskUpdate = defineUpdate<TaskView, [{ taskId: string; notes?: string }]>('resolveTask')
export const currentTaskQuery = defineQuery<TaskView | null>('currentTask')

/** Sent by an escalation to its call (if the call is still going). */
export const humanJoinedSignal = defineSignal<[{ taskId: string; humanAgentName: string }]>('humanJoined')
export const humanLeftSignal = defineSignal<[{ taskId: string }]>('humanLeft')
/** Something the caller must hear now ("nobody is free; we'll call you back Monday at 9"). */
export const tellCallerSignal = defineSignal<[{ key: string; text: string }]>('tellCaller')
export const taskChangedSignal = defineSignal<[Task]>('taskChanged')

/** The workflow that owns a task id: a callback task is run by the escalation it came from. */
export function escalationWorkflowId(taskId: string): string {
  return taskId.replace(/-callback$/, '')
}
