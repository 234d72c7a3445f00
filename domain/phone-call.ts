/**
 * Outbound phone calls: what one dial attempt can end in, how SIP answers map to it, and what the
 * crew says first when the customer picks up. Isomorphic: no imports.
 */

/** How one dial attempt ended. Everything but `answered` may be retried. */
export type DialOutcome = { result: 'answered' } | { result: 'no-answer' | 'busy' | 'failed'; detail: string }

/**
 * The outcome a final SIP response means (RFC 3261 codes). 486/600 busy; 408/480/487 (timeout,
 * unavailable, cancelled after ringing too long) and 603 declined count as nobody answering, which is
 * worth calling again later; everything else is a failure of the number or the trunk.
 */
export function outcomeOfSipStatus(code: number | undefined, reason?: string): DialOutcome {
  const detail = `${reason ?? 'call not connected'}${code ? ` (SIP ${code})` : ''}`
  if (code === 486 || code === 600) return { result: 'busy', detail }
  if (code === 408 || code === 480 || code === 487 || code === 603) return { result: 'no-answer', detail }
  return { result: 'failed', detail }
}

/** What the crew says when the customer answers a call pitcrew placed. */
export function phoneGreeting(dealershipName: string, purpose?: string): string {
  const why = purpose?.trim()
  return why
    ? `Hi, this is the virtual assistant at ${dealershipName}, calling about ${why}. Is now a good time?`
    : `Hi, this is the virtual assistant at ${dealershipName}. How can I help you today?`
}

/** What the crew says when someone starts a voice call with the dealership. */
export function inboundGreeting(dealershipName: string): string {
  return `Thanks for calling ${dealershipName}. How can I help you today?`
}
