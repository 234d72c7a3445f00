/** The calls API from outside: validation, idempotency, ended calls, listing and search. */
import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callTurns, transcriptLines } from '../db/schema'
import { errorCode } from './support/api'
import { startCallStack } from './support/call-stack'

let stack: Awaited<ReturnType<typeof startCallStack>>
beforeAll(async () => {
  stack = await startCallStack({ now: () => new Date('2030-07-01T15:00:00Z') })
})
afterAll(() => stack.stop())

describe('POST /api/calls', () => {
  it('starts a call and answers with its open state, the customer identified by phone', async () => {
    const res = await stack.api.call('/api/calls', {
      json: { channel: 'chat', customerPhone: '217.555.0101' },
    })
    expect(res.status).toBe(201)
    expect(res.body).toMatchObject({
      callId: expect.stringMatching(/^call-/),
      eventsUrl: `/api/calls/${res.body.callId}/events`,
    })
    expect(res.body.workflowId).toBe(res.body.callId)
    expect(res.body.state).toMatchObject({ status: 'active', channel: 'chat', turnCount: 0, transcript: [] })
    expect(res.body.state.customer).toMatchObject({ phone: '+12175550101', name: expect.any(String) })
    expect(res.body.state.customer.vehicles.length).toBeGreaterThan(0)
    const described = await stack.client.workflow.getHandle(res.body.callId).describe()
    expect(described.status.name).toBe('RUNNING')
  })

  it('rejects bad bodies with 400 and says why', async () => {
    for (const body of [
      {},
      { channel: 'fax' },
      { channel: 'chat', customerPhone: 'call me' },
      { channel: 'chat', extra: 1 },
    ]) {
      const res = await stack.api.call('/api/calls', { json: body })
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(errorCode(res.body)).toBe('invalid_request')
    }
    const malformed = await stack.api.call('/api/calls', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"channel": ',
    })
    expect(malformed.status).toBe(400)
    expect(errorCode(malformed.body)).toBe('invalid_request')
    const phone = await stack.api.call('/api/calls', { json: { channel: 'phone', to: '+12175550101' } })
    expect(phone.status).toBe(400)
    expect(errorCode(phone.body)).toBe('not_configured')
  })
})

describe('POST /api/calls/:id/messages', () => {
  it('rejects empty, blank and oversized text with 400, a huge body with 413, unknown calls with 404', async () => {
    const callId = await stack.startCall()
    for (const text of ['', '   ', 'x'.repeat(4001)]) {
      const res = await stack.api.call(`/api/calls/${callId}/messages`, { json: { text } })
      expect(res.status, `${text.length} chars`).toBe(400)
      expect(res.body.error.details[0].path).toBe('text')
    }
    const fiveThousand = await stack.api.call(`/api/calls/${callId}/messages`, {
      json: { text: 'a'.repeat(5000) },
    })
    expect(fiveThousand.status).toBe(400)
    const huge = await stack.api.call(`/api/calls/${callId}/messages`, {
      json: { text: 'a'.repeat(100_000) },
    })
    expect(huge.status).toBe(413)
    const missing = await stack.api.call('/api/calls/call-nope/messages', { json: { text: 'hello' } })
    expect(missing.status).toBe(404)
    const badId = await stack.api.call('/api/calls/..%2F..%2Fetc/messages', { json: { text: 'hello' } })
    expect([400, 404]).toContain(badId.status)
    // Nothing was written by any of them.
    const [{ n }] = (await stack.api.db
      .select({ n: count() })
      .from(transcriptLines)
      .where(eq(transcriptLines.callId, callId))) as [{ n: number }]
    expect(n).toBe(0)
  })

  it('runs one turn for the same idempotencyKey sent twice', async () => {
    const callId = await stack.startCall()
    const body = { text: 'What are your hours?', idempotencyKey: 'retry-me-1' }
    const first = await stack.api.call(`/api/calls/${callId}/messages`, { json: body })
    const second = await stack.api.call(`/api/calls/${callId}/messages`, { json: body })
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    expect(second.body.reply).toBe(first.body.reply)
    expect(second.body.state.turnCount).toBe(1)
    const [{ n }] = (await stack.api.db
      .select({ n: count() })
      .from(callTurns)
      .where(eq(callTurns.callId, callId))) as [{ n: number }]
    expect(n).toBe(1)
    expect(second.body.state.transcript).toHaveLength(2)
  })

  it('answers only the reply to Prefer: return=minimal, and says where the time went', async () => {
    const callId = await stack.startCall()
    const minimal = await stack.api.call(`/api/calls/${callId}/messages`, {
      json: { text: 'What are your hours?' },
      headers: { prefer: 'return=minimal' },
    })
    expect(minimal.status).toBe(200)
    expect(minimal.body).toEqual({ reply: expect.stringMatching(/\w/), turn: 1 })
    expect(minimal.headers.get('preference-applied')).toBe('return=minimal')
    const timings = serverTimings(minimal.headers.get('server-timing'))
    expect(Object.keys(timings)).toEqual(expect.arrayContaining(['state', 'turn', 'total']))
    expect(timings.transcript).toBeUndefined()
    expect(timings.turn).toBeLessThanOrEqual(timings.total!)

    const full = await stack.api.call(`/api/calls/${callId}/messages`, { json: { text: 'Where are you?' } })
    expect(full.headers.get('preference-applied')).toBeNull()
    expect(full.body.state.transcript.map((e: { role: string }) => e.role)).toEqual([
      'user',
      'agent',
      'user',
      'agent',
    ])
    expect(serverTimings(full.headers.get('server-timing')).transcript).toBeGreaterThanOrEqual(0)
  })

  it('answers 409 to a message for an ended call, and ending twice is fine', async () => {
    const callId = await stack.startCall()
    expect((await stack.api.call(`/api/calls/${callId}/end`, { method: 'POST' })).status).toBe(202)
    await expect
      .poll(async () => (await stack.api.call(`/api/calls/${callId}`)).body.status, { timeout: 10_000 })
      .toBe('ended')
    const res = await stack.api.call(`/api/calls/${callId}/messages`, { json: { text: 'hello?' } })
    expect(res.status).toBe(409)
    expect(errorCode(res.body)).toBe('conflict')
    expect((await stack.api.call(`/api/calls/${callId}/end`, { method: 'POST' })).status).toBe(202)
    expect((await stack.api.call('/api/calls/call-unknown/end', { method: 'POST' })).status).toBe(404)
  })
})

