/** The loop behind pitcrew's Server-Sent Event routes. */
import type { SSEStreamingApi } from 'hono/streaming'

/** How long a browser waits before reconnecting after the stream drops. */
export const SSE_RETRY_MS = 2000
/** Proxies and load balancers close idle connections; a comment this often keeps the stream busy. */
export const SSE_HEARTBEAT_MS = 15_000

export interface SsePumpOptions {
  /** Calls `onChange` whenever there may be something new to send; returns the unsubscribe. */
  subscribe: (onChange: () => void) => () => void
  /** Reads what is new and writes it to the stream. */
  drain: () => Promise<void>
  heartbeatMs: number
}

/**
 * Subscribes before the first `drain`, so nothing that happens after that read goes unnoticed. One
 * loop does every read and write of the connection: notifications only mark it dirty and wake it,
 * so two drains never overlap and what they write goes out once, in order. Returns when the client
 * leaves, having unsubscribed (no listener outlives its connection).
 */
export async function pumpSse(stream: SSEStreamingApi, { subscribe, drain, heartbeatMs }: SsePumpOptions) {
  let dirty = true // the first drain: what the client has not seen yet
  let wake: (() => void) | undefined
  const unsubscribe = subscribe(() => {
    dirty = true
    wake?.()
  })
  const heartbeat = setInterval(() => void stream.write(': ping\n\n'), heartbeatMs)
  const stop = () => {
    clearInterval(heartbeat)
    unsubscribe()
    wake?.()
  }
  stream.onAbort(stop)
  try {
    if (stream.aborted) return
    await stream.write(`retry: ${SSE_RETRY_MS}\n\n`)
    while (!stream.aborted) {
      if (!dirty) {
        await new Promise<void>((resolve) => (wake = resolve))
        wake = undefined
        continue
      }
      dirty = false
      await drain()
    }
  } finally {
    stop()
  }
}
