import { describe, expect, it } from 'vitest'
import { BUSINESS_HOURS, DEALERSHIP } from '../db/seed/dealership'
import { isOpenAt, nextCallbackTime, zonedTimeToInstant, type WeeklyHours } from './business-hours'
import { localDateTime } from './time'

const CHICAGO = DEALERSHIP.timeZone

// The seed's sales hours, so the tests break if the demo dealership's hours change under them.
const SALES: WeeklyHours = Object.fromEntries(
  BUSINESS_HOURS.filter((row) => row.department === 'sales').map((row) => [
    row.weekday,
    { opensAt: row.opensAt, closesAt: row.closesAt },
  ]),
)

/** Calls back from the seed's sales department, Chicago time. */
function callback(now: string, requested?: { date: string; time: string }) {
  const result = nextCallbackTime({ now: new Date(now), hours: SALES, timeZone: CHICAGO, requested })
  return { date: result.date, time: result.time, instant: result.instant.toISOString(), why: result.why }
}

// 2026-06-10 is a Wednesday, 2026-06-13 a Saturday, 2026-06-14 a Sunday; Chicago is on CDT (UTC-5).
describe('nextCallbackTime', () => {
  it('reads the sales hours from the seed: weekdays 9 to 8, Saturday 9 to 6, Sunday closed', () => {
    expect(SALES).toEqual({
      1: { opensAt: '09:00', closesAt: '20:00' },
      2: { opensAt: '09:00', closesAt: '20:00' },
      3: { opensAt: '09:00', closesAt: '20:00' },
      4: { opensAt: '09:00', closesAt: '20:00' },
      5: { opensAt: '09:00', closesAt: '20:00' },
      6: { opensAt: '09:00', closesAt: '18:00' },
    })
  })

  it('calls back soon on a weekday afternoon, now + 15 minutes rounded up to 5', () => {
    expect(callback('2026-06-10T19:03:20Z')).toEqual({
      date: '2026-06-10',
      time: '14:20',
      instant: '2026-06-10T19:20:00.000Z',
      why: 'soon',
    })
    // Already on a 5-minute mark: nothing to round.
    expect(callback('2026-06-10T19:05:00Z')).toMatchObject({ time: '14:20', why: 'soon' })
  })

  it('waits for the next morning when too little of the day is left', () => {
    const nextMorning = {
      date: '2026-06-11',
      time: '09:00',
      instant: '2026-06-11T14:00:00.000Z',
      why: 'next_opening',
    }
    expect(callback('2026-06-11T00:50:00Z')).toEqual(nextMorning) // 19:50
    // 19:45 leaves exactly 15 minutes, but a call at closing time reaches nobody.
    expect(callback('2026-06-11T00:45:00Z')).toEqual(nextMorning)
    // 19:41 + 15 rounds up to 20:00 too; 19:40 + 15 is the last call of the day.
    expect(callback('2026-06-11T00:41:00Z')).toEqual(nextMorning)
    expect(callback('2026-06-11T00:40:00Z')).toMatchObject({ date: '2026-06-10', time: '19:55', why: 'soon' })
  })

  it('calls at opening time on the same day before the dealership opens', () => {
    expect(callback('2026-06-10T12:30:00Z')).toEqual({
      date: '2026-06-10',
      time: '09:00',
      instant: '2026-06-10T14:00:00.000Z',
      why: 'next_opening',
    })
  })

  it('skips Sunday: Saturday 17:50 and any time on Sunday move to Monday 09:00', () => {
    const monday = {
      date: '2026-06-15',
      time: '09:00',
      instant: '2026-06-15T14:00:00.000Z',
      why: 'next_opening',
    }
    expect(callback('2026-06-13T22:50:00Z')).toEqual(monday)
    expect(callback('2026-06-14T17:00:00Z')).toEqual(monday)
    expect(callback('2026-06-14T05:00:00Z')).toEqual(monday) // just after midnight, Sunday
  })

  it('keeps a requested time inside opening hours', () => {
    expect(callback('2026-06-10T19:03:00Z', { date: '2026-06-11', time: '15:00' })).toEqual({
      date: '2026-06-11',
      time: '15:00',
      instant: '2026-06-11T20:00:00.000Z',
      why: 'requested',
    })
  })

  it('moves a requested time outside opening hours to the next opening at or after it', () => {
    const now = '2026-06-10T19:03:00Z'
    expect(callback(now, { date: '2026-06-14', time: '10:00' })).toEqual({
      date: '2026-06-15',
      time: '09:00',
      instant: '2026-06-15T14:00:00.000Z',
      why: 'next_opening',
    })
    expect(callback(now, { date: '2026-06-10', time: '21:30' })).toEqual({
      date: '2026-06-11',
      time: '09:00',
      instant: '2026-06-11T14:00:00.000Z',
      why: 'next_opening',
    })
    expect(callback(now, { date: '2026-06-11', time: '07:00' })).toMatchObject({
      date: '2026-06-11',
      time: '09:00',
      why: 'next_opening',
    })
  })

  it('treats a requested time in the past like no request', () => {
    const now = '2026-06-10T19:03:20Z'
    expect(callback(now, { date: '2026-06-10', time: '11:00' })).toEqual(callback(now))
    expect(callback(now, { date: '2026-06-09', time: '15:00' })).toMatchObject({ time: '14:20', why: 'soon' })
    // Past and closed now: the next opening, not the request.
    expect(callback('2026-06-14T17:00:00Z', { date: '2026-06-13', time: '10:00' })).toMatchObject({
      date: '2026-06-15',
      time: '09:00',
      why: 'next_opening',
    })
  })

  it('throws when the week has no opening hours at all', () => {
    const closed = { now: new Date('2026-06-10T19:00:00Z'), timeZone: CHICAGO }
    expect(() => nextCallbackTime({ ...closed, hours: {} })).toThrow(RangeError)
    expect(() =>
      nextCallbackTime({ ...closed, hours: { 1: { opensAt: '10:00', closesAt: '10:00' } } }),
    ).toThrow(RangeError)
  })

  it('honours a custom lead time', () => {
    expect(
      nextCallbackTime({
        now: new Date('2026-06-10T19:03:00Z'),
        hours: SALES,
        timeZone: CHICAGO,
        leadMinutes: 60,
      }),
    ).toMatchObject({ time: '15:05', why: 'soon' })
  })
})

