/**
 * GET /api/calls/:id/events: the call's event log as Server-Sent Events. A new connection gets the
 * call as it is now (a `state` snapshot whose id is the seq it is valid at), then every later event;
 * `id:` is the per-call seq, so a client that reconnects with `Last-Event-ID` gets exactly what it
 * missed, then live events.
 */
import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { streamSSE, type SSEStreamingApi } from 'hono/streaming'
import { z } from 'zod'
import { readCallEvents } from '../../db/call-events'
import { readCallSnapshot, type CallSnapshot } from '../../db/calls'
import { calls } from '../../db/schema'
import type { AppEnv } from '../context'
import { ApiError, badRequest, notFound } from '../errors'
import type { Operation } from '../openapi'
import { pumpSse, SSE_HEARTBEAT_MS } from '../sse-pump'
import { validate } from '../validate'
import { CallParams } from './calls'

const READ_BATCH = 500
const MAX_SEQ = 2 ** 31 - 1 // call_events.seq is a Postgres integer

const EventsQuery = z.object({
  lastEventId: z
    .string()
    .optional()
    .describe('For clients that cannot set headers: like Last-Event-ID, which wins when both are sent'),
  access_token: z.string().optional().describe('The API key, for EventSource (which cannot send headers)'),
  replay: z
    .enum(['all', 'latest'])
    .default('latest')
    .describe(
      "Without Last-Event-ID: 'latest' (the default) starts with a `state` snapshot of the whole call " +
        "so far, then the events after it; 'all' replays the call's log from its first event " +
        '(a `call_updated` with every field) instead of a snapshot',
    ),
})

export const callEventOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/calls/{id}/events',
    summary:
      'The events of a call as Server-Sent Events: a `state` snapshot at connect, then call_updated, ' +
      'transcript, task, call_status and agent_state events; `id:` is the per-call seq. Send ' +
      '`Last-Event-ID` (header) or `?lastEventId=` to get only later events. A `: ping` comment comes every 15 s.',
    tag: 'calls',
    params: CallParams,
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
  validate('param', CallParams),
  validate('query', EventsQuery),
  async (c) => {
    const { id } = c.req.valid('param')
    // A browser's EventSource reconnects to the same URL with the header set: the header is newer.
    const query = c.req.valid('query')
    const resumeFrom = c.req.header('last-event-id') ?? query.lastEventId
    const lastEventId = parseLastEventId(resumeFrom)
    const { db, events, log } = c.var.deps
    const heartbeatMs = c.var.deps.sseHeartbeatMs ?? SSE_HEARTBEAT_MS
    if (!events) throw new ApiError(503, 'unavailable', 'Live call events are not available in this process')
    let snapshot: CallSnapshot | null = null
    if (resumeFrom === undefined && query.replay === 'latest') {
      snapshot = await readCallSnapshot(db, id)
      if (!snapshot) throw notFound(`No call ${id}`)
    } else {
      const [call] = await db.select({ id: calls.id }).from(calls).where(eq(calls.id, id)).limit(1)
      if (!call) throw notFound(`No call ${id}`)
    }

    return streamSSE(c, async (stream) => {
      try {
        if (snapshot) {
          await stream.writeSSE({
            id: String(snapshot.seq),
            event: 'state',
            data: JSON.stringify(snapshot.call),
          })
        }
        await pump(stream, { id, lastEventId: snapshot?.seq ?? lastEventId, heartbeatMs, feed: events, db })
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
