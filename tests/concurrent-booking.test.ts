/**
 * Thirty customers on thirty calls say "yes" to the same last free slot at the same moment: the
 * database gives it to exactly one; the others hear it was just taken and get other times.
 */
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bookAppointment } from '../db/booking'
import { appointments, resources } from '../db/schema'
import { startCallStack } from './support/call-stack'

const NOW = new Date('2030-10-07T14:00:00Z') // Monday 9:00 in Chicago
const DATE = '2030-10-09' // Wednesday
const TIME = '14:00'
let stack: Awaited<ReturnType<typeof startCallStack>>

beforeAll(async () => {
  stack = await startCallStack({ now: () => NOW })
})
afterAll(() => stack.stop())

describe('30 concurrent calls booking the last slot', () => {
  it('books it exactly once', { timeout: 120_000 }, async () => {
    // Fill every bay but one at 14:00 on Wednesday.
    const bays = await stack.api.db.select().from(resources).where(eq(resources.kind, 'service_bay'))
    for (let i = 0; i < bays.length - 1; i++) {
      const filled = await bookAppointment(stack.api.db, {
        appointmentType: 'service',
        serviceTypeName: 'Oil Change',
        date: DATE,
        time: TIME,
        customerName: `Filler ${i}`,
        customerPhone: `+1217555018${i}`,
        bookingKey: `filler-${DATE}-${i}`,
        timeZone: 'America/Chicago',
        now: NOW,
      })
      expect(filled.ok).toBe(true)
    }

    const callIds = await Promise.all(
      Array.from({ length: 30 }, () => stack.startCall({ channel: 'chat', customerPhone: '+12175550106' })),
    )
    const asked = await Promise.all(
      callIds.map((id) => stack.say(id, 'I need an oil change on Wednesday at 2pm')),
    )
    for (const turn of asked) expect(turn.state.booking.status).toBe('awaiting_confirmation')

    const answers = await Promise.all(callIds.map((id) => stack.say(id, 'yes')))
    const confirmed = answers.filter((a) => a.state.booking.status === 'confirmed')
    expect(confirmed).toHaveLength(1)
    for (const lost of answers.filter((a) => a.state.booking.status !== 'confirmed')) {
      expect(lost.reply).toMatch(/just taken/)
      expect(lost.state.dialog.expecting === 'slot_choice' || lost.state.dialog.expecting === 'date').toBe(
        true,
      )
    }
    const booked = await stack.api.db
      .select()
      .from(appointments)
      .where(
        and(
          eq(appointments.scheduledDate, DATE),
          eq(appointments.scheduledTime, TIME),
          eq(appointments.status, 'scheduled'),
        ),
      )
    expect(booked).toHaveLength(bays.length)
    expect(booked.filter((a) => a.customerPhone === '+12175550106')).toHaveLength(1)
  })
})
