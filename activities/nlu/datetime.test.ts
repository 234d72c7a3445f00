/**
 * Dates and times in the dealership's zone, relative to a fixed `now`. Most `now`s sit late in the
 * Chicago evening, when UTC is already on the next day, so a date computed in UTC (or in the test
 * machine's zone) is a day off; others straddle the DST changes, where converting chrono's instant with
 * the offset of `now` would be an hour off.
 */
import { describe, expect, it } from 'vitest'
import { understand } from './index'
import { contextAt } from './test-catalog'
import type { NluContext, UnderstandingSlots } from './types'

type When = Pick<UnderstandingSlots, 'date' | 'time' | 'timeOfDay'>

function when(text: string, ctx: NluContext): When {
  const { date, time, timeOfDay } = understand(text, ctx).slots
  return Object.fromEntries(Object.entries({ date, time, timeOfDay }).filter(([, v]) => v !== undefined))
}

describe('Thursday 2026-03-05, 21:30 in Chicago (Friday 03:30 UTC)', () => {
  const ctx = contextAt('2026-03-06T03:30:00Z')
  it.each<[string, When]>([
    ['today', { date: '2026-03-05' }],
    ['tomorrow', { date: '2026-03-06' }],
    ['tomorrow morning', { date: '2026-03-06', timeOfDay: 'morning' }],
    ['tomorrow afternoon at 3', { date: '2026-03-06', time: '15:00', timeOfDay: 'afternoon' }],
    ['Friday', { date: '2026-03-06' }],
    ['this weekend', { date: '2026-03-07' }],
    ['Saturday at 10', { date: '2026-03-07', time: '10:00' }],
    ['next Tuesday at 2:30', { date: '2026-03-10', time: '14:30' }],
    ['Tues at 3', { date: '2026-03-10', time: '15:00' }],
    // Thursday is today, but the working day is over.
    ['Thursday', { date: '2026-03-12' }],
    ['the 14th', { date: '2026-03-14' }],
    ['on the 3rd', { date: '2026-04-03' }],
    ['March 20th at 11am', { date: '2026-03-20', time: '11:00' }],
    ['day after tomorrow at noon', { date: '2026-03-07', time: '12:00' }],
    ['in 3 days', { date: '2026-03-08' }],
    ['tmrw at 9', { date: '2026-03-06', time: '09:00' }],
  ])('%s', (text, expected) => {
    expect(when(text, ctx)).toEqual(expected)
  })
})

describe('times without a date', () => {
  const ctx = contextAt('2026-03-06T03:30:00Z')
  it.each<[string, When]>([
    ['noon', { time: '12:00' }],
    ['at 9', { time: '09:00' }],
    ['3pm', { time: '15:00' }],
    // At a dealership 1-6 without am/pm is the afternoon; 7-11 the morning.
    ['at 2', { time: '14:00' }],
    ['at 4:45', { time: '16:45' }],
    ['at 7', { time: '07:00' }],
    ['8 in the morning', { time: '08:00', timeOfDay: 'morning' }],
    ['around 10', { time: '10:00' }],
    ['10ish', { time: '10:00' }],
    ['half past two', { time: '14:30' }],
    ['quarter to 11', { time: '10:45' }],
    ['two thirty', { time: '14:30' }],
    ['in the afternoon', { timeOfDay: 'afternoon' }],
    ['after work', { timeOfDay: 'evening' }],
  ])('%s', (text, expected) => {
    expect(when(text, ctx)).toEqual(expected)
  })

  it('reads a bare number as a time only when a time was asked for', () => {
    expect(when('2', contextAt('2026-03-06T03:30:00Z', 'time'))).toEqual({ time: '14:00' })
    expect(when('9:30', contextAt('2026-03-06T03:30:00Z', 'slot_choice'))).toEqual({ time: '09:30' })
    expect(when('2', ctx)).toEqual({})
  })

  it('reads a bare day of the month when a date was asked for', () => {
    expect(when('the 2nd', contextAt('2026-03-06T03:30:00Z', 'date'))).toEqual({ date: '2026-04-02' })
    expect(when('14', contextAt('2026-03-06T03:30:00Z', 'date'))).toEqual({ date: '2026-03-14' })
  })
})

