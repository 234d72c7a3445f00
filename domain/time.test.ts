import { describe, expect, it } from 'vitest'
import { addDays, isLocalDate, isLocalTime, localDateTime, weekdayOf } from './time'

describe('local dates and times', () => {
  it('accepts only real calendar dates', () => {
    expect(isLocalDate('2028-02-29')).toBe(true)
    expect(isLocalDate('2026-02-29')).toBe(false)
    expect(isLocalDate('2026-13-01')).toBe(false)
    expect(isLocalDate('2026-1-01')).toBe(false)
    expect(isLocalTime('23:59')).toBe(true)
    expect(isLocalTime('24:00')).toBe(false)
  })

  it('knows weekdays and adds days across months', () => {
    expect(weekdayOf('2026-11-22')).toBe(0)
    expect(weekdayOf('2026-11-21')).toBe(6)
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
  })

  it('reads an instant in the dealership time zone, across daylight saving', () => {
    expect(localDateTime(new Date('2026-07-01T03:30:00Z'), 'America/Chicago')).toEqual({
      date: '2026-06-30',
      time: '22:30',
    })
    expect(localDateTime(new Date('2026-12-01T03:30:00Z'), 'America/Chicago')).toEqual({
      date: '2026-11-30',
      time: '21:30',
    })
  })
})
