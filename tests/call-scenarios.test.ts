/**
 * The demo scenarios of the product documents, each a real call: API -> Temporal Update -> worker
 * -> agent graph -> PostgreSQL, with the crew's clock pinned to Monday 2030-06-03, 9:00 in Chicago.
 */
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appointments, customers, faqs } from '../db/schema'
import { startCallStack } from './support/call-stack'

const NOW = new Date('2030-06-03T14:00:00Z')
let stack: Awaited<ReturnType<typeof startCallStack>>

beforeAll(async () => {
  stack = await startCallStack({ now: () => NOW })
})
afterAll(() => stack.stop())

async function faqAnswers(category: string) {
  return (await stack.api.db.select().from(faqs).where(eq(faqs.category, category))).map((f) => f.answer)
}

describe('demo scenarios', () => {
  it('1. FAQ only: hours, location, financing', async () => {
    const callId = await stack.startCall()
    for (const [question, category] of [
      ['What are your hours?', 'hours'],
      ['Where are you located?', 'location'],
      ['Do you offer financing?', 'financing'],
    ] as const) {
      const { reply, state } = await stack.say(callId, question)
      expect(state.currentAgent, question).toBe('faq')
      expect(state.intent).toBe('faq')
      expect(await faqAnswers(category), question).toContain(reply)
    }
    const call = await stack.api.call(`/api/calls/${callId}`)
    expect(call.body.transcript).toHaveLength(6)
    expect(call.body.transcript.map((t: { role: string }) => t.role)).toEqual([
      'user',
      'agent',
      'user',
      'agent',
      'user',
      'agent',
    ])
  })

  it('2. "I need an oil change tomorrow": offers free times, collects details, books after a yes', async () => {
    const callId = await stack.startCall()
    let turn = await stack.say(callId, 'I need an oil change tomorrow')
    expect(turn.state).toMatchObject({ currentAgent: 'booking', intent: 'book_service' })
    expect(turn.state.booking).toMatchObject({
      appointmentType: 'service',
      serviceType: 'Oil Change',
      preferredDate: '2030-06-04',
      status: 'collecting',
    })
    expect(turn.state.dialog.offered.length).toBeGreaterThan(0)
    const first = turn.state.dialog.offered[0]
    expect(turn.reply).toContain('Tuesday, June 4')

    turn = await stack.say(callId, 'The first one please')
    expect(turn.state.booking.preferredTime).toBe(first.time)
    expect(turn.state.dialog.expecting).toBe('name')
    turn = await stack.say(callId, 'My name is Jane Doe')
    expect(turn.state.booking.customerName).toBe('Jane Doe')
    expect(turn.state.dialog.expecting).toBe('phone')
    turn = await stack.say(callId, '217-555-0177')
    expect(turn.state.booking).toMatchObject({
      customerPhone: '+12175550177',
      status: 'awaiting_confirmation',
    })
    turn = await stack.say(callId, 'Yes, please book it')
    expect(turn.state.booking.status).toBe('confirmed')
    const id = turn.state.booking.appointmentId
    expect(turn.reply).toContain(String(id))

    const [row] = await stack.api.db.select().from(appointments).where(eq(appointments.id, id))
    expect(row).toMatchObject({
      customerName: 'Jane Doe',
      customerPhone: '+12175550177',
      scheduledDate: '2030-06-04',
      scheduledTime: first.time,
      callId,
      status: 'scheduled',
    })
    const [customer] = await stack.api.db.select().from(customers).where(eq(customers.phone, '+12175550177'))
    expect(customer?.name).toBe('Jane Doe')
  })

  it('3. "I want to test drive a Toyota": a test drive with the vehicle of interest', async () => {
    const callId = await stack.startCall()
    const { state } = await stack.say(callId, 'I want to test drive a Toyota')
    expect(state).toMatchObject({ currentAgent: 'booking', intent: 'book_test_drive' })
    expect(state.booking.appointmentType).toBe('test_drive')
    expect(state.booking.vehicleInterest).toMatch(/Toyota/)
    expect(state.dialog.expecting).toBe('date')
  })

  it('4. "I need to change my appointment": finds it by the caller\'s phone and moves it', async () => {
    const [customer] = await stack.api.db.select().from(customers).where(eq(customers.phone, '+12175550104'))
    expect(customer).toBeDefined()
    const callId = await stack.startCall({ channel: 'chat', customerPhone: '(217) 555-0104' })
    let turn = await stack.say(callId, 'Hi, can I book a tire rotation for Wednesday at 10am?')
    expect(turn.state.booking).toMatchObject({
      serviceType: 'Tire Rotation',
      preferredDate: '2030-06-05',
      preferredTime: '10:00',
      customerName: customer!.name,
    })
    expect(turn.state.booking.status).toBe('awaiting_confirmation')
    turn = await stack.say(callId, 'yes')
    const appointmentId = turn.state.booking.appointmentId
    expect(turn.state.booking.status).toBe('confirmed')

    turn = await stack.say(callId, 'Actually I need to change my appointment')
    expect(turn.state.intent).toBe('reschedule')
    expect(turn.reply).toContain('Wednesday, June 5')
    turn = await stack.say(callId, 'Thursday')
    expect(turn.state.dialog.expecting).toBe('slot_choice')
    const offered = turn.state.dialog.offered[0]
    expect(offered.date).toBe('2030-06-06')
    turn = await stack.say(callId, 'the first one')
    expect(turn.state.dialog.expecting).toBe('confirmation')
    turn = await stack.say(callId, 'yes')
    expect(turn.state.booking).toMatchObject({ status: 'confirmed', appointmentId })
    const rows = await stack.api.db
      .select()
      .from(appointments)
      .where(and(eq(appointments.customerPhone, '+12175550104'), eq(appointments.status, 'scheduled')))
    expect(rows.map((r) => [r.id, r.scheduledDate, r.scheduledTime])).toContainEqual([
      appointmentId,
      '2030-06-06',
      offered.time,
    ])
  })

  it('5. "I want to speak to someone": escalates with a pending task and a reason', async () => {
    const callId = await stack.startCall()
    const { state, reply } = await stack.say(callId, 'I want to speak to someone')
    expect(state).toMatchObject({ currentAgent: 'escalation', intent: 'escalation', status: 'escalated' })
    expect(state.tasks).toEqual([
      expect.objectContaining({
        taskType: 'escalation',
        status: 'pending',
        reason: expect.stringMatching(/person/),
      }),
    ])
    expect(reply).toMatch(/team/)
  })

  it('6. Mixed: an FAQ, then a booking in the same call', async () => {
    const callId = await stack.startCall()
    const faq = await stack.say(callId, 'Do you have loaner cars?')
    expect(faq.state.currentAgent).toBe('faq')
    const booking = await stack.say(callId, 'Great. I would like to get my brakes checked on Friday morning')
    expect(booking.state.currentAgent).toBe('booking')
    expect(booking.state.booking).toMatchObject({
      serviceType: 'Brake Inspection',
      preferredDate: '2030-06-07',
    })
    expect(booking.state.dialog.offered.every((o: { time: string }) => o.time < '12:00')).toBe(true)
  })

  it('says goodbye and ends the call', async () => {
    const callId = await stack.startCall()
    const { state } = await stack.say(callId, 'thanks, bye')
    expect(state.intent).toBe('goodbye')
    await expect
      .poll(async () => (await stack.api.call(`/api/calls/${callId}`)).body.status, { timeout: 10_000 })
      .toBe('ended')
  })
})
