/**
 * A turn: one message to a call (the customer's, or a person's who took the call over) and what the
 * crew made of it. `POST /api/calls/:id/messages` sends a message; the call workflow runs it as its
 * next turn (the `userTurn` Update); `call_turns` keeps one row per turn.
 */
import type { CompactCallState } from './call-state'
import type { ToolCall } from './tool-calls'

/** Who wrote a message: the customer, or a human agent who took the call over. */
export type MessageAuthor = 'user' | 'human'

/** "I want to talk to a person": the escalation a turn asks the call workflow to start. */
export interface EscalationRequest {
  taskId: string
  reason: string
  /** "Call me back tomorrow after 3": the dealership-local time the customer asked for. */
  requestedCallback?: { date: string; time: string }
}

/** What a turn did besides replying; stored with it so a retried turn does it again. */
export interface TurnEffects {
  endCall: boolean
  escalation: EscalationRequest | null
}

/** What the turn activity answers the workflow. */
export interface TurnOutcome extends TurnEffects {
  /** The crew's reply; null while a person has the call. */
  reply: string | null
  state: CompactCallState
  /**
   * The tools the crew called in this turn. Carried in the activity's result so each shows in the
   * Temporal UI's history too; the workflow does not read them.
   */
  toolCalls?: ToolCall[]
}