describe('DST in Chicago', () => {
  it('springs forward on 2026-03-08: CST (UTC-6) before, CDT (UTC-5) after', () => {
    const at = (date: string, time: string) => zonedTimeToInstant(date, time, CHICAGO).toISOString()
    expect(at('2026-03-07', '09:00')).toBe('2026-03-07T15:00:00.000Z')
    expect(at('2026-03-08', '01:59')).toBe('2026-03-08T07:59:00.000Z')
    // 02:00-02:59 never happens that night: they give the instant the gap ends, 03:00 CDT.
    expect(at('2026-03-08', '02:00')).toBe('2026-03-08T08:00:00.000Z')
    expect(at('2026-03-08', '02:30')).toBe('2026-03-08T08:00:00.000Z')
    expect(at('2026-03-08', '03:00')).toBe('2026-03-08T08:00:00.000Z')
    expect(at('2026-03-08', '09:00')).toBe('2026-03-08T14:00:00.000Z')
    expect(at('2026-03-09', '09:00')).toBe('2026-03-09T14:00:00.000Z')
  })

  it('falls back on 2026-11-01: an ambiguous time is its first occurrence', () => {
    const at = (date: string, time: string) => zonedTimeToInstant(date, time, CHICAGO).toISOString()
    expect(at('2026-10-31', '09:00')).toBe('2026-10-31T14:00:00.000Z')
    expect(at('2026-11-01', '00:59')).toBe('2026-11-01T05:59:00.000Z')
    // 01:00-01:59 happens twice: first in CDT (UTC-5), then again in CST (UTC-6).
    expect(at('2026-11-01', '01:00')).toBe('2026-11-01T06:00:00.000Z')
    expect(at('2026-11-01', '01:30')).toBe('2026-11-01T06:30:00.000Z')
    expect(at('2026-11-01', '02:00')).toBe('2026-11-01T08:00:00.000Z')
    expect(at('2026-11-02', '09:00')).toBe('2026-11-02T15:00:00.000Z')
  })

  it('calls back at the right instant across both weekends', () => {
    // Saturday evening and Sunday morning before the change; Monday 09:00 is already CDT.
    const springMonday = {
      date: '2026-03-09',
      time: '09:00',
      instant: '2026-03-09T14:00:00.000Z',
      why: 'next_opening',
    }
    expect(callback('2026-03-08T01:00:00Z')).toEqual(springMonday) // Saturday 19:00 CST
    expect(callback('2026-03-08T07:30:00Z')).toEqual(springMonday) // Sunday 01:30 CST
    expect(callback('2026-03-08T07:30:00Z', { date: '2026-03-08', time: '02:30' })).toEqual(springMonday)
    // Saturday evening in CDT; Monday 09:00 is CST.
    const fallMonday = {
      date: '2026-11-02',
      time: '09:00',
      instant: '2026-11-02T15:00:00.000Z',
      why: 'next_opening',
    }
    expect(callback('2026-10-31T23:00:00Z')).toEqual(fallMonday) // Saturday 18:00 CDT
    expect(callback('2026-11-01T06:30:00Z', { date: '2026-11-01', time: '01:30' })).toEqual(fallMonday)
    expect(callback('2026-10-31T15:02:00Z')).toMatchObject({ time: '10:20', why: 'soon' })
  })

  it('counts the lead time in real minutes, not wall-clock ones, when the clock changes', () => {
    const allDay: WeeklyHours = { 0: { opensAt: '00:00', closesAt: '23:59' } }
    const soon = (now: string) => nextCallbackTime({ now: new Date(now), hours: allDay, timeZone: CHICAGO })
    // 01:50 CST + 15 minutes is 03:05 CDT.
    expect(soon('2026-03-08T07:50:00Z')).toMatchObject({
      date: '2026-03-08',
      time: '03:05',
      why: 'soon',
    })
    expect(soon('2026-03-08T07:50:00Z').instant.toISOString()).toBe('2026-03-08T08:05:00.000Z')
    // 01:50 CDT + 15 minutes is 01:05 CST.
    expect(soon('2026-11-01T06:50:00Z')).toMatchObject({ date: '2026-11-01', time: '01:05', why: 'soon' })
    expect(soon('2026-11-01T06:50:00Z').instant.toISOString()).toBe('2026-11-01T07:05:00.000Z')
  })
})

