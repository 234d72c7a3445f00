/**
 * The call event log on the real stack: a client that connects gets a `state` snapshot valid at the
 * seq it carries; replaying the log from its first event rebuilds exactly that call; and no stored
 * event grows with the length of the call (a state with the whole transcript per turn used to).
 */
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callEvents } from '../db/schema'
import { applyCallEvent, CallEvent } from '../domain/call-events'
import { CallState } from '../domain/call-state'
import { startCallStack } from './support/call-stack'
import { listen, type LiveApi } from './support/live-api'
import { openSse } from './support/sse'

let stack: Awaited<ReturnType<typeof startCallStack>>
let http: LiveApi
beforeAll(async () => {
  stack = await startCallStack({ now: () => new Date('2030-08-05T15:00:00Z'), liveEvents: true })
  http = await listen(stack.api.app)
})
afterAll(async () => {
  await http?.close()
  await stack?.stop()
})

const CONVERSATION = [
  'What are your hours?',
  'I need an oil change tomorrow morning',
  'the first one',
  'Jane Doe',
  '217-555-0142',
  'yes',
]

async function eventsOf(callId: string, query: string, until: (events: CallEvent[]) => boolean) {
  const sse = await openSse(`${http.base}/api/calls/${callId}/events?${query}`)
  const parsed = () => sse.messages.map((m) => CallEvent.parse({ type: m.event, data: JSON.parse(m.data) }))
  await sse.waitFor(() => until(parsed()), 10_000, 'the events')
  sse.close()
  return { events: parsed(), ids: sse.messages.map((m) => Number(m.id)) }
}

async function storedEventSizes(callId: string) {
  const rows = await stack.api.db
    .select({ bytes: sql<number>`pg_column_size(${callEvents.data})`.mapWith(Number) })
    .from(callEvents)
    .where(eq(callEvents.callId, callId))
  return rows.map((r) => r.bytes)
}

describe('the call event log', () => {
  it('sends a snapshot at connect that the log, replayed from its start, rebuilds exactly', async () => {
    const callId = await stack.startCall({ channel: 'chat', customerPhone: '+12175550101' })
    for (const text of CONVERSATION) await stack.say(callId, text)
    const current = CallState.parse((await stack.api.call(`/api/calls/${callId}`)).body)
    expect(current.booking.status).toBe('confirmed')

    const connected = await eventsOf(callId, '', (events) => events.length >= 1)
    const snapshot = connected.events[0]!
    expect(snapshot.type).toBe('state')
    expect(CallState.parse(snapshot.data)).toEqual(current)

    const log = await eventsOf(callId, 'replay=all', (_, n = connected.ids[0]!) => _.length >= n)
    expect(log.ids).toEqual(Array.from({ length: connected.ids[0]! }, (_, i) => i + 1))
    expect(log.events.some((e) => e.type === 'state')).toBe(false)
    const empty = { transcript: [], tasks: [] } as unknown as CallState
    expect(CallState.parse(log.events.reduce(applyCallEvent, empty))).toEqual(current)

    // A client resuming after the snapshot gets the next turn's events, and nothing it had.
    const resumed = await openSse(`${http.base}/api/calls/${callId}/events`, {
      'last-event-id': String(connected.ids[0]),
    })
    await stack.say(callId, 'Where is the dealership located?')
    await resumed.waitFor((s) => s.messages.some((m) => m.event === 'call_updated'), 10_000, 'the turn')
    expect(Number(resumed.messages[0]!.id)).toBe(connected.ids[0]! + 1)
    expect(resumed.messages.map((m) => m.event)).not.toContain('state')
    resumed.close()
  })

  it('stores no event that grows with the call', async () => {
    const callId = await stack.startCall()
    const questions = ['What are your hours?', 'Where is the dealership located?', 'Do you offer leases?']
    for (let i = 0; i < 5; i++) await stack.say(callId, questions[i % 3]!)
    const early = Math.max(...(await storedEventSizes(callId)))
    for (let i = 5; i < 30; i++) await stack.say(callId, questions[i % 3]!)
    const sizes = await storedEventSizes(callId)
    expect(Math.max(...sizes)).toBeLessThanOrEqual(early)
  })
})
