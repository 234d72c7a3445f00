import { describe, expect, it } from 'vitest'
import { checkVin, findVin, sayCorrections, vinCheckDigit } from './vin'

const ACCORD = '1HGCM82633A004352'

describe('findVin', () => {
  it('finds a typed VIN, in any case and in groups', () => {
    expect(findVin(`my VIN is ${ACCORD}`)).toEqual({ vin: ACCORD, corrections: [] })
    expect(findVin('vin: 1hgcm82633a004352, thanks')?.vin).toBe(ACCORD)
    expect(findVin('1HG CM826 33A 004352')?.vin).toBe(ACCORD)
    expect(findVin('1HG-CM826-33A-004352')?.vin).toBe(ACCORD)
    expect(findVin(`VIN ${ACCORD}`)?.vin).toBe(ACCORD)
  })

  it('reads a spoken VIN: digit words and single letters', () => {
    const spoken = 'one H G C M eight two six three three A zero zero four three five two'
    expect(findVin(`it's ${spoken}`)?.vin).toBe(ACCORD)
    expect(findVin('one h g c m eight two six double three a double zero four three five two')?.vin).toBe(
      ACCORD,
    )
  })

  it('reads the phonetic alphabet', () => {
    const spelled =
      'one hotel golf charlie mike eight two six three three alpha zero zero four three five two'
    expect(findVin(spelled)?.vin).toBe(ACCORD)
    expect(findVin('one Hotel Golf Charlie Mike 82633 Alfa 004352')?.vin).toBe(ACCORD)
  })

  it('reads I, O and Q as 1, 0, 0 and says so', () => {
    const found = findVin('1HGCM82633AOO4352')!
    expect(found.vin).toBe(ACCORD)
    expect(found.corrections).toEqual([
      { position: 12, heard: 'O', readAs: '0' },
      { position: 13, heard: 'O', readAs: '0' },
    ])
    expect(sayCorrections(found.corrections)).toBe(
      'A VIN never has I, O or Q, so I took O at position 12 as zero, O at position 13 as zero.',
    )
    expect(
      findVin('one hotel golf charlie mike eight two six three three alpha oscar zero four three five two')
        ?.corrections,
    ).toHaveLength(1)
  })

  it('ignores phone numbers, times and ordinary sentences', () => {
    expect(findVin('call me at 217-555-0101 tomorrow at 3pm')).toBeNull()
    expect(findVin('I need an oil change for my Accord')).toBeNull()
    expect(findVin('yes')).toBeNull()
    expect(findVin('my number is 1 217 555 0101')).toBeNull()
    expect(findVin('one two one seven five five five zero one zero one')).toBeNull()
  })

  it('drops a leading article or a trailing pronoun from an over-long run', () => {
    expect(findVin(`a ${ACCORD}`)?.vin).toBe(ACCORD)
  })
})

describe('checkVin', () => {
  it('accepts a valid VIN', () => {
    expect(checkVin(ACCORD)).toEqual({ ok: true, vin: ACCORD, checkDigit: 'valid' })
    expect(vinCheckDigit(ACCORD)).toBe('3')
  })

  it('names the reason: length, character, check digit', () => {
    expect(checkVin('1HGCM82633A00435')).toMatchObject({ ok: false, reason: 'length', length: 16 })
    expect(checkVin('1HGCM82633A0O4352')).toMatchObject({
      ok: false,
      reason: 'character',
      position: 13,
      character: 'O',
    })
    expect(checkVin('1HGCM82633A004353')).toMatchObject({
      ok: false,
      reason: 'check_digit',
      expected: '5',
      actual: '3',
    })
  })

  it('only reports the check digit of VINs made outside North America', () => {
    expect(checkVin('WBA3A5C51CF256651')).toEqual({
      ok: true,
      vin: 'WBA3A5C51CF256651',
      checkDigit: 'not_used',
    })
  })
})