describe('zonedTimeToInstant', () => {
  const zones = [
    CHICAGO,
    'Europe/Berlin',
    'Australia/Lord_Howe', // a 30-minute DST change
    'America/St_Johns', // a half-hour offset
    'Asia/Kathmandu', // a quarter-hour offset
    'Pacific/Chatham',
    'UTC',
  ]
  const STEP_MINUTES = 97 // not a divisor of an hour or a day, so it visits every minute of the hour

  it.each(zones)('round-trips with localDateTime for instants across a year in %s', (zone) => {
    const start = Date.UTC(2026, 0, 1)
    const end = Date.UTC(2027, 0, 1)
    let repeated = 0
    for (let ms = start; ms < end; ms += STEP_MINUTES * 60_000) {
      const local = localDateTime(new Date(ms), zone)
      const back = zonedTimeToInstant(local.date, local.time, zone)
      expect(localDateTime(back, zone)).toEqual(local)
      if (back.getTime() !== ms) {
        // Only the second occurrence of a fall-back wall time maps to another instant: the first, earlier.
        expect(back.getTime()).toBeLessThan(ms)
        expect(ms - back.getTime()).toBeLessThanOrEqual(60 * 60_000)
        repeated++
      }
    }
    // A zone with DST repeats one hour (Lord Howe half an hour) a year; at most ~2 samples land in it.
    expect(repeated).toBeLessThanOrEqual(2)
  })

  it('maps every wall time of the Chicago DST days back to itself, except those in the gap', () => {
    for (const date of ['2026-03-08', '2026-11-01']) {
      for (let minutes = 0; minutes < 24 * 60; minutes++) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`
        const local = localDateTime(zonedTimeToInstant(date, time, CHICAGO), CHICAGO)
        const inGap = date === '2026-03-08' && time >= '02:00' && time < '03:00'
        expect(local).toEqual({ date, time: inGap ? '03:00' : time })
      }
    }
  })

  it('rejects malformed dates and times', () => {
    expect(() => zonedTimeToInstant('2026-02-30', '09:00', CHICAGO)).toThrow(RangeError)
    expect(() => zonedTimeToInstant('2026-03-01', '24:00', CHICAGO)).toThrow(RangeError)
  })
})

describe('isOpenAt', () => {
  it('is open from opening time until closing time, less the lead time', () => {
    const open = (iso: string, lead?: number) => isOpenAt(new Date(iso), SALES, CHICAGO, lead)
    expect(open('2026-06-10T13:59:00Z')).toBe(false) // 08:59
    expect(open('2026-06-10T14:00:00Z')).toBe(true) // 09:00
    expect(open('2026-06-11T00:59:00Z')).toBe(true) // 19:59
    expect(open('2026-06-11T01:00:00Z')).toBe(false) // 20:00
    expect(open('2026-06-11T00:45:00Z', 15)).toBe(true) // 19:45, 15 minutes left
    expect(open('2026-06-11T00:46:00Z', 15)).toBe(false)
    expect(open('2026-06-14T17:00:00Z')).toBe(false) // Sunday
  })
})

describe('the process time zone', () => {
  // Local-time Date methods follow TZ; results must not, or a server in UTC and a laptop in Chicago
  // would schedule different callbacks.
  function battery() {
    return [
      callback('2026-06-10T19:03:20Z'),
      callback('2026-06-13T22:50:00Z'),
      callback('2026-03-08T07:30:00Z'),
      callback('2026-10-31T23:00:00Z'),
      callback('2026-06-10T19:03:00Z', { date: '2026-06-10', time: '21:30' }),
      zonedTimeToInstant('2026-03-08', '02:30', CHICAGO).toISOString(),
      zonedTimeToInstant('2026-11-01', '01:30', CHICAGO).toISOString(),
      isOpenAt(new Date('2026-06-11T00:59:00Z'), SALES, CHICAGO),
    ]
  }

  it('does not change any result', () => {
    const expected = battery()
    // eslint-disable-next-line no-restricted-globals -- the test, not domain code, sets TZ to prove it is ignored
    const env = process.env
    const original = env.TZ
    try {
      for (const [tz, offset] of [
        ['Pacific/Kiritimati', -14 * 60],
        ['Pacific/Pago_Pago', 11 * 60],
        ['Asia/Kolkata', -330],
        ['America/Chicago', 300],
      ] as const) {
        env.TZ = tz
        // Proves the switch took effect (Node re-reads TZ on assignment), so the comparison means something.
        expect(new Date('2026-06-10T12:00:00Z').getTimezoneOffset()).toBe(offset)
        expect(battery()).toEqual(expected)
      }
    } finally {
      if (original === undefined) delete env.TZ
      else env.TZ = original
    }
  })
})
