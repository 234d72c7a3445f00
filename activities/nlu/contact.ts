/** Phone numbers and e-mail addresses, written or spoken. */
import { normalizePhone } from '../../lib/phone'

export interface Found<T> {
  value: T
  start: number
  end: number
}

// 10 digits in the usual groupings, optionally with +1/1 and parentheses; the look-arounds keep it
// from biting into longer digit runs (VINs, order numbers).
const PHONE_RE = /(?<![\d+])(?:\+?1[\s.-]?)?(?:\(\s*\d{3}\s*\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?!\d)/g

const DIGIT_WORDS: Record<string, string> = {
  zero: '0', oh: '0', o: '0', one: '1', two: '2', three: '3', four: '4', five: '5',
  six: '6', seven: '7', eight: '8', nine: '9',
} // prettier-ignore

/** The first plausible phone number in `text`, as E.164. */
export function findPhone(text: string): Found<string> | null {
  for (const m of text.matchAll(PHONE_RE)) {
    const value = normalizePhone(m[0])
    if (value) return { value, start: m.index, end: m.index + m[0].length }
  }
  return null
}

/**
 * A number given as the whole answer to "what's your number?": any separators, digits spoken as words
 * ("two one seven, five five five ..."), "double five". Only used when a phone number is expected.
 */
export function findSpokenPhone(text: string): string | null {
  const words = text.toLowerCase().match(/[a-z]+|\d+/g) ?? []
  let digits = ''
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? ''
    if (/^\d+$/.test(w)) digits += w
    else if (DIGIT_WORDS[w]) digits += DIGIT_WORDS[w]
    else if ((w === 'double' || w === 'triple') && DIGIT_WORDS[words[i + 1] ?? '']) {
      digits += (DIGIT_WORDS[words[i + 1] ?? ''] ?? '').repeat(w === 'double' ? 1 : 2)
    }
  }
  if (digits.length < 10 || digits.length > 11) return null
  return normalizePhone(digits)
}

const EMAIL_RE = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi

/** The first e-mail address in `text`, lowercased. */
export function findEmail(text: string): Found<string> | null {
  const m = EMAIL_RE.exec(text)
  EMAIL_RE.lastIndex = 0
  if (!m) return null
  return { value: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }
}

/** "jane dot doe at gmail dot com" -> "jane.doe@gmail.com"; only used when an e-mail is expected. */
export function findSpokenEmail(text: string): string | null {
  const spoken = text
    .toLowerCase()
    .replace(/\s+(?:at|@)\s+/g, '@')
    .replace(/\s+(?:dot|period)\s+/g, '.')
    .replace(/\s+(?:underscore)\s+/g, '_')
    .replace(/\s+(?:dash|hyphen)\s+/g, '-')
  const found = findEmail(spoken.replace(/@\s+|\s+@/g, '@'))
  return found?.value ?? null
}
