import { describe, expect, it } from 'vitest'
import { formatDay, formatTime, shortId } from './format'

describe('format', () => {
  it('writes dealership times for people', () => {
    expect(formatTime('09:00')).toBe('9:00 AM')
    expect(formatTime('14:30')).toBe('2:30 PM')
    expect(formatTime('00:15')).toBe('12:15 AM')
    expect(formatTime('nonsense')).toBe('nonsense')
  })
  it('keeps the dealership day whatever the viewer time zone', () => {
    expect(formatDay('2026-12-03')).toMatch(/Dec 3/)
  })
  it('shortens call ids', () => {
    expect(shortId('call-1a2b3c4d-aaaa-bbbb')).toBe('1a2b3c4d')
  })
})
