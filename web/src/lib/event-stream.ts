/**
 * One EventSource with a status people can see. The browser reconnects by itself after a drop and
 * sends Last-Event-ID, so the server replays exactly what was missed. When the browser gives up (the
 * server answered an error, e.g. 401), `reconnect()` opens a new stream that resumes from the last id.
 */
import { createContext, createSignal, type Accessor } from 'solid-js'
import { withAccessToken } from './api-key'

export type ConnectionStatus = 'connecting' | 'live' | 'reconnecting' | 'closed'

export interface EventStream {
  status: Accessor<ConnectionStatus>
  reconnect(): void
  close(): void
}

/** A stream's events by SSE name, e.g. domain/call-events.ts's CallEvent. */
export type StreamEvent = { type: string; data: unknown }
/** One handler per event name, each given that event's data. */
export type EventHandlers<E extends StreamEvent> = {
  [K in E['type']]?: (data: Extract<E, { type: K }>['data']) => void
}

/** Tests pass a fake; the app uses the browser's EventSource. */
export type EventSourceFactory = (url: string) => EventSource

/** Where components find the factory (absent = the browser's EventSource). */
export const EventSourceContext = createContext<EventSourceFactory>()

/**
 * Opens `url` and calls the handler of each event. The server's JSON is trusted to be what its event
 * name says (the API builds every event from domain/'s zod schemas); zod itself stays out of the bundle.
 */
export function openEventStream<E extends StreamEvent>(
  url: string,
  handlers: EventHandlers<E>,
  createSource: EventSourceFactory = (u) => new EventSource(u),
): EventStream {
  const [status, setStatus] = createSignal<ConnectionStatus>('connecting')
  let source: EventSource | undefined
  let lastId = ''

  const open = () => {
    source?.close()
    let target = url
    if (lastId) target += `${url.includes('?') ? '&' : '?'}lastEventId=${encodeURIComponent(lastId)}`
    const es = createSource(withAccessToken(target))
    source = es
    setStatus('connecting')
    es.onopen = () => setStatus('live')
    es.onerror = () => setStatus(es.readyState === 2 ? 'closed' : 'reconnecting')
    for (const [name, handle] of Object.entries(handlers) as [string, (data: unknown) => void][]) {
      es.addEventListener(name, (event) => {
        const message = event as MessageEvent<string>
        if (message.lastEventId) lastId = message.lastEventId
        let data: unknown
        try {
          data = JSON.parse(message.data)
        } catch {
          return // not ours: the server only sends JSON
        }
        handle(data)
      })
    }
  }
  open()

  return {
    status,
    reconnect: open,
    close() {
      source?.close()
      source = undefined
      setStatus('closed')
    },
  }
}
