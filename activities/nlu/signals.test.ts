/** Corrections, yes/no answers, asking for a person, frustration, and what must not trigger them. */
import { describe, expect, it } from 'vitest'
import { understand } from './index'
import { contextAt } from './test-catalog'
import type { Expectation } from './types'

const NOW = '2026-03-06T03:30:00Z' // Thursday 2026-03-05, 21:30 in Chicago
const say = (text: string, expecting: Expectation = null) => understand(text, contextAt(NOW, expecting))

describe('corrections carry only the corrected slot', () => {
  it.each([
    ['actually make it Thursday', { date: '2026-03-12' }],
    ['no, I meant 3pm', { time: '15:00' }],
    ['change that to 4', { time: '16:00' }],
    ['I said Tuesday but I meant Wednesday', { date: '2026-03-11' }],
    ['sorry, the 14th', { date: '2026-03-14' }],
    ['can we do Friday instead?', { date: '2026-03-06' }],
    ['Wednesday, not Tuesday', { date: '2026-03-11' }],
    ['actually make it a tire rotation', { serviceType: 'Tire Rotation' }],
    ['scratch that, my number is 217 555 0188', { customerPhone: '+12175550188' }],
    ['no wait, I meant the RAV4 Prime', { vehicleInterest: 'Toyota RAV4 Prime' }],
  ])('%s', (text, slots) => {
    const u = say(text, 'confirmation')
    expect(u.isCorrection).toBe(true)
    expect(u.slots).toEqual(expect.objectContaining(slots))
    // Derived slots (the stock id of a vehicle, the kind of appointment) may come along.
    const derived = ['appointmentType', 'inventoryVehicleId']
    expect(Object.keys(u.slots).filter((k) => !derived.includes(k))).toEqual(Object.keys(slots))
  })

  it('is not a correction without a new value', () => {
    expect(say('actually, I want to cancel').isCorrection).toBe(false)
    expect(say('no').isCorrection).toBe(false)
    expect(say('I need an oil change tomorrow').isCorrection).toBe(false)
    // An opening "actually" that leads into a new request is not a correction of a detail.
    const u = say('Actually, I need an oil change tomorrow')
    expect(u.isCorrection).toBe(false)
    expect(u.slots).toMatchObject({ serviceType: 'Oil Change', date: '2026-03-06' })
  })
})

describe('yes and no', () => {
  it.each([
    'yes',
    'Yes please',
    'yeah that works',
    'sounds good',
    'perfect, thanks',
    'sure, go ahead',
    'OK',
    'that works for me',
    'uh huh',
  ])('%s -> yes', (text) => {
    const u = say(text, 'confirmation')
    expect(u.affirmation).toBe('yes')
    expect(u.intent).toBe('general')
  })

  it.each([
    'no',
    'nope',
    'no thank you',
    "that doesn't work",
    "well that won't work for me",
    'not really',
    'nah',
  ])('%s -> no', (text) => {
    expect(say(text, 'confirmation').affirmation).toBe('no')
  })

  it('"no" is an answer, never a cancellation', () => {
    for (const expecting of [null, 'confirmation', 'date'] as const) {
      const u = say('no', expecting)
      expect(u.intent).not.toBe('cancel')
      expect(u.affirmation).toBe('no')
    }
  })

  it('an "okay" that only opens a sentence is not a yes', () => {
    expect(say('okay so I need to get my oil changed').affirmation).toBeUndefined()
    expect(say('I need an oil change').affirmation).toBeUndefined()
    expect(say('I have no idea').affirmation).toBeUndefined()
  })
})

describe('asking for a person', () => {
  it.each([
    'I want to speak to someone',
    'can I talk to a human',
    'get me a manager',
    'REPRESENTATIVE',
    'transfer me please',
    'is there a real person I can talk to?',
    'let me speak with the service manager',
    'Is Priya available?',
  ])('%s', (text) => {
    const u = say(text)
    expect(u.wantsHuman).toBe(true)
    expect(u.intent).toBe('escalation')
  })

  it.each([
    'I need someone to look at my brakes',
    "no, I don't need to talk to anyone",
    'Maria helped me last time',
    'who is the manager of the service department?',
  ])('not in "%s"', (text) => {
    expect(say(text).wantsHuman).toBe(false)
  })
})

describe('frustration', () => {
  it('is zero for calm speech', () => {
    expect(say('I need an oil change tomorrow').frustration).toBe(0)
    expect(say('Thanks so much!').frustration).toBe(0)
  })

  it('rises with angry words, shouting and punctuation', () => {
    const mild = say('this is getting annoying').frustration
    const angry = say("this is ridiculous, you're not listening!!!").frustration
    const shouting = say('I ALREADY TOLD YOU THIS IS RIDICULOUS!!!').frustration
    expect(mild).toBeGreaterThan(0.2)
    expect(angry).toBeGreaterThan(mild)
    expect(shouting).toBeGreaterThanOrEqual(angry)
    expect(shouting).toBeLessThanOrEqual(1)
  })
})

describe('negatives', () => {
  it('owning a car is not wanting a test drive', () => {
    for (const text of ['I have a Toyota', 'I drive a Honda Civic', 'my RAV4 is a 2019']) {
      const u = say(text)
      expect(u.intent, text).not.toBe('book_test_drive')
      expect(u.slots.appointmentType, text).toBeUndefined()
    }
  })

  it('a question about a service is not a booking', () => {
    const u = say('How much do you charge for an oil change?')
    expect(u.intent).toBe('faq')
    expect(u.slots.appointmentType).toBeUndefined()
  })

  it('"good morning" is a greeting, not a time of day', () => {
    const u = say('Good morning!')
    expect(u.intent).toBe('greeting')
    expect(u.slots).toEqual({})
  })

  it('small talk and noise get a low-confidence general', () => {
    for (const text of ['hmm', 'the weather is nice', 'uh']) {
      const u = say(text)
      expect(u.intent, text).toBe('general')
      expect(u.confidence, text).toBeLessThan(0.3)
    }
  })

  it('copes with empty and very long input', () => {
    expect(say('').intent).toBe('general')
    const long = `${'I need an oil change. '.repeat(300)}`
    expect(say(long).intent).toBe('book_service')
  })
})
