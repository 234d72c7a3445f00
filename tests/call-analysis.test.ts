/**
 * Post-call analysis on the real stack (Temporal + PostgreSQL + a real worker): every call's workflow
 * analyses it once when it ends, whatever ended it, and GET / POST /api/calls/:id/analysis read and
 * re-run it. Each outcome comes with the turns and the appointment or task that show it. A database
 * of its own: accepting an escalation changes who is busy.
 */
import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callAnalyses, appointments } from '../db/schema'
import { CallAnalysis } from '../domain/call-analysis'
import { startCallStack } from './support/call-stack'
import { errorCode } from './support/api'
import { createSeededTestDatabase, type TestDatabase } from './support/postgres'

type Stack = Awaited<ReturnType<typeof startCallStack>>
const NOW = () => new Date('2030-11-04T15:00:00Z') // Monday 9:00 in Chicago

let database: TestDatabase
let stack: Stack
let idle: Stack

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_analysis')
  stack = await startCallStack({
    now: NOW,
    databaseUrl: database.url,
    escalation: { acceptTimeoutMs: 120_000 },
  })
  idle = await startCallStack({ now: NOW, databaseUrl: database.url, idleTimeoutMs: 1_500 })
})
afterAll(async () => {
  await Promise.all([stack, idle].filter(Boolean).map((s) => s.stop()))
  await database?.drop()
})

/** Waits until the call has its analysis, validates it against the domain schema and returns it. */
async function analysisOf(s: Stack, callId: string): Promise<CallAnalysis> {
  let body: unknown
  await expect
    .poll(
      async () => {
        const res = await s.api.call(`/api/calls/${callId}/analysis`)
        body = res.body
        return res.status
      },
      { timeout: 60_000, interval: 250 },
    )
    .toBe(200)
  return CallAnalysis.parse(body)
}

const rowsOf = async (callId: string) =>
  (
    (await stack.api.db.select({ n: count() }).from(callAnalyses).where(eq(callAnalyses.callId, callId))) as [
      { n: number },
    ]
  )[0].n

