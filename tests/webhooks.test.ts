/**
 * Signed webhooks end to end on the real stack (Temporal dev server, PostgreSQL, a pitcrew worker,
 * the API) with a real HTTP receiver that verifies every signature with the standardwebhooks library:
 * a booking call and an escalated call produce their events with the right data; a receiver that is
 * down while events happen gets each of them exactly once when it is back; an event committed while
 * no dispatcher ran is delivered by the next sweep, and dispatching it again starts nothing.
 */
import { eq, isNull, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhookEvents } from '../db/schema'
import type { WebhookDelivery, WebhookEventType, WebhookRetrySchedule } from '../domain/webhooks'
import { webhookDeliveryWorkflowId } from '../workflows/webhook-definitions'
import { webhookDeliveryWorkflow } from '../workflows/webhook-delivery-workflow'
import { startCallStack } from './support/call-stack'
import { createSeededTestDatabase, type TestDatabase } from './support/postgres'
import { startWebhookReceiver, type ReceivedWebhook } from './support/webhook-receiver'

// Wednesday 2030-12-04, 10:00 in Chicago: open, with human agents on duty.
const WEDNESDAY = () => new Date('2030-12-04T16:00:00Z')
/** Minutes of real retrying, squeezed: 200 ms doubling up to 1 s between attempts. */
const RETRY: WebhookRetrySchedule = {
  initialIntervalMs: 200,
  maximumIntervalMs: 1_000,
  retryForMs: 10 * 60_000,
  timeoutMs: 3_000,
}
const ALL_EVENTS: WebhookEventType[] = [
  'call.ended',
  'call.analyzed',
  'appointment.booked',
  'appointment.rescheduled',
  'appointment.cancelled',
  'escalation.created',
  'escalation.accepted',
  'callback.due',
]

type Stack = Awaited<ReturnType<typeof startCallStack>>
type Receiver = Awaited<ReturnType<typeof startWebhookReceiver>>
let database: TestDatabase
let stack: Stack
/** Offers the call briefly and promises a callback half a second later: for callback.due. */
let impatient: Stack
let receiver: Receiver
let webhookId: string

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_webhooks')
  stack = await startCallStack({
    now: WEDNESDAY,
    databaseUrl: database.url,
    escalation: { acceptTimeoutMs: 60_000 },
    webhooks: { retry: RETRY },
  })
  // No dispatcher of its own: its events go through the outbox like everyone's, and `stack` sends them.
  impatient = await startCallStack({
    now: WEDNESDAY,
    databaseUrl: database.url,
    escalation: {
      acceptTimeoutMs: 700,
      callbackDelayCapMs: 500,
      callbackAcceptTimeoutMs: 60_000,
      callbackAttempts: 1,
    },
  })
  receiver = await startWebhookReceiver()
  const created = await stack.api.call('/api/webhooks', {
    json: { url: receiver.url, events: ALL_EVENTS, description: 'CRM' },
  })
  expect(created.status, JSON.stringify(created.body)).toBe(201)
  expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/)
  receiver.setSecret(created.body.secret)
  webhookId = created.body.webhookId
}, 120_000)
afterAll(async () => {
  await receiver?.stop().catch(() => {})
  await stack?.stop()
  await impatient?.stop()
  await database?.drop()
})

/** Received events about `id` (a call id, or an appointment's call). */
function eventsFor(callId: string): ReceivedWebhook[] {
  return receiver.accepted.filter((r) => {
    const d = r.payload.data as Record<string, unknown> & {
      appointment?: { callId: string | null }
      task?: { callId: string }
    }
    return d.callId === callId || d.appointment?.callId === callId || d.task?.callId === callId
  })
}

async function waitForTypes(callId: string, types: WebhookEventType[]) {
  await expect
    .poll(
      () =>
        eventsFor(callId)
          .map((e) => e.payload.type)
          .sort(),
      { timeout: 60_000, interval: 200 },
    )
    .toEqual([...types].sort())
  return (type: WebhookEventType) => eventsFor(callId).find((e) => e.payload.type === type)!
}

