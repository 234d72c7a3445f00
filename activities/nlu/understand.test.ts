/**
 * What callers actually say, and what the offline NLU must make of it: intent plus the slots that
 * matter. `now` is Thursday 2026-03-05 21:30 in Chicago (03:30 UTC on Friday), so a date read in UTC
 * instead of the dealership's zone shows up as a day off.
 */
import { describe, expect, it } from 'vitest'
import type { Intent } from '../../domain/call-state'
import { understand } from './index'
import { contextAt, seedVehicleId } from './test-catalog'
import type { Expectation, UnderstandingSlots } from './types'

const NOW = '2026-03-06T03:30:00Z'
const TOMORROW = '2026-03-06'
const SATURDAY = '2026-03-07'

interface Case {
  say: string
  intent: Intent
  slots?: UnderstandingSlots
  /** Slots that must not be filled. */
  absent?: (keyof UnderstandingSlots)[]
  expecting?: Expectation
}

const CASES: Case[] = [
  // The seed's demo scenarios.
  { say: 'What are your hours?', intent: 'faq' },
  { say: 'Where are you located?', intent: 'faq' },
  { say: 'Do you offer financing?', intent: 'faq' },
  {
    say: 'I need an oil change tomorrow',
    intent: 'book_service',
    slots: { serviceType: 'Oil Change', date: TOMORROW, appointmentType: 'service' },
    absent: ['time'],
  },
  {
    say: 'I want to test drive a Toyota',
    intent: 'book_test_drive',
    slots: { vehicleInterest: 'Toyota', appointmentType: 'test_drive' },
  },
  { say: 'I need to change my appointment', intent: 'reschedule' },
  { say: 'I want to speak to someone', intent: 'escalation' },

  // faq, in many phrasings.
  { say: 'what time do you close on saturday', intent: 'faq' },
  { say: 'Are you open on Sundays?', intent: 'faq' },
  { say: "what's your address", intent: 'faq' },
  { say: 'how do I get to you from I-55?', intent: 'faq' },
  { say: 'Can I get financing with bad credit?', intent: 'faq' },
  { say: 'do you guys do leases', intent: 'faq' },
  { say: 'How much is my trade-in worth?', intent: 'faq' },
  { say: 'Does the warranty cover the transmission?', intent: 'faq' },
  { say: 'Do you have loaner cars?', intent: 'faq' },
  { say: 'is there a shuttle that can take me to work', intent: 'faq' },
  { say: 'Do you service electric vehicles?', intent: 'faq' },
  { say: 'Do you have EV charging stations?', intent: 'faq' },
  { say: 'I need to order a part for my Honda', intent: 'faq' },
  { say: 'How do I know if my car has a recall?', intent: 'faq' },
  { say: 'What payment methods do you accept?', intent: 'faq' },
  { say: 'How much is a brake inspection?', intent: 'faq', slots: { serviceType: 'Brake Inspection' } },
  { say: 'how long does an oil change take', intent: 'faq', slots: { serviceType: 'Oil Change' } },
  {
    say: 'Do you do oil changes on Saturday?',
    intent: 'faq',
    slots: { serviceType: 'Oil Change', date: SATURDAY },
    absent: ['appointmentType'],
  },
  { say: 'Do you take walk-ins?', intent: 'faq' },
  { say: 'Is there a cancellation fee?', intent: 'faq' },
  { say: 'Do you have any RAV4s in stock?', intent: 'faq', slots: { vehicleInterest: 'Toyota RAV4' } },

  // book_service.
  {
    say: 'Book me an oil change on Saturday',
    intent: 'book_service',
    slots: { serviceType: 'Oil Change', date: SATURDAY, appointmentType: 'service' },
  },
  { say: 'can you look at my brakes', intent: 'book_service', slots: { serviceType: 'Brake Inspection' } },
  { say: 'I want to schedule maintenance', intent: 'book_service', slots: { appointmentType: 'service' } },
  { say: 'my check engine light is on', intent: 'book_service', slots: { serviceType: 'Diagnostic' } },
  {
    say: 'I need my tires rotated next Tuesday',
    intent: 'book_service',
    slots: { serviceType: 'Tire Rotation', date: '2026-03-10' },
  },
  {
    say: "My AC isn't blowing cold, can I bring it in Friday?",
    intent: 'book_service',
    slots: { serviceType: 'A/C Service', date: TOMORROW },
  },
  {
    say: 'the brakes on my Camry are grinding',
    intent: 'book_service',
    slots: { serviceType: 'Brake Inspection' },
    absent: ['inventoryVehicleId'],
  },
  { say: "my car won't start", intent: 'book_service', slots: { serviceType: 'Battery Replacement' } },
  {
    say: 'Can I get an oil change tomorrow at 2?',
    intent: 'book_service',
    slots: { date: TOMORROW, time: '14:00' },
  },
  {
    say: 'Do you have any openings tomorrow morning for an alignment?',
    intent: 'book_service',
    slots: { serviceType: 'Wheel Alignment', date: TOMORROW, timeOfDay: 'morning' },
  },
  {
    say: 'I got a recall notice, I need to bring my car in',
    intent: 'book_service',
    slots: { serviceType: 'Recall Service' },
  },
  {
    say: 'hi, I need to get my truck serviced',
    intent: 'book_service',
    slots: { appointmentType: 'service' },
  },
  {
    say: "it's making a weird noise when I turn",
    intent: 'book_service',
    slots: { serviceType: 'Diagnostic' },
  },
  {
    say: 'do you have any appointments available on Friday afternoon for a tire rotation?',
    intent: 'book_service',
    slots: { serviceType: 'Tire Rotation', date: TOMORROW, timeOfDay: 'afternoon' },
  },
  {
    say: 'I need my car inspected for the state',
    intent: 'book_service',
    slots: { serviceType: 'State Inspection' },
  },
  { say: 'schedual a tire rotaton', intent: 'book_service', slots: { serviceType: 'Tire Rotation' } },

  // book_test_drive.
  {
    say: "I'd like to try the RAV4",
    intent: 'book_test_drive',
    slots: { vehicleInterest: 'Toyota RAV4', appointmentType: 'test_drive' },
  },
  {
    say: 'can I drive the Model 3 this weekend',
    intent: 'book_test_drive',
    slots: { vehicleInterest: 'Tesla Model 3', inventoryVehicleId: seedVehicleId('U22301'), date: SATURDAY },
  },
  {
    say: "I'm interested in the F-150, can I come see it?",
    intent: 'book_test_drive',
    slots: { inventoryVehicleId: seedVehicleId('N25110') },
  },
  {
    say: 'Could I take the Mach-E for a spin on Saturday?',
    intent: 'book_test_drive',
    slots: { vehicleInterest: 'Ford Mustang Mach-E', date: SATURDAY },
  },
  { say: "I'm looking for a used truck", intent: 'book_test_drive' },
  {
    say: 'testdrive a 2025 civic tomorrow at 4',
    intent: 'book_test_drive',
    slots: { inventoryVehicleId: seedVehicleId('N25106'), time: '16:00' },
  },

  // reschedule and cancel.
  { say: 'move it to Friday', intent: 'reschedule', slots: { date: TOMORROW } },
  { say: 'I need to reschedule', intent: 'reschedule' },
  { say: 'Can we push my appointment back to next week?', intent: 'reschedule', absent: ['date'] },
  { say: 'cancel my appointment', intent: 'cancel' },
  { say: "I can't make it, please cancel", intent: 'cancel' },
  { say: 'I no longer need the appointment', intent: 'cancel' },
  { say: 'How do I cancel my appointment?', intent: 'cancel' },

  // escalation.
  { say: 'talk to a human', intent: 'escalation' },
  { say: 'Let me speak to your manager.', intent: 'escalation' },
  { say: 'representative', intent: 'escalation' },
  { say: "I'd like a real person please", intent: 'escalation' },
  { say: 'Can I speak with Derek?', intent: 'escalation' },

  // greeting and goodbye.
  { say: 'Hello!', intent: 'greeting' },
  { say: 'good morning', intent: 'greeting', absent: ['timeOfDay'] },
  { say: 'thanks, bye', intent: 'goodbye' },
  { say: "no, that's all, have a good day", intent: 'goodbye' },
  { say: 'thank you', intent: 'goodbye' },

  // Several slots at once.
  {
    say: "I'm Jane Doe, I need an oil change tomorrow at 9, my number is 217 555 0199",
    intent: 'book_service',
    slots: {
      customerName: 'Jane Doe',
      serviceType: 'Oil Change',
      date: TOMORROW,
      time: '09:00',
      customerPhone: '+12175550199',
    },
  },
  {
    say: 'this is Bob Miller, bob.miller@example.com, I want to test drive the Outback on the 14th around 10',
    intent: 'book_test_drive',
    slots: {
      customerName: 'Bob Miller',
      customerEmail: 'bob.miller@example.com',
      date: '2026-03-14',
      time: '10:00',
    },
  },

  // Bare answers to the agent's question stay 'general'.
  {
    say: 'Thursday at 2',
    expecting: 'date',
    intent: 'general',
    slots: { date: '2026-03-12', time: '14:00' },
  },
  { say: 'John Smith', expecting: 'name', intent: 'general', slots: { customerName: 'John Smith' } },
  { say: '217-555-0123', expecting: 'phone', intent: 'general', slots: { customerPhone: '+12175550123' } },
  { say: 'yes', expecting: 'confirmation', intent: 'general' },
  { say: 'yes, book it', expecting: 'confirmation', intent: 'general' },
  {
    say: 'oil change please',
    expecting: 'service_type',
    intent: 'general',
    slots: { serviceType: 'Oil Change', appointmentType: 'service' },
  },
  { say: 'oil change', expecting: 'service_type', intent: 'general', slots: { serviceType: 'Oil Change' } },
  {
    say: 'a test drive',
    expecting: 'appointment_type',
    intent: 'general',
    slots: { appointmentType: 'test_drive' },
  },
  {
    say: 'the RAV4 Prime',
    expecting: 'vehicle',
    intent: 'general',
    slots: { inventoryVehicleId: seedVehicleId('U22312') },
  },
  { say: 'the second one', expecting: 'slot_choice', intent: 'general', slots: { choice: 2 } },
  // ... unless they ask for something else.
  { say: 'actually just cancel it', expecting: 'date', intent: 'cancel' },
  { say: 'can I talk to a person', expecting: 'name', intent: 'escalation' },

  // Things that must not be read into an utterance.
  {
    say: 'I have a Toyota',
    intent: 'general',
    slots: { vehicleInterest: 'Toyota' },
    absent: ['appointmentType', 'inventoryVehicleId'],
  },
  { say: 'no', intent: 'general' },
  { say: 'I need a break', intent: 'general', absent: ['serviceType'] },
  { say: 'this is ridiculous', intent: 'general', absent: ['customerName'] },
  { say: "I'm calling about my car", intent: 'general', absent: ['customerName'] },
  { say: 'I want a second opinion', intent: 'general', absent: ['date', 'time'] },
  { say: 'what is the loan balance on my account', intent: 'faq', absent: ['serviceType'] },
  { say: "Please don't cancel my appointment", intent: 'general' },
  { say: 'Derek told me to call back', intent: 'general', absent: ['customerName'] },
  { say: 'Can someone call me back?', intent: 'general', absent: ['customerName'] },
  { say: 'My son wants a Jeep', intent: 'book_test_drive', slots: { vehicleInterest: 'Jeep' } },
]

describe('understand: realistic utterances', () => {
  it.each(CASES)('$say -> $intent', ({ say, intent, slots, absent, expecting }) => {
    const u = understand(say, contextAt(NOW, expecting ?? null))
    expect(u.intent).toBe(intent)
    if (slots) expect(u.slots).toMatchObject(slots)
    for (const key of absent ?? []) expect(u.slots[key], key).toBeUndefined()
  })

  it('has at least 60 cases', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60)
  })

  it('is confident about clear requests and honest about guesses', () => {
    const ctx = contextAt(NOW)
    expect(understand('What are your hours?', ctx).confidence).toBeGreaterThan(0.8)
    expect(understand('I want to test drive a Toyota', ctx).confidence).toBeGreaterThan(0.8)
    expect(understand('hmm', ctx).confidence).toBeLessThan(0.3)
    expect(understand('thank you', ctx).confidence).toBeLessThan(0.7)
    // Answering what was asked is not a guess; an answer that misses it is.
    expect(understand('John Smith', contextAt(NOW, 'name')).confidence).toBeGreaterThan(0.8)
    expect(understand('whenever', contextAt(NOW, 'date')).confidence).toBeLessThan(0.3)
  })
})
