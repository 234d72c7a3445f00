/**
 * The messages of a call workflow, defined once and imported by the workflow and by the API that
 * sends them.
 */
import { TypedSearchAttributes } from '@temporalio/common'
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow'
import type { Channel, CompactCallState } from '../domain/call-state'
import { searchKeys } from './search-attribute-keys'

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

/** Sent by the dialing activity when the callee's phone starts ringing (for that attempt). */
export const phoneRingingSignal = defineSignal<[{ attempt: number }]>('phoneRinging')

/** How hard an outbound phone call tries to reach the customer. */
export interface DialingSettings {
  /** Attempts before the call is given up as not reached. Default 3. */
  maxAttempts?: number
  /** Wait between attempts. Default 2 minutes. */
  retryDelayMs?: number
  /** How long one attempt rings. Default 30 s. */
  ringingTimeoutSeconds?: number
}

/** An outbound phone call: whom to dial and why. */
export interface DialSettings extends DialingSettings {
  /** E.164 number. */
  to: string
  /** Said in the greeting: "calling about {purpose}". */
  purpose?: string
}

/** The search attributes a call starts with, so operators can find it in the Temporal UI at once. */
export function callSearchAttributes(c: { callId: string; channel: Channel; customerPhone?: string }) {
  return new TypedSearchAttributes([
    { key: searchKeys.callId, value: c.callId },
    { key: searchKeys.channel, value: c.channel },
    { key: searchKeys.callStatus, value: 'active' },
    ...(c.customerPhone ? [{ key: searchKeys.customerPhone, value: c.customerPhone }] : []),
  ])
}
