/**
 * Reads a Server-Sent Events body by the HTML spec's event stream rules (what a browser's
 * EventSource does): shared by the voice worker, which follows a call's events, and the tests.
 */

export interface SseEvent {
  /** The `id:` of this message, or undefined when it had none. */
  id: string | undefined
  event: string
  data: string
}

export interface SseHandlers {
  message(event: SseEvent): void
  /** A comment line without its leading colon (e.g. ' ping'). */
  comment?(text: string): void
  /** Every `id:` field, even on a message with no data (it still moves Last-Event-ID). */
  id?(id: string): void
  retry?(ms: number): void
  /** After each chunk of the body was parsed. */
  chunk?(): void
}

/** Parses `body` until it ends (or throws, e.g. aborted); handlers are called as lines complete. */
export async function readSse(body: AsyncIterable<Uint8Array>, on: SseHandlers): Promise<void> {
  const decoder = new TextDecoder()
  let buffer = ''
  let data: string[] = []
  let event = ''
  let id: string | undefined
  const line = (text: string) => {
    if (text === '') {
      // A blank line dispatches; a message with no data lines is not dispatched (but its id counts).
      if (data.length > 0) on.message({ id, event: event || 'message', data: data.join('\n') })
      data = []
      event = ''
      id = undefined
      return
    }
    if (text.startsWith(':')) return void on.comment?.(text.slice(1))
    const colon = text.indexOf(':')
    const field = colon === -1 ? text : text.slice(0, colon)
    let value = colon === -1 ? '' : text.slice(colon + 1)
    if (value.startsWith(' ')) value = value.slice(1)
    if (field === 'data') data.push(value)
    else if (field === 'event') event = value
    else if (field === 'id' && !value.includes('\0')) on.id?.((id = value))
    else if (field === 'retry' && /^\d+$/.test(value)) on.retry?.(Number(value))
  }
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true })
    let match: RegExpExecArray | null
    while ((match = /\r\n|\r|\n/.exec(buffer))) {
      // A lone '\r' at the end may be the first half of '\r\n': wait for the next chunk.
      if (match[0] === '\r' && match.index === buffer.length - 1) break
      line(buffer.slice(0, match.index))
      buffer = buffer.slice(match.index + match[0].length)
    }
    on.chunk?.()
  }
}