describe('GET /api/calls', () => {
  it('lists newest first, filters by status, searches transcripts and pages with a cursor', async () => {
    const marker = `zebra-${Date.now()}`
    // Other test files start calls in the same database at the same time: page within this test's
    // own calls, found by a phone number no other test uses.
    const phone = `+12179${String(Date.now()).slice(-6)}`
    const a = await stack.startCall({ channel: 'chat', customerPhone: phone })
    await stack.say(a, `Do you sell ${marker} cars?`)
    const b = await stack.startCall({ channel: 'chat', customerPhone: phone })
    const found = await stack.api.call(`/api/calls?q=${marker}`)
    expect(found.status).toBe(200)
    expect(found.body.items.map((i: { callId: string }) => i.callId)).toEqual([a])

    const mine = `q=${encodeURIComponent(phone)}&limit=1`
    const page1 = await stack.api.call(`/api/calls?${mine}`)
    expect(page1.body.items).toHaveLength(1)
    expect(page1.body.items[0].callId).toBe(b)
    const page2 = await stack.api.call(`/api/calls?${mine}&cursor=${page1.body.nextCursor}`)
    expect(page2.body.items.map((i: { callId: string }) => i.callId)).toEqual([a])
    expect(page2.body.nextCursor).toBeNull()

    const active = await stack.api.call('/api/calls?status=active&limit=100')
    expect(active.body.items.every((i: { status: string }) => i.status === 'active')).toBe(true)
    for (const q of ['status=gone', 'limit=0', 'limit=1000', 'cursor=%%%', 'cursor=bm90LWEtY3Vyc29y']) {
      expect((await stack.api.call(`/api/calls?${q}`)).status, q).toBe(400)
    }
  })

  it('GET /api/calls/:id answers 404 for an unknown call', async () => {
    const res = await stack.api.call('/api/calls/call-00000000-0000-0000-0000-000000000000')
    expect(res.status).toBe(404)
    expect(errorCode(res.body)).toBe('not_found')
  })
})

/** `name;dur=1.2;desc="…", …` → `{name: 1.2}`. */
function serverTimings(header: string | null): Record<string, number> {
  const entries = (header ?? '').split(',').flatMap((metric) => {
    const [name, ...params] = metric.trim().split(';')
    const dur = params.find((p) => p.startsWith('dur='))
    return name && dur ? [[name, Number(dur.slice(4))] as const] : []
  })
  return Object.fromEntries(entries)
}
