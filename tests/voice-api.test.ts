/**
 * Voice through the API, against the run's real LiveKit server, Temporal and PostgreSQL: starting web
 * calls, room-scoped tokens, listen-in, phone validation and the SIP-not-configured answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCallEvents } from '../db/call-events'
import { errorCode } from './support/api'
import { startCallStack } from './support/call-stack'
import { forgeClaims, joinRoom, jwtClaims, publishMicrophone, testVoiceService } from './support/livekit'

let stack: Awaited<ReturnType<typeof startCallStack>>
let voiceOff: Awaited<ReturnType<typeof startCallStack>>

beforeAll(async () => {
  ;[stack, voiceOff] = await Promise.all([startCallStack({ voice: testVoiceService() }), startCallStack()])
})
afterAll(async () => {
  await Promise.all([stack?.stop(), voiceOff?.stop()])
})

async function startWebCall() {
  const res = await stack.api.call('/api/calls', { json: { channel: 'web' } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body as { callId: string; livekit: { url: string; room: string; token: string } }
}

describe('web calls', () => {
  it('start the call workflow and answer with a token for the call room', async () => {
    const { callId, livekit } = await startWebCall()
    expect(livekit.room).toBe(callId)
    const grant = jwtClaims(livekit.token).video as Record<string, unknown>
    expect(grant).toMatchObject({ room: callId, roomJoin: true })
    expect(grant.roomAdmin).toBeUndefined()
    expect(grant.roomList).toBeUndefined()
    const state = await stack.api.call(`/api/calls/${callId}`)
    expect(state.body).toMatchObject({ channel: 'web', status: 'active' })
  })

  it('give a token that joins its own room on the real server, and only that room', async () => {
    const a = await startWebCall()
    const b = await startWebCall()
    const room = await joinRoom(a.livekit.url, a.livekit.token)
    try {
      expect(room.name).toBe(a.callId)
    } finally {
      await room.disconnect()
    }
    // The room is in the signed claims: rewriting them to name room B breaks the signature.
    const forged = forgeClaims(a.livekit.token, (claims) => {
      ;(claims.video as Record<string, unknown>).room = b.callId
    })
    await expect(joinRoom(a.livekit.url, forged)).rejects.toThrow()
  })

  it('POST /api/voice/token issues a new caller token for a live web call only', async () => {
    const { callId } = await startWebCall()
    const res = await stack.api.call('/api/voice/token', { json: { callId } })
    expect(res.status).toBe(200)
    expect(res.body.room).toBe(callId)
    expect((jwtClaims(res.body.token).video as { room: string }).room).toBe(callId)
    expect(Number(jwtClaims(res.body.token).exp) - Date.now() / 1000).toBeLessThanOrEqual(10 * 60)

    const chat = await stack.startCall()
    const forChat = await stack.api.call('/api/voice/token', { json: { callId: chat } })
    expect([forChat.status, errorCode(forChat.body)]).toEqual([409, 'conflict'])
    const unknown = await stack.api.call('/api/voice/token', { json: { callId: 'call-nope' } })
    expect(unknown.status).toBe(404)
    const bad = await stack.api.call('/api/voice/token', { json: {} })
    expect([bad.status, errorCode(bad.body)]).toEqual([400, 'invalid_request'])

    await stack.api.call(`/api/calls/${callId}/end`, { method: 'POST' })
    await expect.poll(async () => (await stack.api.call(`/api/calls/${callId}`)).body.status).toBe('ended')
    const ended = await stack.api.call('/api/voice/token', { json: { callId } })
    expect(ended.status).toBe(409)
  })

  it('give staff a hidden listen-in token that cannot publish', async () => {
    const { callId } = await startWebCall()
    const res = await stack.api.call('/api/voice/listen-in', { json: { callId } })
    expect(res.status).toBe(200)
    expect(jwtClaims(res.body.token).video).toMatchObject({ room: callId, hidden: true, canPublish: false })
    const room = await joinRoom(res.body.url, res.body.token)
    try {
      await expect(publishMicrophone(room)).rejects.toThrow()
    } finally {
      await room.disconnect()
    }
  })

  it('answer 400 not_configured when voice is off', async () => {
    const res = await voiceOff.api.call('/api/calls', { json: { channel: 'web' } })
    expect([res.status, errorCode(res.body)]).toEqual([400, 'not_configured'])
    const token = await voiceOff.api.call('/api/voice/token', { json: { callId: 'call-x' } })
    expect([token.status, errorCode(token.body)]).toEqual([400, 'not_configured'])
  })
})

describe('phone calls', () => {
  it('need a valid number to dial', async () => {
    const missing = await stack.api.call('/api/calls', { json: { channel: 'phone' } })
    expect([missing.status, errorCode(missing.body)]).toEqual([400, 'invalid_request'])
    expect(missing.body.error.details).toContainEqual(expect.objectContaining({ path: 'to' }))
    const invalid = await stack.api.call('/api/calls', { json: { channel: 'phone', to: 'not a number' } })
    expect([invalid.status, errorCode(invalid.body)]).toEqual([400, 'invalid_request'])
    const onChat = await stack.api.call('/api/calls', { json: { channel: 'chat', to: '217-555-0101' } })
    expect(onChat.status).toBe(400)
    const purposeOnChat = await stack.api.call('/api/calls', { json: { channel: 'chat', purpose: 'brakes' } })
    expect([purposeOnChat.status, errorCode(purposeOnChat.body)]).toEqual([400, 'invalid_request'])
    expect(purposeOnChat.body.error.details).toContainEqual(expect.objectContaining({ path: 'purpose' }))
    const longPurpose = await stack.api.call('/api/calls', {
      json: { channel: 'phone', to: '217-555-0101', purpose: 'x'.repeat(201) },
    })
    expect([longPurpose.status, errorCode(longPurpose.body)]).toEqual([400, 'invalid_request'])
  })

  it('answer a clear 400 not_configured without a SIP trunk, and start nothing', async () => {
    const before = await stack.api.call('/api/calls?q=%2B12175550199')
    const res = await stack.api.call('/api/calls', { json: { channel: 'phone', to: '(217) 555-0199' } })
    expect([res.status, errorCode(res.body)]).toEqual([400, 'not_configured'])
    expect(res.body.error.message).toMatch(/LIVEKIT_SIP_TRUNK_ID/)
    const after = await stack.api.call('/api/calls?q=%2B12175550199')
    expect(after.body.items).toEqual(before.body.items)
  })
})

describe('agent state', () => {
  it('is stored as an agent_state event of the call', async () => {
    const { callId } = await startWebCall()
    const res = await stack.api.call(`/api/calls/${callId}/agent-state`, { json: { state: 'thinking' } })
    expect(res.status).toBe(202)
    const events = await readCallEvents(stack.api.db, callId, 0)
    expect(events.filter((e) => e.type === 'agent_state').map((e) => e.data)).toEqual([{ state: 'thinking' }])
    const bad = await stack.api.call(`/api/calls/${callId}/agent-state`, { json: { state: 'dancing' } })
    expect(bad.status).toBe(400)
  })
})
