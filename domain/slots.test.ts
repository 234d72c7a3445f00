import { describe, expect, it } from 'vitest'
import { computeSlots, unitKey, unitsOf } from './slots'

const hours = { opensAt: '08:00', closesAt: '10:00' }

describe('computeSlots', () => {
  it('offers starts every 30 minutes that end by closing time', () => {
    const slots = computeSlots({ hours, durationMinutes: 60, resourceIds: [1], occupied: new Set() })
    expect(slots.map((s) => s.time)).toEqual(['08:00', '08:30', '09:00'])
  })

  it('needs one resource free for every unit of the appointment', () => {
    const occupied = new Set([unitKey(1, '08:30'), unitKey(2, '09:00')])
    const slots = computeSlots({ hours, durationMinutes: 60, resourceIds: [1, 2], occupied })
    expect(slots).toEqual([
      { time: '08:00', available: true, freeResourceIds: [2] },
      { time: '08:30', available: false, freeResourceIds: [] },
      { time: '09:00', available: true, freeResourceIds: [1] },
    ])
  })

  it('has nothing on a closed day and nothing in the past', () => {
    expect(computeSlots({ hours: null, durationMinutes: 30, resourceIds: [1], occupied: new Set() })).toEqual(
      [],
    )
    const today = computeSlots({
      hours,
      durationMinutes: 30,
      resourceIds: [1],
      occupied: new Set(),
      notBefore: '09:10',
    })
    expect(today.filter((s) => s.available).map((s) => s.time)).toEqual(['09:30'])
  })

  it('rounds an appointment up to whole units', () => {
    expect(unitsOf('10:30', 45)).toEqual(['10:30', '11:00'])
  })
})
