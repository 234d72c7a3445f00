/**
 * Vehicle identification numbers: finding one in what a caller typed or said, and checking it.
 *
 * A caller types it ("1HGCM82633A004352", "1hg cm826 33a 004352"), says it ("one H G C M eight two
 * six three three A ..."), or spells it with the phonetic alphabet ("hotel golf charlie"). A VIN never
 * holds I, O or Q (ISO 3779), so those are read as the digits they are mistaken for, and the caller is
 * told. Pure and isomorphic: the crew, the API and the dashboard use the same rules.
 *
 * Hand-written: the npm VIN packages check a finished 17-character string; none reads a spoken one.
 */

export const VIN_LENGTH = 17

/** Characters a VIN may hold: digits and A-Z without I, O, Q. */
const VIN_CHAR = /^[A-HJ-NPR-Z0-9]$/

const DIGIT_WORDS: Record<string, string> = {
  zero: '0',
  oh: '0',
  one: '1',
  two: '2',
  three: '3',
  four: '4',
  five: '5',
  six: '6',
  seven: '7',
  eight: '8',
  nine: '9',
  niner: '9',
}

/** The ICAO/NATO spelling alphabet, with the spellings people use for Alfa and Juliett. */
const PHONETIC: Record<string, string> = {
  alpha: 'A',
  alfa: 'A',
  bravo: 'B',
  charlie: 'C',
  delta: 'D',
  echo: 'E',
  foxtrot: 'F',
  golf: 'G',
  hotel: 'H',
  india: 'I',
  juliet: 'J',
  juliett: 'J',
  kilo: 'K',
  lima: 'L',
  mike: 'M',
  november: 'N',
  oscar: 'O',
  papa: 'P',
  quebec: 'Q',
  romeo: 'R',
  sierra: 'S',
  tango: 'T',
  uniform: 'U',
  victor: 'V',
  whiskey: 'W',
  whisky: 'W',
  xray: 'X',
  'x-ray': 'X',
  yankee: 'Y',
  zulu: 'Z',
}

/** Letter names a speech engine may write as words ("bee", "dee"); not the ones that are common words. */
const LETTER_NAMES: Record<string, string> = {
  bee: 'B',
  dee: 'D',
  ef: 'F',
  eff: 'F',
  gee: 'G',
  jay: 'J',
  kay: 'K',
  el: 'L',
  em: 'M',
  en: 'N',
  pee: 'P',
  ar: 'R',
  es: 'S',
  ess: 'S',
  tee: 'T',
  vee: 'V',
  ex: 'X',
  zee: 'Z',
  zed: 'Z',
}

/** Words typed in capitals next to a VIN that are not part of it. */
const NOT_VIN_WORDS = new Set(['VIN', 'VINS', 'IS', 'MY', 'THE', 'CAR', 'NUMBER', 'OK'])

/** What a VIN never holds, and the digit the caller most likely meant. */
const MISHEARD: Record<string, string> = { I: '1', O: '0', Q: '0' }

export interface VinCorrection {
  /** 1-based position in the VIN. */
  position: number
  heard: string
  readAs: string
}

export interface VinCandidate {
  /** Upper case, I/O/Q already read as 1/0/0; may still be the wrong length. */
  vin: string
  corrections: VinCorrection[]
}

/**
 * Finds the VIN a caller typed, said or spelled in `text`: the longest run of VIN pieces (single
 * letters, digit words, phonetic-alphabet words, alphanumeric chunks with a digit). Null when no run
 * of at least 11 characters with a letter is there (phone numbers, times, prices).
 */
