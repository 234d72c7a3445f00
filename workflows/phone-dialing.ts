/**
 * The dialing part of an outbound phone call. The voice agent goes into the room first (so it is
 * there when the customer picks up), then the customer is dialed up to `maxAttempts` times, with a
 * durable wait between attempts. Every step lands in the call's `phone` state: SSE clients, the
 * dashboard and the Temporal Web UI see dialing, ringing, answered, busy, no-answer or failed.
 */
import {
  ActivityFailure,
  CancellationScope,
  condition,
  isCancellation,
  proxyActivities,
} from '@temporalio/workflow'
import type { Activities } from '../activities'
import type { PhoneLeg } from '../domain/call-state'
import type { DialOutcome } from '../domain/phone-call'
import type { DialSettings } from './call-definitions'

export const DEFAULT_DIAL_ATTEMPTS = 3
const DEFAULT_RETRY_DELAY_MS = 2 * 60_000
const DEFAULT_RINGING_TIMEOUT_SECONDS = 30

const HUNG_UP: unique symbol = Symbol('hung up')

export interface DialingHooks {
  callId: string
  dial: DialSettings
  /** Stores the phone leg in the call's state (idempotent per key). */
  setPhone: (leg: PhoneLeg, key: string) => Promise<void>
  /** True once the call was ended from outside (API, idle timeout): dialing stops. */
  hungUp: () => boolean
}

/** Dials until the customer answers (true) or the attempts run out or the call is ended (false). */
export async function dialUntilAnswered(o: DialingHooks): Promise<boolean> {
  const maxAttempts = Math.max(1, o.dial.maxAttempts ?? DEFAULT_DIAL_ATTEMPTS)
  const ringingTimeoutSeconds = o.dial.ringingTimeoutSeconds ?? DEFAULT_RINGING_TIMEOUT_SECONDS
  const acts = proxyActivities<Activities>({
    startToCloseTimeout: `${ringingTimeoutSeconds + 60} seconds`,
    heartbeatTimeout: '10 seconds',
    retry: { initialInterval: '1 second', maximumAttempts: 3, nonRetryableErrorTypes: ['NotConfigured'] },
  })
  let leg: PhoneLeg = { to: o.dial.to, purpose: o.dial.purpose, status: 'dialing', attempt: 0, maxAttempts }
  const report = async (next: Partial<PhoneLeg>, key: string) => {
    leg = { ...leg, ...next }
    await o.setPhone(leg, key)
  }

  const dispatched = await unlessHungUp(o.hungUp, () =>
    acts.dispatchVoiceAgent({ callId: o.callId }).then(() => null, failedUnlessCancelled),
  )
  if (dispatched === HUNG_UP) return false
  if (dispatched) {
    await report(
      { status: 'failed', detail: `the voice agent could not join: ${dispatched.detail}` },
      'phone:agent',
    )
    return false
  }

  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    await report({ status: 'dialing', attempt, detail: undefined }, `phone:${attempt}:dialing`)
    const outcome = await unlessHungUp(o.hungUp, () =>
      acts
        .dialCustomer({ callId: o.callId, to: o.dial.to, attempt, ringingTimeoutSeconds })
        .catch(failedUnlessCancelled),
    )
    if (outcome === HUNG_UP) return false
    if (outcome.result === 'answered') {
      await report({ status: 'answered', detail: undefined }, `phone:${attempt}:answered`)
      return true
    }
    await report({ status: outcome.result, detail: outcome.detail }, `phone:${attempt}:${outcome.result}`)
    if (attempt < maxAttempts && (await condition(o.hungUp, o.dial.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS)))
      return false
  }
  return false
}

/** Runs `work`, cancelling it (an activity is hung up through its heartbeat) if the call is ended. */
async function unlessHungUp<T>(hungUp: () => boolean, work: () => Promise<T>): Promise<T | typeof HUNG_UP> {
  if (hungUp()) return HUNG_UP
  const scope = new CancellationScope()
  let finished = false
  void condition(() => finished || hungUp()).then(() => {
    if (!finished) scope.cancel()
  })
  try {
    return await scope.run(work)
  } catch (err) {
    if (isCancellation(err)) return HUNG_UP
    throw err
  } finally {
    finished = true
  }
}

/** An activity that failed for good (LiveKit unreachable, not configured) as a failed attempt. */
function failedUnlessCancelled(err: unknown): DialOutcome & { result: 'failed' } {
  if (isCancellation(err)) throw err
  const cause = err instanceof ActivityFailure && err.cause ? err.cause : err
  return { result: 'failed', detail: cause instanceof Error ? cause.message : String(cause) }
}

/** A phone leg at the end of its call: an answered call is now completed. */
export function finishedLeg(leg: PhoneLeg | undefined): PhoneLeg | undefined {
  return leg?.status === 'answered' ? { ...leg, status: 'completed' } : leg
}
