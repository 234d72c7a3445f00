/**
 * Voice: tokens for a call's LiveKit room (the caller's, and a hidden listen-in for staff), and the
 * voice agent's state, which the voice worker reports and SSE clients see as `agent_state` events.
 */
import { randomUUID } from 'node:crypto'
import { Hono } from 'hono'
import { z } from 'zod'
import { appendCallEvents } from '../../db/call-events'
import { getCallState } from '../../db/calls'
import type { CompactCallState } from '../../domain/call-state'
import { AgentState, roomOfCall } from '../../domain/voice'
import { SpeechSegment } from '../../domain/call-events'
import type { ApiDeps, AppEnv } from '../context'
import { ApiError, conflict, notFound } from '../errors'
import { CallId } from '../id-params'
import type { Operation } from '../openapi'
import type { VoiceService } from '../../lib/livekit-voice'
import { validate } from '../validate'

const TokenBody = z.strictObject({ callId: CallId })
const CallParams = z.object({ id: CallId })
const AgentStateBody = z.strictObject({ state: AgentState })

export const voiceOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/voice/token',
    summary: "A token that joins only this voice call's room, as the caller (expires in 10 minutes)",
    tag: 'voice',
    body: TokenBody,
    responses: {
      200: '{url, room, token}',
      400: 'Invalid body, or voice is off',
      404: 'Unknown call',
      409: 'A chat call (no room), or the call has ended',
    },
  },
  {
    method: 'post',
    path: '/api/voice/listen-in',
    summary: "A token for a hidden, listen-only participant in this voice call's room (staff)",
    tag: 'voice',
    body: TokenBody,
    responses: {
      200: '{url, room, token}',
      400: 'Voice is off',
      404: 'Unknown call',
      409: 'Not a voice call',
    },
  },
  {
    method: 'post',
    path: '/api/calls/{id}/agent-state',
    summary: 'The voice agent reports listening / thinking / speaking (an SSE agent_state event)',
    tag: 'voice',
    params: CallParams,
    body: AgentStateBody,
    responses: { 202: '{seq}', 404: 'Unknown call' },
  },
  {
    method: 'post',
    path: '/api/calls/{id}/speech',
    summary:
      'The voice worker reports one stretch of speech (caller or agent, its length, whether the caller talked over the agent): an SSE speech event, counted by the analysis',
    tag: 'voice',
    params: CallParams,
    body: SpeechSegment,
    responses: { 202: '{seq}', 404: 'Unknown call' },
  },
]

export function voiceOf(deps: ApiDeps): VoiceService {
  if (!deps.voice) {
    throw new ApiError(
      400,
      'not_configured',
      'Voice is off on this server (VOICE=off, or no LiveKit configured)',
    )
  }
  return deps.voice
}

/** The call, which must be a live voice call. */
async function voiceCall(deps: ApiDeps, callId: string): Promise<CompactCallState> {
  const call = await getCallState(deps.db, callId)
  if (!call) throw notFound(`No call ${callId}`)
  if (call.channel === 'chat') throw conflict(`Call ${callId} is a chat call: it has no voice room`)
  if (call.status === 'ended') throw conflict(`Call ${callId} has ended`)
  return call
}

export const voiceRoutes = new Hono<AppEnv>()
  .post('/token', validate('json', TokenBody), async (c) => {
    const voice = voiceOf(c.var.deps)
    const { callId } = c.req.valid('json')
    await voiceCall(c.var.deps, callId)
    const token = await voice.callerToken(callId, `caller-${randomUUID().slice(0, 8)}`)
    return c.json({ url: voice.url, room: roomOfCall(callId), token })
  })
  .post('/listen-in', validate('json', TokenBody), async (c) => {
    const voice = voiceOf(c.var.deps)
    const { callId } = c.req.valid('json')
    await voiceCall(c.var.deps, callId)
    const token = await voice.listenerToken(callId, `listener-${randomUUID().slice(0, 8)}`)
    return c.json({ url: voice.url, room: roomOfCall(callId), token })
  })

export const agentStateRoutes = new Hono<AppEnv>()
  .post('/:id/agent-state', validate('param', CallParams), validate('json', AgentStateBody), async (c) => {
    const { id } = c.req.valid('param')
    const { state } = c.req.valid('json')
    const call = await getCallState(c.var.deps.db, id)
    if (!call) throw notFound(`No call ${id}`)
    // Not part of CallState (the workflow owns that): a passing indication, logged for SSE clients.
    const [stored] = await appendCallEvents(c.var.deps.db, id, [{ type: 'agent_state', data: { state } }])
    return c.json({ seq: stored?.seq }, 202)
  })
  // Measured by the voice worker; logged as they come, like agent states (the workflow never needs them).
  .post('/:id/speech', validate('param', CallParams), validate('json', SpeechSegment), async (c) => {
    const { id } = c.req.valid('param')
    const segment = c.req.valid('json')
    if (!(await getCallState(c.var.deps.db, id))) throw notFound(`No call ${id}`)
    const [stored] = await appendCallEvents(c.var.deps.db, id, [{ type: 'speech', data: segment }])
    return c.json({ seq: stored?.seq }, 202)
  })
