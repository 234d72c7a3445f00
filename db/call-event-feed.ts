/**
 * The process-wide `CallEventFeed`: one LISTEN on `call_events` (one connection, however many SSE
 * clients), fanned out to the subscribers of each call.
 */
import type { CallEventFeed } from '../api/context'
import type { Logger } from '../lib/logger'
import { CALL_EVENTS_CHANNEL } from './call-events'
import type { DbHandle } from './client'

export interface CallEventFeedHandle extends CallEventFeed {
  /** Resolves once the LISTEN is active (rejects if it could not be started). */
  ready: Promise<void>
  /** Subscribers of one call, or of all calls: lets tests prove that nothing leaks. */
  subscriberCount(callId?: string): number
  /** Stops listening; later notifications reach nobody. */
  close(): Promise<void>
}

/** Starts listening at once; subscribers may subscribe before `ready`. */
export function createCallEventFeed(
  handle: Pick<DbHandle, 'listen'>,
  log?: Pick<Logger, 'warn' | 'error'>,
): CallEventFeedHandle {
  const subscribers = new Map<string, Set<() => void>>()
  // Listeners of every call (the escalation queue's stream), told which call changed.
  const everyCall = new Set<(callId: string) => void>()
  let closed = false

  const notify = (set: Set<() => void> | undefined) => {
    // A copy, so a subscriber that unsubscribes while being called does not disturb the loop.
    for (const onNew of [...(set ?? [])]) {
      try {
        onNew()
      } catch (err) {
        log?.error({ err }, 'call event subscriber threw')
      }
    }
  }

  // Whenever the LISTEN (re)starts, notifications may have been missed (before it first started, or
  // while postgres-js was reconnecting): every subscriber re-reads, which is harmless if nothing is new.
  const onListen = () => {
    for (const set of subscribers.values()) notify(set)
    for (const onNew of [...everyCall]) onNew('')
  }

  const onPayload = (callId: string) => {
    notify(subscribers.get(callId))
    for (const onNew of [...everyCall]) {
      try {
        onNew(callId)
      } catch (err) {
        log?.error({ err }, 'call event subscriber threw')
      }
    }
  }
  const listening = handle.listen(CALL_EVENTS_CHANNEL, onPayload, onListen)
  listening.catch((err: unknown) => log?.error({ err }, 'could not LISTEN on call_events'))

  return {
    ready: listening.then(() => undefined),

    subscribe(callId, onNew) {
      if (closed) throw new Error('call event feed is closed')
      let set = subscribers.get(callId)
      if (!set) subscribers.set(callId, (set = new Set()))
      // A wrapper per subscription, so subscribing the same function twice needs two unsubscribes.
      const entry = () => onNew()
      set.add(entry)
      return () => {
        const current = subscribers.get(callId)
        if (!current?.delete(entry)) return
        if (current.size === 0) subscribers.delete(callId)
      }
    },

    subscribeAll(onNew) {
      if (closed) throw new Error('call event feed is closed')
      const entry = (callId: string) => onNew(callId)
      everyCall.add(entry)
      return () => void everyCall.delete(entry)
    },

    subscriberCount(callId) {
      if (callId !== undefined) return subscribers.get(callId)?.size ?? 0
      let n = 0
      for (const set of subscribers.values()) n += set.size
      return n
    },

    async close() {
      if (closed) return
      closed = true
      subscribers.clear()
      everyCall.clear()
      const unlisten = await listening.catch(() => undefined)
      await unlisten?.().catch((err: unknown) => log?.warn({ err }, 'UNLISTEN call_events failed'))
    },
  }
}
