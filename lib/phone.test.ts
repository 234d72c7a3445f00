import { describe, expect, it } from 'vitest'
import { normalizePhone } from './phone'

describe('normalizePhone', () => {
  it('turns common US notations into E.164', () => {
    for (const raw of ['(217) 555-0142', '217.555.0142', '+1 217 555 0142', '2175550142', '1-217-555-0142']) {
      expect(normalizePhone(raw), raw).toBe('+12175550142')
    }
    expect(normalizePhone('+44 20 7946 0958')).toBe('+442079460958')
  })

  it('rejects what is not a phone number', () => {
    for (const raw of ['555-0100', 'abc', '', '12']) expect(normalizePhone(raw), raw).toBeNull()
  })
})
