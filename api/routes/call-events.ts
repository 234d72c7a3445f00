/**
 * GET /api/calls/:id/events: the call's event log as Server-Sent Events. `id:` is the per-call seq,
 * so a client that reconnects with `Last-Event-ID` gets exactly what it missed, then live events.
 */
import { and, desc, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { streamSSE, type SSEStreamingApi } from 'hono/streaming'
import { z } from 'zod'
import { readCallEvents } from '../../db/call-events'
import { callEvents, calls } from '../../db/schema'
import type { AppEnv } from '../context'
import { ApiError, badRequest, notFound } from '../errors'
import type { Operation } from '../openapi'
import { pumpSse, SSE_HEARTBEAT_MS } from '../sse-pump'
import { validate } from '../validate'

const READ_BATCH = 500
const MAX_SEQ = 2 ** 31 - 1 // call_events.seq is a Postgres integer

const EventsParams = z.object({ id: z.string().min(1).max(200) })
const EventsQuery = z.object({
  lastEventId: z
    .string()
    .optional()
    .describe('For clients that cannot set headers: like Last-Event-ID, which wins when both are sent'),
  access_token: z.string().optional().describe('The API key, for EventSource (which cannot send headers)'),
  replay: z
    .enum(['all', 'latest'])
    .default('all')
    .describe(
      "Without Last-Event-ID: 'all' replays every event; 'latest' starts at the latest `state` event " +
        '(the whole call so far), so a long call opens without replaying its history',
    ),
})

export const callEventOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/calls/{id}/events',
    summary:
      'The events of a call as Server-Sent Events (state, transcript, task, agent_state, call_status); ' +
      '`id:` is the per-call seq. Send `Last-Event-ID` (header) or `?lastEventId=` to get only later ' +
      'events. A `: ping` comment comes every 15 s.',
    tag: 'calls',
    params: EventsParams,
    query: EventsQuery,
    responses: {
      200: 'text/event-stream of the call events after Last-Event-ID, then live ones',
      400: 'Last-Event-ID is not a non-negative integer',
      404: 'Unknown call',
    },
  },
]

/** A non-negative integer that fits the seq column, or a 400 saying what was wrong. */
function parseLastEventId(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return 0
  const value = raw.trim()
  if (!/^\d{1,10}$/.test(value) || Number(value) > MAX_SEQ) {
    throw badRequest(
      `Last-Event-ID must be a non-negative integer (the id of the last event received), got "${value.slice(0, 40)}"`,
      [{ path: 'Last-Event-ID', message: 'must be an integer from 0 to 2147483647' }],
    )
  }
  return Number(value)
}

/** The SSE route (mounted at /api/calls); `ApiDeps.sseHeartbeatMs` shortens the heartbeat in tests. */
export const callEventRoutes = new Hono<AppEnv>().get(
  '/:id/events',
  validate('param', EventsParams),
  validate('query', EventsQuery),
  async (c) => {
    const { id } = c.req.valid('param')
    // A browser's EventSource reconnects to the same URL with the header set: the header is newer.
    const query = c.req.valid('query')
    const resumeFrom = c.req.header('last-event-id') ?? query.lastEventId
    let lastEventId = parseLastEventId(resumeFrom)
    const { db, events, log } = c.var.deps
    const heartbeatMs = c.var.deps.sseHeartbeatMs ?? SSE_HEARTBEAT_MS
    if (!events) throw new ApiError(503, 'unavailable', 'Live call events are not available in this process')
    const [call] = await db.select({ id: calls.id }).from(calls).where(eq(calls.id, id)).limit(1)
    if (!call) throw notFound(`No call ${id}`)
    if (resumeFrom === undefined && query.replay === 'latest') {
      // A state event carries the full CallState: everything before it is already in it.
      const [latest] = await db
        .select({ seq: callEvents.seq })
        .from(callEvents)
        .where(and(eq(callEvents.callId, id), eq(callEvents.type, 'state')))
        .orderBy(desc(callEvents.seq))
        .limit(1)
      if (latest) lastEventId = latest.seq - 1
    }

    return streamSSE(c, async (stream) => {
      try {
        await pump(stream, { id, lastEventId, heartbeatMs, feed: events, db })
      } catch (err) {
        // The stream closes; the client reconnects with Last-Event-ID and loses nothing.
        if (!stream.aborted) log.warn({ err, callId: id }, 'call event stream failed')
      }
    })
  },
)

interface PumpArgs {
  id: string
  lastEventId: number
  heartbeatMs: number
  feed: NonNullable<AppEnv['Variables']['deps']['events']>
  db: AppEnv['Variables']['deps']['db']
}

/** Sends the call's events after `lastEventId`, then each new one as it is committed, in seq order. */
async function pump(stream: SSEStreamingApi, { id, lastEventId, heartbeatMs, feed, db }: PumpArgs) {
  let last = lastEventId
  await pumpSse(stream, {
    heartbeatMs,
    subscribe: (onChange) => feed.subscribe(id, onChange),
    drain: async () => {
      for (;;) {
        const rows = await readCallEvents(db, id, last, READ_BATCH)
        for (const row of rows) {
          if (stream.aborted) return
          await stream.writeSSE({ id: String(row.seq), event: row.type, data: JSON.stringify(row.data) })
          last = row.seq
        }
        if (rows.length < READ_BATCH) return
      }
    },
  })
}
