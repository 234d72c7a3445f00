/**
 * What a call workflow needs of the domain at run time, without zod: the workflow sandbox loads its
 * bundle's modules again for every workflow it caches, so zod in the bundle cost about 1 MB per open
 * call (docs/performance.md, Memory). Workflows import values from here and types from call-state.
 */
import type { Channel, CompactCallState } from './call-state'

/** The longest message a customer (or a human agent) can send in one turn. */
export const MAX_MESSAGE_CHARS = 4000

export function newCallState(init: {
  callId: string
  channel: Channel
  startedAt: string
  customerPhone?: string
}): CompactCallState {
  return {
    callId: init.callId,
    channel: init.channel,
    status: 'active',
    startedAt: init.startedAt,
    currentAgent: 'router',
    intent: null,
    confidence: 0,
    customer: init.customerPhone ? { phone: init.customerPhone, vehicles: [] } : null,
    booking: { status: 'collecting' },
    tasks: [],
    turnCount: 0,
    dialog: { expecting: null, offered: [], failedTurns: 0, pendingAction: null },
  }
}
