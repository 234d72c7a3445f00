import { Annotation } from '@langchain/langgraph'
import type { CompactCallState, TranscriptEntry } from '../../domain/call-state'
import type { ToolCall } from '../../domain/tool-calls'
import type { EscalationRequest } from '../../domain/turn'
import type { Understanding } from '../nlu'

export type Route = 'faq' | 'booking' | 'vehicle' | 'escalation' | 'response'

/** What flows through the graph during one turn. Every field keeps the last value written. */
export const TurnState = Annotation.Root({
  call: Annotation<CompactCallState>(),
  text: Annotation<string>(),
  turn: Annotation<number>(),
  /** The last few transcript lines, for context (LLM mode). */
  recent: Annotation<TranscriptEntry[]>(),
  understanding: Annotation<Understanding | null>(),
  route: Annotation<Route>(),
  reply: Annotation<string>(),
  /** The customer said goodbye: the workflow ends the call after this turn. */
  endCall: Annotation<boolean>(),
  /** A person should take over: the workflow starts the durable escalation. */
  escalationRequest: Annotation<EscalationRequest | null>(),
  /** Every tool the crew called this turn, in order; nodes add theirs. */
  toolCalls: Annotation<ToolCall[]>({ reducer: (a, b) => a.concat(b), default: () => [] }),
})

export type TurnGraphState = typeof TurnState.State
export type TurnUpdate = typeof TurnState.Update
