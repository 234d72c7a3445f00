/** Time limits and safe error messages for calls to the LLM. */

/**
 * Runs `fn` with an AbortSignal that fires after `ms`, and rejects at that moment even if `fn`
 * ignores the signal: a slow provider must never hold up a turn.
 */
export async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const err = new Error(`timed out after ${ms} ms`)
      controller.abort(err)
      reject(err)
    }, ms)
  })
  try {
    return await Promise.race([fn(controller.signal), expired])
  } finally {
    clearTimeout(timer)
  }
}

/** Key-like tokens ("sk-...", "Bearer ...") that provider error messages sometimes echo. */
const SECRET_RE = /\b(sk-[\w*-]+|Bearer\s+\S+)/gi

/** A one-line reason for the logs, with anything that looks like a credential masked. */
export function reasonOf(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err)
  return message.replace(SECRET_RE, '[redacted]').replace(/\s+/g, ' ').slice(0, 300)
}
