/**
 * The messages of a call workflow, defined once and imported by the workflow and by the API that
 * sends them.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow'
import type { CompactCallState } from '../domain/call-state'

export interface TurnInput {
  text: string
  /** Who speaks: the customer, or a human agent who took the call over. */
  author?: 'user' | 'human'
}

export interface TurnResult {
  reply: string | null
  state: CompactCallState
}

/** An Update, not a Signal: the caller waits for the crew's reply. */
export const userTurnUpdate = defineUpdate<TurnResult, [TurnInput]>('userTurn')
export const callStateQuery = defineQuery<CompactCallState>('callState')
export const endCallSignal = defineSignal<[{ reason?: string }]>('endCall')

/** Sent with the start (update-with-start): answers once the call is open, with its first state. */
export const callOpenedUpdate = defineUpdate<CompactCallState>('callOpened')
