/**
 * A Server-Sent Events client for tests: `fetch` plus lib/sse-parser.ts, which follows the HTML
 * spec's event stream rules, so tests see exactly what a browser's EventSource would (and the
 * comments it hides).
 */
import { readSse } from '../../lib/sse-parser'

export interface SseMessage {
  /** The `id:` of this message, or undefined when it had none. */
  id: string | undefined
  event: string
  data: string
  /** performance.now() when the message was parsed. */
  receivedAt: number
}

export interface SseStream {
  status: number
  headers: Headers
  /** Every dispatched message so far, in order. */
  messages: SseMessage[]
  /** Comment lines without the leading colon (e.g. ' ping'). */
  comments: string[]
  /** The last `retry:` value, if any. */
  retry: number | undefined
  /** The last event id seen, what EventSource would send as Last-Event-ID. */
  lastEventId: string
  /** Resolves once `predicate` holds, rejects after `timeoutMs` or if the stream ends first. */
  waitFor(predicate: (s: SseStream) => boolean, timeoutMs?: number, what?: string): Promise<void>
  /** Waits until `count` messages have arrived in total and returns them all. */
  waitForMessages(count: number, timeoutMs?: number): Promise<SseMessage[]>
  /** Drops the connection, as a client leaving would. */
  close(): void
  /** Resolves when the body has ended (normally, by close() or by an error). */
  ended: Promise<void>
}

/** Opens `url` as an event stream; resolves when the response headers arrive. */
export async function openSse(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
  const abort = new AbortController()
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal })
  const waiters = new Set<() => void>()
  let finished = false
  const stream: SseStream = {
    status: res.status,
    headers: res.headers,
    messages: [],
    comments: [],
    retry: undefined,
    lastEventId: '',
    waitFor(predicate, timeoutMs = 10_000, what = 'SSE condition') {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (predicate(stream)) return done(resolve)
          if (finished) done(() => reject(new Error(`stream ended before ${what}`)))
        }
        const timer = setTimeout(
          () => done(() => reject(new Error(`timed out waiting for ${what}`))),
          timeoutMs,
        )
        const done = (settle: () => void) => {
          clearTimeout(timer)
          waiters.delete(check)
          settle()
        }
        waiters.add(check)
        check()
      })
    },
    async waitForMessages(count, timeoutMs) {
      await stream.waitFor((s) => s.messages.length >= count, timeoutMs, `${count} messages`)
      return stream.messages
    },
    close: () => abort.abort(),
    ended: Promise.resolve(),
  }
  const changed = () => [...waiters].forEach((check) => check())
  stream.ended = consume(res, stream, changed).finally(() => {
    finished = true
    changed()
  })
  return stream
}

async function consume(res: Response, stream: SseStream, changed: () => void): Promise<void> {
  if (!res.body) return
  try {
    await readSse(res.body as AsyncIterable<Uint8Array>, {
      message: (m) => stream.messages.push({ ...m, receivedAt: performance.now() }),
      comment: (text) => stream.comments.push(text),
      id: (id) => (stream.lastEventId = id),
      retry: (ms) => (stream.retry = ms),
      chunk: changed,
    })
  } catch {
    // Aborted by close() or the connection dropped: either way the stream is over.
  }
}
