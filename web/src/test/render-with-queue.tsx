import { render } from '@solidjs/testing-library'
import type { JSX } from 'solid-js'
import { EventSourceContext } from '../lib/event-stream'
import { VoiceRoomContext } from '../lib/voice-room'
import {
  createEscalationQueue,
  EscalationQueueContext,
  type EscalationQueue,
} from '../stores/escalation-queue'
import { FakeEventSource } from './fake-event-source'
import { FakeVoiceRoom } from './fake-voice-room'

/**
 * Renders `ui` as the app would: with the escalation queue (on a fake stream) around it, and fake
 * LiveKit rooms for voice.
 */
export function renderWithQueue(ui: () => JSX.Element) {
  let queue!: EscalationQueue
  const result = render(() => {
    queue = createEscalationQueue(FakeEventSource.factory)
    return (
      <EventSourceContext.Provider value={FakeEventSource.factory}>
        <VoiceRoomContext.Provider value={FakeVoiceRoom.factory}>
          <EscalationQueueContext.Provider value={queue}>{ui()}</EscalationQueueContext.Provider>
        </VoiceRoomContext.Provider>
      </EventSourceContext.Provider>
    )
  })
  const queueSource = FakeEventSource.instances.find((s) => s.url.startsWith('/api/escalations/events'))!
  return { ...result, queue, queueSource }
}

/** A fetch stub answering by "METHOD path"; it records every request. */
export function stubFetch(routes: Record<string, (body: unknown) => [number, unknown]>) {
  const requests: { method: string; path: string; body: unknown; headers: Record<string, string> }[] = []
  const fetchStub = async (input: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET'
    const path = String(input)
    const body = init.body ? JSON.parse(String(init.body)) : undefined
    requests.push({ method, path, body, headers: (init.headers ?? {}) as Record<string, string> })
    const route = routes[`${method} ${path.split('?')[0]}`]
    const [status, answer] = route ? route(body) : [404, { error: { code: 'not_found', message: 'no stub' } }]
    return new Response(JSON.stringify(answer), { status, headers: { 'content-type': 'application/json' } })
  }
  globalThis.fetch = fetchStub as typeof fetch
  return requests
}
