/** Small text helpers shared by the extractors: normalization, tokens with offsets, stems, edit distance. */

/** A word of the utterance, lowercased, with apostrophes dropped ("isn't" -> "isnt"), and where it was. */
export interface Token {
  word: string
  start: number
  end: number
}

const TOKEN_RE = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu

/** Words and numbers with their offsets in `text`; "F-150" gives "f" and "150", "A/C" gives "a" and "c". */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const m of text.matchAll(TOKEN_RE)) {
    tokens.push({ word: m[0].toLowerCase().replace(/['’]/g, ''), start: m.index, end: m.index + m[0].length })
  }
  return tokens
}

// Typed chat often drops apostrophes; the rules are written with them.
const CONTRACTIONS: [RegExp, string][] = [
  [/\b(can|don|won|isn|doesn|didn|aren|wasn|couldn|wouldn|shouldn|haven|hasn)t\b/g, "$1't"],
  [/\bim\b/g, "i'm"],
  [/\bive\b/g, "i've"],
  [/\bid (like|love|prefer|rather)\b/g, "i'd $1"],
  [/\bthats\b/g, "that's"],
  [/\bwhats\b/g, "what's"],
  [/\bwheres\b/g, "where's"],
  [/\byoure\b/g, "you're"],
  [/\bwanna\b/g, 'want to'],
  [/\br u\b/g, 'are you'],
  [/\bur\b/g, 'your'],
  [/\bu\b/g, 'you'],
  [/\bgonna\b/g, 'going to'],
]

/**
 * Lowercase text with typographic quotes made plain, "a/c" spelled "ac" and common apostrophe-less
 * contractions restored, for the rule regexes. Offsets do not survive this; use `tokenize` for spans.
 */
export function normalize(text: string): string {
  let s = text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\ba\/c\b/g, 'ac')
    .replace(/\s+/g, ' ')
    .trim()
  for (const [re, to] of CONTRACTIONS) s = s.replace(re, to)
  return s
}

/**
 * A light stemmer, enough to make "brakes", "braking" and "brake" meet, and "rotated", "rotation" and
 * "rotate".
 * Not linguistics: both sides of every comparison go through it, so only consistency matters.
 */
export function stem(word: string): string {
  let w = word
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`
  else if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) w = w.slice(0, -1)
  if (w.length > 6 && w.endsWith('tion')) w = w.slice(0, -3)
  else if (w.length > 5 && w.endsWith('ing')) w = w.slice(0, -3)
  else if (w.length > 4 && w.endsWith('ed')) w = w.slice(0, -2)
  if (w.length > 3 && w.endsWith('e')) w = w.slice(0, -1)
  return w
}

/** Levenshtein distance, giving up (returning max + 1) as soon as it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    const cur = [i]
    let rowMin = i
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      const v = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost)
      cur.push(v)
      if (v < rowMin) rowMin = v
    }
    if (rowMin > max) return max + 1
    prev = cur
  }
  return prev[b.length] ?? max + 1
}

/** How many typos a word of this length may carry and still count as a match. */
export function typoAllowance(length: number): number {
  return length >= 8 ? 2 : length >= 5 ? 1 : 0
}

/** `text` with the given ranges blanked out (same length), so later extractors do not re-read them. */
export function maskSpans(text: string, spans: { start: number; end: number }[]): string {
  let out = text
  for (const { start, end } of spans) out = out.slice(0, start) + ' '.repeat(end - start) + out.slice(end)
  return out
}

/**
 * True when the writer uses capitals (a capitalized word that does not start a sentence and is not
 * "I"): then a lowercase word is not a name or a model. All-lowercase chat and STT give no such cue.
 */
export function isCasedText(text: string): boolean {
  for (const m of text.matchAll(/\p{Lu}[\p{L}'’]*/gu)) {
    if (/^I(?:['’][a-z]+)?$/.test(m[0])) continue
    const before = text.slice(0, m.index).trimEnd()
    if (before === '' || /[.!?]$/.test(before)) continue
    return true
  }
  return false
}

/** `\b(?:a|b|c)\b` from regex source fragments, so long alternations can be written as lists. */
export function anyOf(alternatives: string[], flags = ''): RegExp {
  return new RegExp(String.raw`\b(?:${alternatives.join('|')})\b`, flags)
}
