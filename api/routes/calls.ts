/** Calls: start one, list them, read one, talk in it, end it. Each call is a `callWorkflow`. */
import { randomUUID } from 'node:crypto'
import { WithStartWorkflowOperation } from '@temporalio/client'
import { Hono } from 'hono'
import { timing, wrapTime } from 'hono/timing'
import { z } from 'zod'
import { listCalls } from '../../db/call-list'
import { getCallState, readCallSnapshot } from '../../db/calls'
import { getTranscript } from '../../db/transcript'
import { Channel, MAX_MESSAGE_CHARS, withTranscript } from '../../domain/call-state'
import { END_REASONS } from '../../domain/call-end'
import { callFilterFields, refineDateRange } from '../call-filter-query'
import { callOpenedUpdate, callSearchAttributes, endCallSignal } from '../../workflows/call-definitions'
import { callWorkflow } from '../../workflows/call-workflow'
import type { ApiDeps, AppEnv } from '../context'
import { ApiError, badRequest, conflict, notFound } from '../errors'
import type { Operation } from '../openapi'
import { CallId, RowId } from '../id-params'
import { PhoneNumber } from '../phone-param'
import { validate } from '../validate'
import { assertHumanOnCall, decodeCursor, encodeCursor, sendTurn } from './call-helpers'
import { connectVoice, voiceFor } from './call-voice'

const StartCallBody = z
  .strictObject({
    channel: Channel,
    customerPhone: PhoneNumber.optional(),
    /** The number a phone call dials. */
    to: PhoneNumber.optional(),
    /** Why a phone call is made, said when the customer answers ("calling about {purpose}"). */
    purpose: z.string().trim().min(1).max(200).optional(),
    agentProfileId: z.string().max(100).optional(),
  })
  .superRefine((b, ctx) => {
    if (b.channel === 'phone' && b.to === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: 'is required for a phone call (the number to dial)',
      })
    for (const field of ['to', 'purpose'] as const) {
      if (b.channel !== 'phone' && b[field] !== undefined)
        ctx.addIssue({ code: 'custom', path: [field], message: 'is only allowed for a phone call' })
    }
  })
export const CallParams = z.object({ id: CallId })
const ListQuery = z
  .strictObject({
    ...callFilterFields,
    limit: z.coerce.number().int().min(1).max(100).default(25),
    cursor: z.string().max(200).optional(),
  })
  .superRefine(refineDateRange)
const MessageBody = z
  .strictObject({
    text: z
      .string()
      .max(MAX_MESSAGE_CHARS, `must be at most ${MAX_MESSAGE_CHARS} characters`)
      .refine((t) => t.trim().length > 0, 'must not be empty'),
    idempotencyKey: z.string().min(1).max(200).optional(),
    /** 'human': a person who accepted the call's escalation speaks, not the customer. */
    author: z.enum(['user', 'human']).optional(),
    humanAgentId: RowId.optional(),
  })
  .superRefine((b, ctx) => {
    if (b.author === 'human' && b.humanAgentId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['humanAgentId'], message: 'is required when author is "human"' })
    }
    if (b.author !== 'human' && b.humanAgentId !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['humanAgentId'],
        message: 'is only allowed when author is "human"',
      })
    }
  })

export const callOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/calls',
    summary: 'Start a call (a callWorkflow); answers once it is open',
    tag: 'calls',
    body: StartCallBody,
    responses: {
      201: '{callId, workflowId, state, eventsUrl, livekit?: {url, room, token}} (livekit for web calls; a phone call is dialed by the workflow: follow state.phone)',
      400: "Invalid body (a phone call needs `to`), or a channel that is not configured ('not_configured')",
      503: 'The LiveKit server did not take the call (the call is ended)',
    },
  },
  {
    method: 'get',
    path: '/api/calls',
    summary:
      'Calls, newest first; filter by local dates, status, channel, outcome, sentiment, intent, hour, agent; `q` searches transcripts (ranked, with a snippet) and phone/name/id; page with nextCursor',
    tag: 'calls',
    query: ListQuery,
    responses: {
      200: '{items: CallSummary[] (with outcome, sentiment; with q also rank and hit {seq, snippet}), nextCursor, total}',
      400: 'Invalid filter or cursor',
    },
  },
  {
    method: 'get',
    path: '/api/calls/{id}',
    summary: 'The CallState of a call, transcript included',
    tag: 'calls',
    params: CallParams,
    responses: { 200: 'CallState', 404: 'Unknown call' },
  },
  {
    method: 'post',
    path: '/api/calls/{id}/messages',
    summary:
      "A customer's message, or a human agent's (author 'human'); answers with the reply (same idempotencyKey twice = one turn)",
    tag: 'calls',
    params: CallParams,
    body: MessageBody,
    responses: {
      200: '{reply, turn, state} (turn: the number of the turn the message became); only {reply, turn} with the header `Prefer: return=minimal`',
      400: 'Invalid text, or an unknown humanAgentId',
      404: 'Unknown call',
      409: 'The call has ended, or a human author has no running task on it',
      413: 'Body too large',
    },
  },
  {
    method: 'post',
    path: '/api/calls/{id}/end',
    summary: 'Hang up (idempotent)',
    tag: 'calls',
    params: CallParams,
    responses: { 202: '{callId, status}', 404: 'Unknown call' },
  },
]

