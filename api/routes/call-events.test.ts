/**
 * The SSE stream over a real HTTP port, on PostgreSQL (API and writers on separate connections, as
 * the API and the worker are) and on PGlite (one in-process database, as `npm start` runs it).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendCallEvents, type NewCallEvent } from '../../db/call-events'
import { createCallEventFeed, type CallEventFeedHandle } from '../../db/call-event-feed'
import { openDb, type DbHandle } from '../../db/client'
import { calls } from '../../db/schema'
import { errorCode } from '../../tests/support/api'
import {
  createTestDatabase,
  pgliteTempDir,
  TEST_DRIVERS,
  type TestDriver,
} from '../../tests/support/postgres'
import { serveLiveApi, type LiveApi } from '../../tests/support/live-api'
import { openSse, type SseStream } from '../../tests/support/sse'

const HEARTBEAT_MS = 150
const API_KEY = 'sse-test-key'

/** The API's database handle, and the one the "worker" appends through (the same one on PGlite). */
async function openDatabases(driver: TestDriver) {
  if (driver === 'pglite') {
    const tmp = pgliteTempDir()
    const api = await openDb({ pgliteDir: tmp.dir })
    return { api, writer: api, dispose: () => api.close().finally(tmp.cleanup) }
  }
  const database = await createTestDatabase('pitcrew_sse')
  const api = await openDb({ databaseUrl: database.url, maxConnections: 4 })
  const writer = await openDb({ databaseUrl: database.url, maxConnections: 4 })
  return {
    api,
    writer,
    dispose: () => Promise.allSettled([api.close(), writer.close()]).finally(() => database.drop()),
  }
}

const ids = (s: SseStream) => s.messages.map((m) => Number(m.id))
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)
const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!

