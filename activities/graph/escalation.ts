import type { CompactCallState, Task } from '../../domain/call-state'
import type { Understanding } from '../nlu'
import { FRUSTRATION_ESCALATES } from './router'
import type { TurnGraphState, TurnUpdate } from './graph-state'

/**
 * Decides that a person should take over and records a pending escalation task. The durable part
 * (finding a human, waiting, callbacks) belongs to the workflow, not to the graph.
 */
export function escalationNode() {
  return async (s: TurnGraphState): Promise<TurnUpdate> => {
    const open = s.call.tasks.find(
      (t) => t.taskType === 'escalation' && (t.status === 'pending' || t.status === 'running'),
    )
    if (open) {
      return {
        reply:
          "I've already asked a member of our team to join; they'll be with you as soon as they're free.",
        call: { ...s.call, currentAgent: 'escalation' },
      }
    }
    const task: Task = {
      taskId: `${s.call.callId}-escalation-${s.turn}`,
      taskType: 'escalation',
      status: 'pending',
      reason: escalationReason(s.understanding, s.call),
    }
    const { date, time } = s.understanding?.slots ?? {}
    return {
      escalationRequest: {
        taskId: task.taskId,
        reason: task.reason!,
        ...(date && time ? { requestedCallback: { date, time } } : {}),
      },
      reply: "Of course. I'm bringing in a member of our team now; please stay on the line for a moment.",
      call: {
        ...s.call,
        status: 'escalated',
        currentAgent: 'escalation',
        tasks: [...s.call.tasks, task],
        dialog: { ...s.call.dialog, failedTurns: 0, expecting: null },
      },
    }
  }
}

function escalationReason(u: Understanding | null, call: CompactCallState): string {
  if (u?.wantsHuman) return 'The customer asked to speak with a person.'
  if (u && u.frustration >= FRUSTRATION_ESCALATES) return 'The customer sounds frustrated.'
  if (call.dialog.failedTurns >= 2) return 'The crew could not understand the customer twice in a row.'
  return 'Escalated by the crew.'
}