describe('Monday 2026-06-01, 08:00 in Chicago (daylight time)', () => {
  const ctx = contextAt('2026-06-01T13:00:00Z')
  it.each<[string, When]>([
    // Said on a Monday morning, "Monday" is today.
    ['Monday', { date: '2026-06-01' }],
    ['Friday at 11am', { date: '2026-06-05', time: '11:00' }],
    ['the 1st', { date: '2026-06-01' }],
    // June has no 31st: the next month that has one.
    ['the 31st', { date: '2026-07-31' }],
    ['this afternoon', { date: '2026-06-01', timeOfDay: 'afternoon' }],
  ])('%s', (text, expected) => {
    expect(when(text, ctx)).toEqual(expected)
  })
})

describe('across the DST changes', () => {
  it('Saturday night before spring-forward (2026-03-08): wall-clock times stay as said', () => {
    const ctx = contextAt('2026-03-08T04:30:00Z') // Sat 2026-03-07 22:30 CST
    expect(when('tomorrow at 9', ctx)).toEqual({ date: '2026-03-08', time: '09:00' })
    expect(when('Monday at 10am', ctx)).toEqual({ date: '2026-03-09', time: '10:00' })
    expect(when('Sunday', ctx)).toEqual({ date: '2026-03-08' })
  })

  it('Saturday night before fall-back (2026-11-01)', () => {
    const ctx = contextAt('2026-11-01T04:00:00Z') // Sat 2026-10-31 23:00 CDT
    expect(when('tomorrow at 3', ctx)).toEqual({ date: '2026-11-01', time: '15:00' })
    expect(when('Monday at 9', ctx)).toEqual({ date: '2026-11-02', time: '09:00' })
  })

  it('across the year end', () => {
    const ctx = contextAt('2026-12-31T02:00:00Z') // Wed 2026-12-30 20:00 CST
    expect(when('Friday', ctx)).toEqual({ date: '2027-01-01' })
    expect(when('Jan 2nd', ctx)).toEqual({ date: '2027-01-02' })
    expect(when('the 5th', ctx)).toEqual({ date: '2027-01-05' })
  })
})

describe('the time zone comes from the context', () => {
  it('"tomorrow" differs between Los Angeles and Chicago at the same instant', () => {
    const instant = '2026-03-06T07:30:00Z' // 23:30 in Los Angeles, 01:30 the next day in Chicago
    const la: NluContext = { ...contextAt(instant), timeZone: 'America/Los_Angeles' }
    expect(when('tomorrow', la)).toEqual({ date: '2026-03-06' })
    expect(when('tomorrow', contextAt(instant))).toEqual({ date: '2026-03-07' })
  })
})

describe('what is not a date or a time', () => {
  const ctx = contextAt('2026-03-06T03:30:00Z')
  it.each([
    'I want a second opinion',
    'I need it right now',
    'is the warranty good for 5 years?',
    'can I finance it over 72 months',
    'my 2019 Camry',
    'the Silverado 1500',
    'can I drive the Model 3',
    'call me at 217 555 0123',
    'good evening',
    'yesterday my brakes started squeaking',
  ])('%s', (text) => {
    expect(when(text, ctx)).toEqual({})
  })

  it('"next week" is left for the agent to narrow down rather than guessed', () => {
    expect(when('sometime next week', ctx)).toEqual({})
  })

  it('a ruled-out day is not the answer', () => {
    expect(when('not Tuesday, Wednesday', ctx)).toEqual({ date: '2026-03-11' })
    expect(when('Wednesday, not Tuesday', ctx)).toEqual({ date: '2026-03-11' })
  })
})