function temporalOf(deps: ApiDeps) {
  if (!deps.temporal) throw new ApiError(503, 'unavailable', 'Calls are not available: no Temporal client')
  return deps.temporal
}

export const callRoutes = new Hono<AppEnv>()
  .post('/', validate('json', StartCallBody), async (c) => {
    const body = c.req.valid('json')
    // Checked before anything starts, so a call that cannot be carried is never half-created.
    const voice = body.channel === 'chat' ? undefined : voiceFor(c.var.deps, body)
    const customerPhone = body.customerPhone ?? (body.channel === 'phone' ? body.to : undefined)
    const { client, taskQueue, idleTimeoutMs, escalation, dialing } = temporalOf(c.var.deps)
    const callId = `call-${randomUUID()}`
    const startedAt = new Date().toISOString()
    const start = new WithStartWorkflowOperation(callWorkflow, {
      workflowId: callId,
      taskQueue,
      args: [
        {
          callId,
          channel: body.channel,
          customerPhone,
          startedAt,
          idleTimeoutMs,
          escalation,
          // The workflow places a phone call itself, so no-answer and busy are retried durably.
          ...(body.to ? { dial: { ...dialing, to: body.to, purpose: body.purpose } } : {}),
        },
      ],
      workflowIdConflictPolicy: 'FAIL',
      typedSearchAttributes: callSearchAttributes({ callId, channel: body.channel, customerPhone }),
    })
    const state = await client.workflow.executeUpdateWithStart(callOpenedUpdate, {
      startWorkflowOperation: start,
    })
    const livekit = voice && body.channel === 'web' ? await connectVoice(client, voice, callId) : undefined
    return c.json(
      {
        callId,
        workflowId: callId,
        state: withTranscript(state, []),
        eventsUrl: `/api/calls/${callId}/events`,
        ...(livekit ? { livekit } : {}),
      },
      201,
    )
  })
  .get('/', validate('query', ListQuery), async (c) => {
    const { cursor, ...filter } = c.req.valid('query')
    const decoded = cursor === undefined ? undefined : decodeCursor(cursor)
    if (decoded === null)
      throw badRequest('Invalid cursor: pass the nextCursor of a previous page', [
        { path: 'cursor', message: 'is not a cursor' },
      ])
    const { db, dealershipTimeZone } = c.var.deps
    const page = await listCalls(db, dealershipTimeZone, { ...filter, cursor: decoded })
    return c.json({
      items: page.items,
      nextCursor: page.nextCursor ? encodeCursor(page.nextCursor) : null,
      total: page.total,
    })
  })
  .get('/:id', validate('param', CallParams), async (c) => {
    const { id } = c.req.valid('param')
    const snapshot = await readCallSnapshot(c.var.deps.db, id)
    if (!snapshot) throw notFound(`No call ${id}`)
    return c.json(snapshot.call)
  })
  // Server-Timing breaks a turn's time down for clients and benchmarks (docs/performance.md).
  .post(
    '/:id/messages',
    timing({ totalDescription: 'in the API' }),
    validate('param', CallParams),
    validate('json', MessageBody),
    async (c) => {
      const { id } = c.req.valid('param')
      const { text, idempotencyKey, author, humanAgentId } = c.req.valid('json')
      const { db } = c.var.deps
      const current = await wrapTime(c, 'state', getCallState(db, id), 'reading the call')
      if (!current) throw notFound(`No call ${id}`)
      if (current.status === 'ended') throw conflict(`Call ${id} has ended`)
      if (author === 'human') await assertHumanOnCall(db, id, humanAgentId!)
      const input = author === 'human' ? { text, author } : { text }
      const client = temporalOf(c.var.deps).client
      const endTurnTimer = c.var.deps.metrics?.turnSeconds.startTimer()
      const turn = sendTurn(client, id, input, idempotencyKey ?? randomUUID())
      const result = await wrapTime(c, 'turn', turn, 'the userTurn Update')
      endTurnTimer?.()
      // `Prefer: return=minimal` (RFC 7240): only the reply, without reading the whole transcript back.
      if (/\breturn=minimal\b/.test(c.req.header('prefer') ?? '')) {
        c.header('Preference-Applied', 'return=minimal')
        return c.json({ reply: result.reply, turn: result.state.turnCount })
      }
      const transcript = await wrapTime(c, 'transcript', getTranscript(db, id), 'reading the transcript')
      return c.json({
        reply: result.reply,
        turn: result.state.turnCount,
        state: withTranscript(result.state, transcript),
      })
    },
  )
  .post('/:id/end', validate('param', CallParams), async (c) => {
    const { id } = c.req.valid('param')
    const current = await getCallState(c.var.deps.db, id)
    if (!current) throw notFound(`No call ${id}`)
    if (current.status !== 'ended') {
      await temporalOf(c.var.deps)
        .client.workflow.getHandle(id)
        .signal(endCallSignal, { reason: END_REASONS.api })
        .catch((err: Error) => {
          // The workflow may have finished between the read and the signal: that is what was asked.
          if (err.name !== 'WorkflowNotFoundError') throw err
        })
    }
    return c.json({ callId: id, status: current.status === 'ended' ? 'ended' : 'ending' }, 202)
  })
