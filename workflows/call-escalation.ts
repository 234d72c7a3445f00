/**
 * The call's side of an escalation: it starts the escalation workflow (which outlives the call) and
 * reacts to what the escalation tells it: a person joined or left, a task changed, something the
 * caller must hear.
 */
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common'
import { ParentClosePolicy, startChild } from '@temporalio/workflow'
import type { CompactCallState, Task } from '../domain/call-state'
import type { EscalationRequest } from '../domain/turn'
import type { EscalationInput, EscalationSettings } from './escalation-definitions'
import { escalationWorkflow } from './escalation-workflow'
import { searchKeys } from './search-attribute-keys'

export async function startEscalation(
  state: CompactCallState,
  request: EscalationRequest,
  settings: EscalationSettings,
) {
  const customer = state.customer
  const args: EscalationInput = {
    ...settings,
    taskId: request.taskId,
    callId: state.callId,
    reason: request.reason,
    customer: {
      name: customer?.name ?? state.booking.customerName,
      phone: customer?.phone ?? state.booking.customerPhone,
    },
    ...(request.requestedCallback ? { requestedCallback: request.requestedCallback } : {}),
  }
  try {
    await startChild(escalationWorkflow, {
      workflowId: request.taskId,
      args: [args],
      // The customer must be called back even when this call is long over.
      parentClosePolicy: ParentClosePolicy.ABANDON,
      typedSearchAttributes: [
        { key: searchKeys.callId, value: state.callId },
        { key: searchKeys.escalationStatus, value: 'pending' },
        ...(args.customer.phone ? [{ key: searchKeys.customerPhone, value: args.customer.phone }] : []),
      ],
    })
  } catch (err) {
    // Already running (the turn was retried after it started): nothing to do.
    if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err
  }
}

/** The task list with `task` in place of its older version (or added). */
export function withTask(tasks: Task[], task: Task): Task[] {
  const clean: Task = {
    taskId: task.taskId,
    taskType: task.taskType,
    status: task.status,
    ...(task.humanAgentName ? { humanAgentName: task.humanAgentName } : {}),
    ...(task.callbackScheduled ? { callbackScheduled: task.callbackScheduled } : {}),
    ...(task.reason ? { reason: task.reason } : {}),
    ...(task.offeredTo ? { offeredTo: task.offeredTo } : {}),
    ...(task.outcome ? { outcome: task.outcome } : {}),
  }
  const i = tasks.findIndex((t) => t.taskId === task.taskId)
  return i === -1 ? [...tasks, clean] : tasks.map((t, j) => (j === i ? clean : t))
}
