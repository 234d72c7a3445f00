/**
 * GET /api/escalations/events: the open escalation and callback tasks of every call as Server-Sent
 * Events, for the human agents' queue. Each `tasks` event is a whole snapshot (pending and running
 * tasks), so a client that reconnects needs no Last-Event-ID: the first event brings it up to date.
 */
import { Hono } from 'hono'
import { streamSSE, type SSEStreamingApi } from 'hono/streaming'
import { z } from 'zod'
import { listTasks } from '../../db/escalations'
import type { ApiDeps, AppEnv } from '../context'
import { ApiError } from '../errors'
import type { Operation } from '../openapi'
import { pumpSse, SSE_HEARTBEAT_MS } from '../sse-pump'
import { validate } from '../validate'

const QUEUE_LIMIT = 100
const EventsQuery = z.object({
  access_token: z.string().optional().describe('The API key, for EventSource (which cannot send headers)'),
})

export const escalationEventOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/escalations/events',
    summary:
      'The open tasks of every call as Server-Sent Events: a `tasks` event `{items}` (pending and running, ' +
      'newest first) at once and whenever one changes. A `: ping` comment comes every 15 s.',
    tag: 'escalation',
    query: EventsQuery,
    responses: { 200: 'text/event-stream of `tasks` snapshots' },
  },
]

/** Pending then running tasks: what a human agent can still act on. */
async function openTasks(db: ApiDeps['db']) {
  const [pending, running] = await Promise.all([
    listTasks(db, { status: 'pending', limit: QUEUE_LIMIT }),
    listTasks(db, { status: 'running', limit: QUEUE_LIMIT }),
  ])
  return { items: [...pending.items, ...running.items] }
}

export const escalationEventRoutes = new Hono<AppEnv>().get(
  '/events',
  validate('query', EventsQuery),
  async (c) => {
    const { db, events, log } = c.var.deps
    const heartbeatMs = c.var.deps.sseHeartbeatMs ?? SSE_HEARTBEAT_MS
    if (!events) throw new ApiError(503, 'unavailable', 'Live events are not available in this process')
    return streamSSE(c, async (stream) => {
      try {
        await pump(stream, { heartbeatMs, feed: events, read: () => openTasks(db) })
      } catch (err) {
        if (!stream.aborted) log.warn({ err }, 'escalation event stream failed')
      }
    })
  },
)

interface PumpArgs {
  heartbeatMs: number
  feed: NonNullable<ApiDeps['events']>
  read: () => Promise<{ items: unknown[] }>
}

/**
 * Any call's new events may change the queue: re-read it and send a snapshot only when it differs
 * from the last one sent, so a busy call center's chatter does not flood the queue.
 */
async function pump(stream: SSEStreamingApi, { heartbeatMs, feed, read }: PumpArgs) {
  let lastSent = ''
  let sent = 0
  await pumpSse(stream, {
    heartbeatMs,
    subscribe: (onChange) => feed.subscribeAll(onChange),
    drain: async () => {
      const data = JSON.stringify(await read())
      if (data === lastSent || stream.aborted) return
      lastSent = data
      await stream.writeSSE({ id: String(++sent), event: 'tasks', data })
    },
  })
}