describe('post-call analysis', () => {
  it(
    'a booking call: booked, with the appointment and the turn that confirmed it',
    { timeout: 120_000 },
    async () => {
      const callId = await stack.startCall({ channel: 'chat', customerPhone: '217-555-0101' })
      const pending = await stack.api.call(`/api/calls/${callId}/analysis`)
      expect(pending.status).toBe(202)
      expect(pending.body).toEqual({ status: 'pending' })

      await stack.say(callId, 'Does the warranty cover my brakes? What are your hours?')
      await stack.say(callId, 'I need an oil change tomorrow morning')
      await stack.say(callId, 'the first one')
      const confirmed = await stack.say(callId, 'yes, great, thanks')
      expect(confirmed.state.booking.status).toBe('confirmed')
      const appointmentId = confirmed.state.booking.appointmentId as number
      const confirmingTurn = confirmed.state.turnCount as number
      await stack.say(callId, 'thanks, bye')
      // The goodbye ends the call: the workflow closes it after the turn.
      await expect
        .poll(async () => (await stack.api.call(`/api/calls/${callId}`)).body.status, { timeout: 20_000 })
        .toBe('ended')

      const analysis = await analysisOf(stack, callId)
      expect(analysis.outcome).toBe('booked')
      expect(analysis.outcomeEvidence).toEqual({ turns: [confirmingTurn], appointmentId })
      // The appointment row agrees: booked by this call, at that turn.
      const [row] = await stack.api.db.select().from(appointments).where(eq(appointments.id, appointmentId))
      expect(row).toMatchObject({ callId, bookingKey: `${callId}:turn:${confirmingTurn}` })

      expect(analysis).toMatchObject({
        callId,
        turns: 5,
        customerTurns: 5,
        talkSeconds: null,
        interruptions: 0,
      })
      expect(analysis.intents).toContain('book_service')
      expect(analysis.keywords).toEqual(
        expect.arrayContaining([
          { keyword: 'warranty', count: 1, turns: [1] },
          { keyword: 'brake', count: 1, turns: [1] },
        ]),
      )
      expect(analysis.topTerms.map((t) => t.term)).toContain('change')
      expect(analysis.topTerms.map((t) => t.term)).not.toContain('the')
      if (analysis.sentiment === 'insufficient') throw new Error('five customer turns are enough')
      expect(analysis.sentiment).toMatchObject({ label: 'positive', source: 'lexicon' })
      if (analysis.summary === 'insufficient') throw new Error('five customer turns are enough')
      expect(analysis.summary.source).toBe('offline')
      expect(analysis.summary.text).toContain(`appointment #${appointmentId}`)
      expect(analysis.analyzerVersion).toBe('offline-1')
      expect(await rowsOf(callId)).toBe(1)
    },
  )

  it(
    'an escalated call that a person took: escalated, with the task and the turns',
    { timeout: 120_000 },
    async () => {
      const callId = await stack.startCall({ channel: 'chat', customerPhone: '+12175550107' })
      const asked = await stack.say(callId, 'This is unacceptable, I want to speak to a manager')
      expect(asked.state.status).toBe('escalated')
      const taskId = asked.state.tasks[0].taskId as string
      const accepted = await stack.api.call(`/api/escalations/${taskId}/accept`, {
        json: { humanAgentId: 2 },
      })
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
      await expect
        .poll(async () => (await stack.api.call(`/api/calls/${callId}`)).body.currentAgent, {
          timeout: 20_000,
        })
        .toBe('human')
      const human = await stack.api.call(`/api/calls/${callId}/messages`, {
        json: { text: 'Hi, this is the service manager. How can I help?', author: 'human', humanAgentId: 2 },
      })
      expect(human.status, JSON.stringify(human.body)).toBe(200)
      await stack.say(callId, 'My car was not fixed and I am thinking about a lawyer')
      const ended = await stack.api.call(`/api/calls/${callId}/end`, { method: 'POST' })
      expect(ended.status).toBe(202)

      const analysis = await analysisOf(stack, callId)
      expect(analysis.outcome).toBe('escalated')
      expect(analysis.outcomeEvidence).toEqual({ turns: [1, 2], taskId })
      expect(analysis.customerTurns).toBe(2)
      expect(analysis.keywords.map((k) => k.keyword)).toEqual(
        expect.arrayContaining(['unacceptable', 'manager', 'lawyer']),
      )
      if (analysis.sentiment === 'insufficient') throw new Error('two customer turns are enough')
      expect(analysis.sentiment.label).toBe('negative')
      expect(analysis.sentiment.lowestTurn).not.toBeNull()
      const resolved = await stack.api.call(`/api/escalations/${taskId}/resolve`, { json: { notes: 'done' } })
      expect(resolved.status).toBe(200)
    },
  )

  it('a call left idle: abandoned, sentiment and summary insufficient', { timeout: 120_000 }, async () => {
    const callId = await idle.startCall({ channel: 'chat' })
    await idle.say(callId, 'What are your hours?')
    const analysis = await analysisOf(idle, callId)
    expect(analysis.outcome).toBe('abandoned')
    expect(analysis.outcomeEvidence).toEqual({ turns: [1] })
    expect(analysis.customerTurns).toBe(1)
    expect(analysis.sentiment).toBe('insufficient')
    expect(analysis.summary).toBe('insufficient')
    const call = await idle.api.call(`/api/calls/${callId}`)
    expect(call.body.status).toBe('ended')
  })

  it('a call ended before the customer said anything: abandoned', { timeout: 120_000 }, async () => {
    const callId = await stack.startCall({ channel: 'chat' })
    expect((await stack.api.call(`/api/calls/${callId}/end`, { method: 'POST' })).status).toBe(202)
    const analysis = await analysisOf(stack, callId)
    expect(analysis).toMatchObject({
      outcome: 'abandoned',
      turns: 0,
      customerTurns: 0,
      outcomeEvidence: { turns: [] },
    })
  })

  it('re-runs on POST; requests at the same moment leave exactly one row', { timeout: 120_000 }, async () => {
    const callId = await stack.startCall({ channel: 'chat' })
    await stack.say(callId, 'What are your hours?')
    await stack.say(callId, 'Do you sell used cars? bye')
    await stack.api.call(`/api/calls/${callId}/end`, { method: 'POST' })
    const first = await analysisOf(stack, callId)

    const answers = await Promise.all(
      Array.from({ length: 6 }, () => stack.api.call(`/api/calls/${callId}/analysis`, { method: 'POST' })),
    )
    for (const res of answers) {
      expect(res.status, JSON.stringify(res.body)).toBe(202)
      expect(res.body).toMatchObject({ callId, status: 'pending' })
    }
    await expect
      .poll(async () => (await stack.api.call(`/api/calls/${callId}/analysis`)).body.analyzedAt, {
        timeout: 60_000,
      })
      .not.toBe(first.analyzedAt)
    const again = await analysisOf(stack, callId)
    expect({ ...again, analyzedAt: '' }).toEqual({ ...first, analyzedAt: '' })
    expect(await rowsOf(callId)).toBe(1)
  })

  it('answers bad input with a 4xx JSON error and writes nothing', { timeout: 60_000 }, async () => {
    const bad = await stack.api.call('/api/calls/not%20an%20id!/analysis')
    expect(bad.status).toBe(400)
    expect(errorCode(bad.body)).toBe('invalid_request')
    const badPost = await stack.api.call('/api/calls/..%2F..%2Fetc/analysis', { method: 'POST' })
    expect(badPost.status).toBe(400)
    expect(errorCode(badPost.body)).toBe('invalid_request')

    const unknown = await stack.api.call('/api/calls/call-does-not-exist/analysis')
    expect(unknown.status).toBe(404)
    expect(errorCode(unknown.body)).toBe('not_found')
    const unknownPost = await stack.api.call('/api/calls/call-does-not-exist/analysis', { method: 'POST' })
    expect(unknownPost.status).toBe(404)

    const live = await stack.startCall({ channel: 'chat' })
    const early = await stack.api.call(`/api/calls/${live}/analysis`, { method: 'POST' })
    expect(early.status).toBe(409)
    expect(errorCode(early.body)).toBe('conflict')
    expect(await rowsOf(live)).toBe(0)
    await stack.api.call(`/api/calls/${live}/end`, { method: 'POST' })
  })
})
