import { describe, expect, it } from 'vitest'
import { formatBytes, formatDay, formatDuration, formatPhone, formatTime, shortId } from './format'

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
  it('writes phone numbers, lengths and sizes for people', () => {
    expect(formatPhone('+12175550101')).toBe('(217) 555-0101')
    expect(formatPhone('+442071838750')).toBe('+442071838750')
    expect(formatDuration(65.4)).toBe('1:05')
    expect(formatDuration(9)).toBe('0:09')
    expect(formatBytes(900)).toBe('900 B')
    expect(formatBytes(123_456)).toBe('121 kB')
    expect(formatBytes(5_000_000)).toBe('4.8 MB')
  })
})