export function findVin(text: string): VinCandidate | null {
  const tokens = text
    .replace(/[,.;:!?()"]/g, ' ')
    .split(/\s+/)
    .filter(Boolean)
  let best = ''
  let run = ''
  let repeat = 1
  for (const raw of tokens) {
    const lower = raw.toLowerCase()
    if (lower === 'double' || lower === 'triple') {
      repeat = lower === 'double' ? 2 : 3
      continue
    }
    const piece = vinPiece(raw)
    if (piece === null) {
      if (run.length > best.length) best = run
      run = ''
    } else {
      run += piece.repeat(piece.length === 1 ? repeat : 1)
    }
    repeat = 1
  }
  if (run.length > best.length) best = run
  // Digits alone are a phone number ("1 217 555 0101"), never a VIN: every maker code has a letter.
  if (best.length < 11 || !/[A-Z]/.test(best)) return null
  // "It's a one H G..." : a leading article is not part of the VIN when the rest is 17 long.
  while (best.length > VIN_LENGTH && /^[AI]/.test(best)) best = best.slice(1)
  while (best.length > VIN_LENGTH && /[AI]$/.test(best)) best = best.slice(0, -1)
  return readMisheard(best)
}

/** The VIN characters one word stands for, or null when it is not part of a VIN. */
function vinPiece(raw: string): string | null {
  const lower = raw.toLowerCase()
  if (DIGIT_WORDS[lower]) return DIGIT_WORDS[lower]
  if (PHONETIC[lower]) return PHONETIC[lower]
  if (LETTER_NAMES[lower]) return LETTER_NAMES[lower]
  if (/^[a-z]$/i.test(raw)) return raw.toUpperCase()
  const chunk = raw.replace(/[-–]/g, '')
  if (/^[a-z0-9]+$/i.test(chunk) && /\d/.test(chunk) && !/^\d{1,2}(am|pm|st|nd|rd|th)$/i.test(chunk))
    return chunk.toUpperCase()
  // Typed in capitals without a digit ("1HG CMB 263"): part of a VIN when it sits between others.
  if (/^[A-Z]{2,6}$/.test(chunk) && !NOT_VIN_WORDS.has(chunk)) return chunk
  return null
}

/** Reads I, O and Q as the digits 1, 0, 0, and says where. */
export function readMisheard(raw: string): VinCandidate {
  const corrections: VinCorrection[] = []
  let vin = ''
  for (const [i, ch] of [...raw.toUpperCase()].entries()) {
    const digit = MISHEARD[ch]
    if (digit) corrections.push({ position: i + 1, heard: ch, readAs: digit })
    vin += digit ?? ch
  }
  return { vin, corrections }
}

export type VinProblem =
  | { reason: 'length'; length: number; message: string }
  | { reason: 'character'; position: number; character: string; message: string }
  | { reason: 'check_digit'; expected: string; actual: string; message: string }

export type VinCheck =
  { ok: true; vin: string; checkDigit: 'valid' | 'not_used' } | ({ ok: false } & VinProblem)

const TRANSLITERATION: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
}
const WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

/** The check digit (position 9) of a 17-character VIN: 0-9 or X (49 CFR 565.15). */
export function vinCheckDigit(vin: string): string {
  let sum = 0
  for (const [i, ch] of [...vin].entries()) {
    const value = /\d/.test(ch) ? Number(ch) : (TRANSLITERATION[ch] ?? 0)
    sum += value * (WEIGHTS[i] ?? 0)
  }
  const rest = sum % 11
  return rest === 10 ? 'X' : String(rest)
}

/**
 * True for VINs of vehicles made for North America (first character 1-5), where the check digit is
 * mandatory. Elsewhere manufacturers may put anything in position 9, so it is only reported.
 */
export function usesCheckDigit(vin: string): boolean {
  return /^[1-5]/.test(vin)
}

/** Checks length, characters and (North American VINs) the check digit, with the exact reason. */
export function checkVin(input: string): VinCheck {
  const vin = input.trim().toUpperCase()
  if (vin.length !== VIN_LENGTH) {
    return {
      ok: false,
      reason: 'length',
      length: vin.length,
      message: `A VIN has ${VIN_LENGTH} characters; this one has ${vin.length}.`,
    }
  }
  for (const [i, ch] of [...vin].entries()) {
    if (!VIN_CHAR.test(ch)) {
      const hint = MISHEARD[ch] ? ` (a VIN never holds I, O or Q; did you mean ${MISHEARD[ch]}?)` : ''
      return {
        ok: false,
        reason: 'character',
        position: i + 1,
        character: ch,
        message: `Character ${i + 1} ("${ch}") cannot be in a VIN${hint}.`,
      }
    }
  }
  const expected = vinCheckDigit(vin)
  const actual = vin[8]!
  if (expected === actual) return { ok: true, vin, checkDigit: 'valid' }
  if (!usesCheckDigit(vin)) return { ok: true, vin, checkDigit: 'not_used' }
  return {
    ok: false,
    reason: 'check_digit',
    expected,
    actual,
    message: `The check digit (character 9) is ${actual}, but the other characters give ${expected}: at least one character is wrong.`,
  }
}

/** A VIN read back in groups a caller can follow: "1HG CM826 3 3A 004352". */
export function sayVin(vin: string): string {
  return `${vin.slice(0, 3)} ${vin.slice(3, 8)} ${vin.slice(8, 9)} ${vin.slice(9, 11)} ${vin.slice(11)}`
}

/** "I heard O at position 5 and took it as zero." for the reply; empty without corrections. */
export function sayCorrections(corrections: VinCorrection[]): string {
  if (corrections.length === 0) return ''
  const names: Record<string, string> = { '0': 'zero', '1': 'one' }
  const parts = corrections.map(
    (c) => `${c.heard} at position ${c.position} as ${names[c.readAs] ?? c.readAs}`,
  )
  return `A VIN never has I, O or Q, so I took ${parts.join(', ')}.`
}