describe.each(TEST_DRIVERS)('GET /api/calls/:id/events on %s', (driver) => {
  let dbs: Awaited<ReturnType<typeof openDatabases>>
  let writer: DbHandle
  let feed: CallEventFeedHandle
  let server: LiveApi | undefined
  let base: string
  let callCount = 0

  const newCall = async () => {
    const id = `call-sse-${driver}-${++callCount}`
    await dbs.api.db.insert(calls).values({ id, channel: 'chat' })
    return id
  }
  const url = (callId: string, query = '') =>
    // The raw log: these tests are about seqs and resuming, not the connect-time snapshot.
    `${base}/api/calls/${callId}/events?access_token=${API_KEY}&replay=all${query}`
  const append = (callId: string, events: NewCallEvent[]) => appendCallEvents(writer.db, callId, events)
  const line = (n: number) => ({
    seq: n,
    role: 'user' as const,
    text: `line ${n}`,
    at: '2030-01-01T00:00:00.000Z',
  })
  const transcript = (n: number): NewCallEvent => ({ type: 'transcript', data: line(n) })

  beforeAll(async () => {
    dbs = await openDatabases(driver)
    writer = dbs.writer
    await dbs.api.migrate()
    feed = createCallEventFeed(dbs.api)
    await feed.ready
    server = await serveLiveApi(dbs.api.db, feed, { apiKey: API_KEY, sseHeartbeatMs: HEARTBEAT_MS })
    base = server.base
  })

  afterAll(async () => {
    await server?.close()
    await feed?.close()
    await dbs?.dispose()
  })

  it('streams events appended after connecting, in order, with ids, types and JSON data', async () => {
    const callId = await newCall()
    const sse = await openSse(url(callId))
    expect(sse.status).toBe(200)
    expect(sse.headers.get('content-type')).toContain('text/event-stream')
    await sse.waitFor((s) => s.retry !== undefined, 5000, 'retry')
    expect(sse.retry).toBe(2000)
    await append(callId, [{ type: 'call_status', data: { status: 'active' } }, transcript(1)])
    await append(callId, [{ type: 'agent_state', data: { state: 'thinking' } }])
    const messages = await sse.waitForMessages(3)
    expect(messages.map(({ id, event, data }) => ({ id, event, data: JSON.parse(data) }))).toEqual([
      { id: '1', event: 'call_status', data: { status: 'active' } },
      { id: '2', event: 'transcript', data: line(1) },
      { id: '3', event: 'agent_state', data: { state: 'thinking' } },
    ])
    sse.close()
  })

  it('replays exactly what a reconnecting client missed, then goes live, while writes continue', async () => {
    const callId = await newCall()
    const total = 120
    let written = 0
    const writing = (async () => {
      for (let n = 1; n <= total; n++) {
        await append(callId, [transcript(n)])
        written = n
        if (n % 5 === 0) await new Promise((r) => setTimeout(r, 5))
      }
    })()
    const first = await openSse(url(callId))
    await first.waitFor((s) => s.messages.length >= 20, 10_000, '20 events')
    first.close()
    await first.ended
    // The header form, as EventSource reconnects; the query form for clients that cannot set headers.
    const second = await openSse(url(callId), { 'last-event-id': first.lastEventId })
    await second.waitFor((s) => s.messages.length >= 20, 10_000, '20 more events')
    second.close()
    await second.ended
    expect(written).toBeLessThan(total) // the reconnects really happened during the writes
    const third = await openSse(url(callId, `&lastEventId=${second.lastEventId}`))
    await writing
    await third.waitFor((s) => s.lastEventId === String(total), 10_000, `event ${total}`)
    const received = [...ids(first), ...ids(second), ...ids(third)]
    expect(received).toEqual(range(1, total))
    expect(third.messages.at(-1)!.data).toBe(JSON.stringify(line(total)))
    third.close()
  })

  it('numbers 200 events from 4 concurrent writers 1..200 and streams each exactly once', async () => {
    const callId = await newCall()
    const sse = await openSse(url(callId))
    await sse.waitFor((s) => s.retry !== undefined, 5000, 'retry')
    const stored = await Promise.all(
      range(0, 3).map(async (w) => {
        const seqs: number[] = []
        // Single events and pairs, so multi-row appends interleave with single ones.
        for (let i = 0, size = 1; i < 50; i += size, size = 3 - size) {
          const batch = range(i, Math.min(i + size, 50) - 1).map((k) => ({
            type: 'task' as const,
            data: { taskId: `task-${w}-${k}`, taskType: 'callback' as const, status: 'pending' as const },
          }))
          seqs.push(...(await append(callId, batch)).map((e) => e.seq))
        }
        return seqs
      }),
    )
    for (const seqs of stored) expect(seqs).toEqual([...seqs].sort((a, b) => a - b))
    expect(stored.flat().sort((a, b) => a - b)).toEqual(range(1, 200))
    await sse.waitForMessages(200)
    await new Promise((r) => setTimeout(r, 100)) // nothing extra trails in
    expect(ids(sse)).toEqual(range(1, 200))
    sse.close()
  })

  it('sends a heartbeat comment and forgets the subscriber once the client leaves', async () => {
    const callId = await newCall()
    const sse = await openSse(url(callId))
    await sse.waitFor((s) => s.comments.includes(' ping'), 5 * HEARTBEAT_MS, 'a heartbeat')
    expect(feed.subscriberCount(callId)).toBe(1)
    sse.close()
    await sse.ended
    await expect.poll(() => feed.subscriberCount(callId), { timeout: 5000 }).toBe(0)
    await append(callId, [transcript(1)]) // no one listening: must not throw or leak
    expect(feed.subscriberCount()).toBe(0)
  })

  it('answers 404 JSON for an unknown call and 400 JSON for a bad Last-Event-ID', async () => {
    const missing = await fetch(url('call-does-not-exist'))
    expect(missing.status).toBe(404)
    expect(errorCode(await missing.json())).toBe('not_found')
    const callId = await newCall()
    for (const bad of ['-1', 'abc', '1.5', '1e3', '99999999999', '2147483648']) {
      const viaHeader = await fetch(url(callId), { headers: { 'last-event-id': bad } })
      expect(viaHeader.status, bad).toBe(400)
      const body = (await viaHeader.json()) as { error: { message: string } }
      expect(errorCode(body)).toBe('invalid_request')
      expect(body.error.message).toContain('Last-Event-ID')
      const viaQuery = await fetch(url(callId, `&lastEventId=${encodeURIComponent(bad)}`))
      expect(viaQuery.status, bad).toBe(400)
      await viaQuery.body?.cancel()
    }
    const noKey = await fetch(`${base}/api/calls/${callId}/events`)
    expect(noKey.status).toBe(401)
    expect(errorCode(await noKey.json())).toBe('unauthorized')
    expect(feed.subscriberCount()).toBe(0)
  })

  it('measures delivery latency from append commit to the client', async () => {
    const callId = await newCall()
    const sse = await openSse(url(callId))
    await sse.waitFor((s) => s.retry !== undefined, 5000, 'retry')
    // From the moment appendCallEvents resolved (its COMMIT acknowledged); an event that overtook that
    // acknowledgement counts as 0. `fromCall` also includes the append's own round trips.
    const latencies: number[] = []
    const fromCall: number[] = []
    for (let n = 1; n <= 200; n++) {
      const started = performance.now()
      await append(callId, [transcript(n)])
      const committed = performance.now()
      await sse.waitForMessages(n)
      const received = sse.messages[n - 1]!.receivedAt
      latencies.push(Math.max(0, received - committed))
      fromCall.push(received - started)
    }
    sse.close()
    const stats = (xs: number[]) => {
      const sorted = [...xs].sort((a, b) => a - b)
      return [percentile(sorted, 0.5), percentile(sorted, 0.95)] as const
    }
    const [p50, p95] = stats(latencies)
    const [c50, c95] = stats(fromCall)
    console.log(
      `[sse latency ${driver}] 200 events, commit -> client: p50 ${p50.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms; ` +
        `append call -> client: p50 ${c50.toFixed(2)} ms, p95 ${c95.toFixed(2)} ms`,
    )
    expect(p95).toBeLessThan(250)
  })
})
