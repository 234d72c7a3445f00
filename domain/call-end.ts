/**
 * Why a call ended, in the words the call workflow records (the `reason` of the call's closing
 * `call_status` event). Zod-free: the workflow imports these values. The post-call analysis reads
 * them back with `endCauseOf` (an idle timeout is "abandoned", a number never reached "not_reached").
 */

export const END_REASONS = {
  goodbye: 'the customer said goodbye',
  idleTimeout: 'no activity (idle timeout)',
  /** Staff pressed End call, or the voice worker saw the caller hang up (both via POST /end). */
  api: 'ended through the API',
  /** Followed by the phone status in brackets, e.g. "(no-answer)". */
  notReached: 'the customer was not reached',
} as const

export type EndCause = 'goodbye' | 'idle_timeout' | 'hung_up' | 'not_reached' | 'unknown'

/** The cause of a recorded end reason; `unknown` for calls closed before reasons were recorded. */
export function endCauseOf(reason: string | undefined): EndCause {
  if (!reason) return 'unknown'
  if (reason === END_REASONS.goodbye) return 'goodbye'
  if (reason === END_REASONS.idleTimeout) return 'idle_timeout'
  if (reason.startsWith(END_REASONS.notReached)) return 'not_reached'
  return 'hung_up'
}