async function deliveries(): Promise<WebhookDelivery[]> {
  const all: WebhookDelivery[] = []
  let cursor: string | null = null
  do {
    const res = await stack.api.call(
      `/api/webhooks/${webhookId}/deliveries?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
    )
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    all.push(...(res.body.items as WebhookDelivery[]))
    cursor = res.body.nextCursor
  } while (cursor)
  return all
}

async function endCall(callId: string) {
  expect((await stack.api.call(`/api/calls/${callId}/end`, { method: 'POST' })).status).toBe(202)
}

function expectEachOnce(ids: string[]) {
  const counts = receiver.countsById()
  for (const id of ids) expect(counts.get(id), id).toBe(1)
  expect(receiver.rejected).toEqual([])
}

describe('a booking call and an escalated call', () => {
  it('produce their events, signed, with the right data, each once', { timeout: 180_000 }, async () => {
    const booking = await stack.startCall({ channel: 'chat', customerPhone: '(217) 555-0104' })
    let turn = await stack.say(booking, 'Hi, can I book a tire rotation for Thursday at 10am?')
    expect(turn.state.booking.status).toBe('awaiting_confirmation')
    turn = await stack.say(booking, 'yes')
    expect(turn.state.booking.status).toBe('confirmed')
    const appointmentId = turn.state.booking.appointmentId as number
    turn = await stack.say(booking, 'Actually I need to change my appointment')
    turn = await stack.say(booking, 'Friday')
    const offered = turn.state.dialog.offered[0] as { date: string; time: string }
    turn = await stack.say(booking, 'the first one')
    turn = await stack.say(booking, 'yes')
    expect(turn.state.booking).toMatchObject({ status: 'confirmed', appointmentId })
    await endCall(booking)

    const escalated = await stack.startCall({ channel: 'chat', customerPhone: '+12175550107' })
    const { state } = await stack.say(escalated, 'I want to speak to someone')
    expect(state.status).toBe('escalated')
    const taskId = state.tasks[0].taskId as string
    await expect
      .poll(
        async () =>
          (await stack.api.call(`/api/escalations/${taskId}/accept`, { json: { humanAgentId: 1 } })).status,
        {
          timeout: 20_000,
        },
      )
      .toBe(200)
    await stack.api.call(`/api/escalations/${taskId}/resolve`, { json: { notes: 'done' } })
    await endCall(escalated)

    const ofBooking = await waitForTypes(booking, [
      'appointment.booked',
      'appointment.rescheduled',
      'call.ended',
      'call.analyzed',
    ])
    const booked = ofBooking('appointment.booked').payload
    expect(booked.data).toMatchObject({
      appointment: {
        appointmentId,
        appointmentType: 'service',
        status: 'scheduled',
        date: '2030-12-05',
        time: '10:00',
        serviceType: 'Tire Rotation',
        callId: booking,
        customer: { phone: '+12175550104' },
      },
    })
    expect(ofBooking('appointment.rescheduled').payload.data).toMatchObject({
      appointment: { appointmentId, date: offered.date, time: offered.time, callId: booking },
      previous: { date: '2030-12-05', time: '10:00' },
    })
    expect(ofBooking('call.ended').payload.data).toMatchObject({
      callId: booking,
      channel: 'chat',
      appointmentId,
      turnCount: 6,
      customer: { phone: '+12175550104' },
    })

    const ofEscalation = await waitForTypes(escalated, [
      'escalation.created',
      'escalation.accepted',
      'call.ended',
      'call.analyzed',
    ])
    expect(ofEscalation('escalation.created').payload.data).toMatchObject({
      task: { taskId, taskType: 'escalation', status: 'pending', callId: escalated },
    })
    expect(ofEscalation('escalation.accepted').payload.data).toMatchObject({
      task: { taskId, status: 'running', humanAgent: { id: 1, name: expect.any(String) } },
    })
    expect(ofEscalation('call.ended').payload.data).toMatchObject({ callId: escalated, appointmentId: null })
    // The post-call analysis announces itself once per call, with what it found (a call that books
    // and then moves its own appointment has booked one).
    expect(ofBooking('call.analyzed').payload.data).toMatchObject({
      callId: booking,
      analysis: { outcome: 'booked', outcomeEvidence: { appointmentId } },
    })
    expect(ofEscalation('call.analyzed').payload.data).toMatchObject({
      callId: escalated,
      analysis: { outcome: 'escalated', outcomeEvidence: { taskId } },
    })

    // Every event in the outbox reached the receiver exactly once, and the deliveries say so.
    const outbox = await stack.api.db.select({ id: webhookEvents.id }).from(webhookEvents)
    const received = [...eventsFor(booking), ...eventsFor(escalated)]
    expect(new Set(received.map((r) => r.id))).toEqual(new Set(outbox.map((e) => e.id)))
    expectEachOnce(outbox.map((e) => e.id))
    const listed = await deliveries()
    expect(listed).toHaveLength(outbox.length)
    for (const d of listed) {
      expect(d).toMatchObject({ status: 'delivered', attempts: 1, lastHttpStatus: 204, lastError: null })
      expect(d.recentAttempts).toEqual([expect.objectContaining({ attempt: 1, httpStatus: 204 })])
    }
    // The timestamp header is the time of sending; the payload's is when the event happened.
    for (const r of received)
      expect(Date.parse(r.payload.timestamp)).toBeLessThanOrEqual(Number(r.timestamp) * 1000 + 1000)
  })
})

describe('a callback', () => {
  it(
    'sends callback.due when its time comes, and escalation.accepted when a person takes it',
    { timeout: 120_000 },
    async () => {
      const callId = await impatient.startCall({ channel: 'chat', customerPhone: '+12175550107' })
      const { state } = await impatient.say(callId, 'I want to speak to someone')
      expect(state.status).toBe('escalated')
      const due = (await waitForTypes(callId, ['escalation.created', 'callback.due']))('callback.due')
      expect(due.payload.data).toMatchObject({
        task: {
          taskType: 'callback',
          status: 'pending',
          callId,
          callbackScheduled: '2030-12-04T16:15:00.000Z',
          reason: expect.stringMatching(/Call .* back at \+12175550107/),
        },
      })
      const callbackId = (due.payload.data as { task: { taskId: string } }).task.taskId
      const taken = await impatient.api.call(`/api/escalations/${callbackId}/accept`, {
        json: { humanAgentId: 2 },
      })
      expect(taken.status, JSON.stringify(taken.body)).toBe(200)
      const accepted = (
        await waitForTypes(callId, ['escalation.created', 'callback.due', 'escalation.accepted'])
      )('escalation.accepted')
      expect(accepted.payload.data).toMatchObject({
        task: { taskId: callbackId, taskType: 'callback', status: 'running', humanAgent: { id: 2 } },
      })
      await impatient.api.call(`/api/escalations/${callbackId}/resolve`, { json: {} })
      expectEachOnce(eventsFor(callId).map((e) => e.id))
    },
  )
})

describe('a receiver that is down', () => {
  it(
    'gets every event once it is back, and the deliveries show the failed attempts',
    { timeout: 180_000 },
    async () => {
      await receiver.stop()
      const callId = await stack.startCall({ channel: 'chat', customerPhone: '(217) 555-0104' })
      let turn = await stack.say(callId, 'I need an oil change on Friday at 2pm')
      expect(turn.state.booking.status).toBe('awaiting_confirmation')
      turn = await stack.say(callId, 'yes')
      expect(turn.state.booking.status).toBe('confirmed')
      await endCall(callId)

      const ours = async () =>
        (await deliveries())
          .filter((d) => d.type === 'appointment.booked' || d.type === 'call.ended')
          .filter((d) => d.status !== 'delivered')
      // Both events are retried against the closed port: several attempts each, all refused.
      await expect
        .poll(async () => (await ours()).filter((d) => d.attempts >= 3).length, {
          timeout: 60_000,
          interval: 250,
        })
        .toBe(2)
      for (const d of await ours()) {
        expect(d.status).toBe('pending')
        expect(d.lastHttpStatus).toBeNull()
        expect(d.lastError).toMatch(/ECONNREFUSED/)
      }
      expect(eventsFor(callId)).toEqual([])

      await receiver.start()
      await waitForTypes(callId, ['appointment.booked', 'call.ended', 'call.analyzed'])
      const ids = eventsFor(callId)
        .filter((e) => e.payload.type !== 'call.analyzed')
        .map((e) => e.id)
      expectEachOnce(ids)
      await expect
        .poll(async () => (await deliveries()).filter((d) => ids.includes(d.eventId)).map((d) => d.status), {
          timeout: 20_000,
        })
        .toEqual(['delivered', 'delivered'])
      for (const d of (await deliveries()).filter((x) => ids.includes(x.eventId))) {
        expect(d.attempts).toBeGreaterThanOrEqual(4)
        expect(d.lastHttpStatus).toBe(204)
        expect(d.recentAttempts[0]).toMatchObject({ httpStatus: 204, error: null })
        expect(
          d.recentAttempts.slice(1).every((a) => a.httpStatus === null && /ECONNREFUSED/.test(a.error ?? '')),
        ).toBe(true)
      }
    },
  )
})

describe('the outbox', () => {
  it(
    'delivers an event committed while no dispatcher ran, and dispatching it again starts nothing',
    { timeout: 120_000 },
    async () => {
      await stack.stopDispatcher()
      const callId = await stack.startCall({ channel: 'chat', customerPhone: '+12175550107' })
      await endCall(callId)
      const committed = async () =>
        (await stack.api.db.select().from(webhookEvents).where(isNull(webhookEvents.dispatchedAt))).filter(
          (e) => e.type === 'call.ended' && (e.data as { callId?: string }).callId === callId,
        )
      await expect.poll(async () => (await committed()).length, { timeout: 30_000 }).toBe(1)
      const [event] = await committed()
      expect(event!.type).toBe('call.ended')
      expect(eventsFor(callId)).toEqual([])

      // A worker starting again sweeps what was committed and never dispatched.
      stack.startDispatcher()
      await waitForTypes(callId, ['call.ended', 'call.analyzed'])
      expectEachOnce([event!.id])
      const handle = stack.client.workflow.getHandle(webhookDeliveryWorkflowId(event!.id, webhookId))
      const first = await handle.describe()
      await expect.poll(async () => (await handle.describe()).status.name).toBe('COMPLETED')

      // As if the dispatcher died after starting the workflows but before marking the events: twice, at once.
      await stack.api.db.update(webhookEvents).set({ dispatchedAt: null })
      await stack.stopDispatcher()
      const again = stack.startDispatcher()
      await Promise.all([again!.sweep(), again!.sweep()])
      expect((await handle.describe()).runId).toBe(first.runId)
      const [{ undispatched }] = (await stack.api.db.execute(
        sql`select count(*)::int as undispatched from webhook_events where dispatched_at is null`,
      )) as unknown as [{ undispatched: number }]
      expect(undispatched).toBe(0)
      expectEachOnce([event!.id])
    },
  )

  it('stops retrying a delivery whose subscription is deleted', { timeout: 60_000 }, async () => {
    const dead = await startWebhookReceiver()
    await dead.stop()
    const created = await stack.api.call('/api/webhooks', { json: { url: dead.url, events: ['call.ended'] } })
    const deadId = created.body.webhookId as string
    const callId = await stack.startCall({ channel: 'chat' })
    await endCall(callId)
    // Refused again and again by the closed port...
    await expect
      .poll(
        async () => (await stack.api.call(`/api/webhooks/${deadId}/deliveries`)).body.items[0]?.attempts ?? 0,
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThanOrEqual(2)
    const [{ eventId }] = (await stack.api.call(`/api/webhooks/${deadId}/deliveries`)).body.items
    expect((await stack.api.call(`/api/webhooks/${deadId}`, { method: 'DELETE' })).status).toBe(204)
    // ...until the subscription goes: the workflow ends at its next attempt instead of retrying for a day.
    const handle = stack.client.workflow.getHandle(webhookDeliveryWorkflowId(eventId, deadId))
    expect(await handle.result()).toBe('gone')
    expect((await stack.api.call(`/api/webhooks/${deadId}/deliveries`)).status).toBe(404)
  })

  it('marks a delivery failed when its retry schedule runs out', { timeout: 60_000 }, async () => {
    const dead = await startWebhookReceiver()
    await dead.stop()
    const created = await stack.api.call('/api/webhooks', { json: { url: dead.url, events: ['call.ended'] } })
    expect(created.status).toBe(201)
    const deadId = created.body.webhookId as string
    await stack.stopDispatcher()
    const callId = await stack.startCall({ channel: 'chat' })
    await endCall(callId)
    let eventId = ''
    await expect
      .poll(
        async () => {
          const rows = await stack.api.db
            .select()
            .from(webhookEvents)
            .where(eq(webhookEvents.type, 'call.ended'))
          eventId = rows.find((e) => (e.data as { callId: string }).callId === callId)?.id ?? ''
          return eventId
        },
        { timeout: 30_000 },
      )
      .not.toBe('')
    // This delivery's own short schedule: give up after 1.5 s.
    const { fanOutEvent } = await import('../db/webhook-outbox')
    expect(await fanOutEvent(stack.api.db, eventId)).toContain(deadId)
    const result = await stack.client.workflow.execute(webhookDeliveryWorkflow, {
      workflowId: webhookDeliveryWorkflowId(eventId, deadId),
      taskQueue: stack.taskQueue,
      args: [{ eventId, webhookId: deadId, retry: { ...RETRY, retryForMs: 1_500 } }],
    })
    expect(result).toBe('failed')
    const res = await stack.api.call(`/api/webhooks/${deadId}/deliveries`)
    expect(res.body.items).toEqual([
      expect.objectContaining({
        eventId,
        status: 'failed',
        lastHttpStatus: null,
        lastError: expect.stringMatching(/ECONNREFUSED/),
      }),
    ])
    expect(res.body.items[0].attempts).toBeGreaterThanOrEqual(2)
    expect((await stack.api.call(`/api/webhooks/${deadId}`, { method: 'DELETE' })).status).toBe(204)
    stack.startDispatcher()
  })
})
