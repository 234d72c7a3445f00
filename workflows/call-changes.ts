/**
 * How a call workflow applies changes (messages, a person joining or leaving, task changes,
 * notices): one at a time, in the order the workflow receives them, once the call is open. This is
 * the shape of Temporal's safe-message-handlers sample: a handler that awaits an activity without
 * holding the lock would let a second one interleave with it, and one of the two changes is lost.
 */
import { condition } from '@temporalio/workflow'
import { Mutex } from 'async-mutex'

/** Kept for calls that started before it: the patch that chose serialisedChanges(). */
export const SERIALISED_CHANGES_PATCH = 'serialised-call-changes'

export interface CallChanges {
  /** False for the legacy lock that replays calls started before SERIALISED_CHANGES_PATCH. */
  serialised: boolean
  /** Runs `work` once `ready()` holds and every change that arrived before it is done. */
  run<T>(ready: () => boolean, work: () => Promise<T>): Promise<T>
  /** A change is running. */
  busy(): boolean
}

/** A real mutex: waiters queue in arrival order and exactly one runs at a time. */
export function serialisedChanges(): CallChanges {
  const mutex = new Mutex()
  return {
    serialised: true,
    async run(ready, work) {
      // Straight into the mutex's queue when the call is open: nothing can overtake this handler.
      if (!ready()) await condition(ready)
      return mutex.runExclusive(work)
    },
    busy: () => mutex.isLocked(),
  }
}

/**
 * What calls started before SERIALISED_CHANGES_PATCH ran: the SDK releases every waiter whose
 * condition holds in one pass, so several handlers could start together. Kept only for replay.
 */
export function legacyChanges(): CallChanges {
  let busy = false
  return {
    serialised: false,
    async run(ready, work) {
      await condition(() => ready() && !busy)
      busy = true
      try {
        return await work()
      } finally {
        busy = false
      }
    },
    busy: () => busy,
  }
}
