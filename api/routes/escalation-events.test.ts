/**
 * The queue's stream (GET /api/escalations/events) and `replay=latest` of the call stream, over a
 * real HTTP port on a PostgreSQL database of their own (the API and the writer on separate
 * connections, as the API and the worker are).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendCallEvents } from '../../db/call-events'
import { createCallEventFeed, type CallEventFeedHandle } from '../../db/call-event-feed'
import { openDb, type DbHandle } from '../../db/client'
import { calls, escalationTasks } from '../../db/schema'
import { createTestDatabase, type TestDatabase } from '../../tests/support/postgres'
import { serveLiveApi, type LiveApi } from '../../tests/support/live-api'
import { openSse } from '../../tests/support/sse'

const API_KEY = 'queue-test-key'

describe('live streams for the dashboard', () => {
  let database: TestDatabase
  let api: DbHandle
  let writer: DbHandle
  let feed: CallEventFeedHandle
  let server: LiveApi | undefined
  let base: string

  beforeAll(async () => {
    database = await createTestDatabase('pitcrew_queue')
    api = await openDb({ databaseUrl: database.url, maxConnections: 4 })
    writer = await openDb({ databaseUrl: database.url, maxConnections: 4 })
    await api.migrate()
    feed = createCallEventFeed(api)
    await feed.ready
    server = await serveLiveApi(api.db, feed, { apiKey: API_KEY })
    base = server.base
  })

  afterAll(async () => {
    await server?.close()
    await feed?.close()
    await Promise.allSettled([api?.close(), writer?.close()])
    await database?.drop()
  })

  /** What the escalation workflow does: change the row and append the call's `task` event together. */
  async function setTask(callId: string, taskId: string, status: 'pending' | 'running' | 'completed') {
    await writer.db.transaction(async (tx) => {
      await tx
        .insert(escalationTasks)
        .values({ taskId, callId, taskType: 'escalation', status, reason: 'asked for a person' })
        .onConflictDoUpdate({ target: escalationTasks.taskId, set: { status } })
      await appendCallEvents(tx, callId, [{ type: 'task', data: { taskId, taskType: 'escalation', status } }])
    })
  }

  it('sends the open tasks at once, then a new snapshot whenever one changes', async () => {
    await writer.db.insert(calls).values([
      { id: 'call-q1', channel: 'chat' },
      { id: 'call-q2', channel: 'chat' },
    ])
    await setTask('call-q1', 'task-q1', 'pending')
    const sse = await openSse(`${base}/api/escalations/events?access_token=${API_KEY}`)
    expect(sse.status).toBe(200)
    const snapshot = (i: number) =>
      (JSON.parse(sse.messages[i]!.data) as { items: { taskId: string; status: string; callId: string }[] })
        .items
    await sse.waitForMessages(1)
    expect(sse.messages[0]!.event).toBe('tasks')
    expect(snapshot(0)).toMatchObject([{ taskId: 'task-q1', callId: 'call-q1', status: 'pending' }])

    // A task of another call appears; then the first is accepted; then it is done and leaves the queue.
    await setTask('call-q2', 'task-q2', 'pending')
    await sse.waitForMessages(2)
    expect(snapshot(1).map((t) => t.taskId)).toEqual(['task-q2', 'task-q1'])
    await setTask('call-q1', 'task-q1', 'running')
    await sse.waitForMessages(3)
    expect(snapshot(2).map((t) => `${t.taskId}:${t.status}`)).toEqual(['task-q2:pending', 'task-q1:running'])

    // Other events of a call do not repeat an unchanged snapshot.
    const hi = { seq: 1, role: 'user' as const, text: 'hi', at: new Date().toISOString() }
    await appendCallEvents(writer.db, 'call-q2', [{ type: 'transcript', data: hi }])
    await setTask('call-q1', 'task-q1', 'completed')
    await sse.waitForMessages(4)
    expect(snapshot(3).map((t) => t.taskId)).toEqual(['task-q2'])
    expect(sse.messages).toHaveLength(4)
    sse.close()
    await expect.poll(() => feed.subscriberCount(), { timeout: 5000 }).toBe(0)
  })

  it('needs the API key', async () => {
    const sse = await openSse(`${base}/api/escalations/events`)
    expect(sse.status).toBe(401)
    sse.close()
  })
})
