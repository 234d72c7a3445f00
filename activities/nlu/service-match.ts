/**
 * Finds the catalog service a caller talks about, by name and synonyms, tolerant of word order
 * ("check my brakes" = "brakes checked"), filler words, plurals and small typos.
 */
import { editDistance, stem, tokenize, typoAllowance, type Token } from './text'
import type { NluCatalog } from './types'

/** Phrasings the seed's synonyms miss, keyed by canonical name; used only when that service exists. */
const EXTRA_PHRASES: Record<string, string[]> = {
  'Oil Change': ['change my oil', 'oil and filter change', 'lube job'],
  // "breaks" is the commonest misspelling; only in pairs, so "I need a break" stays no service.
  'Brake Inspection': [
    'brake check',
    'brake job',
    'squealing',
    'breaks checked',
    'break pads',
    'squeaky breaks',
  ],
  'Multi-Point Inspection': ['multipoint', 'multi point', 'look over', 'looked over'],
  'Battery Replacement': ['replace battery', 'battery died', 'battery dead'],
  'Wheel Alignment': ['pulling to one side', 'car pulls'],
  'State Inspection': ['smog check', 'smog'],
  'A/C Service': ['air conditioner', 'not blowing cold', 'no cold air', 'blowing hot'],
  'Transmission Service': ['transmission slipping'],
  Diagnostic: [
    'check engine', 'engine light', 'service light', 'noise', 'weird noise', 'diagnose', 'alternator',
    'starter', 'rattle', 'clunk', 'exhaust', 'muffler', 'suspension',
  ], // prettier-ignore
  'Tire Mount and Balance': ['tires', 'tire replacement', 'replace tires'],
  'Coolant Flush': ['radiator'],
  'EV Battery Health Check': ['ev check', 'electric vehicle battery'],
}

// Words that carry no meaning for telling services apart; dropped from phrases and text alike.
const FILLER = new Set(
  [
    'a an the my our your his her their its it is are was be been to for of on in at and or me i',
    'do does some any this that car cars truck vehicle please just get got',
  ]
    .join(' ')
    .split(' '),
)

/** One-word synonyms that are also everyday words: they count only next to one of these stems. */
const NEEDS_CONTEXT: Record<string, string[]> = {
  balanc: ['tir', 'wheel', 'rim'],
  campaign: ['recall', 'servic'],
}

interface Phrase {
  service: string
  stems: string[]
  isName: boolean
}

export interface CompiledServices {
  phrases: Phrase[]
  /** Every stem in any phrase, for fuzzy lookups and for telling names from service words. */
  vocabulary: Set<string>
  /** The phrases' words as written, with their stems: "rotaton" is a typo of "rotation", not of "rotat". */
  words: Map<string, string>
  /** Which vocabulary stems a text word stands for; callers repeat their words, so this is memoized. */
  lookups: Map<string, { stem: string; fuzzy: boolean }[]>
}

/** Bounds the memo: a long-lived worker sees an open-ended vocabulary. */
const MAX_LOOKUPS = 5000

const contentStems = (tokens: Token[]) =>
  tokens.filter((t) => !FILLER.has(t.word)).map((t) => ({ stem: stem(t.word), token: t }))

export function compileServices(services: NluCatalog['services']): CompiledServices {
  const phrases: Phrase[] = []
  const words = new Map<string, string>()
  for (const s of services) {
    const texts = [s.name, ...s.synonyms, ...(EXTRA_PHRASES[s.name] ?? [])]
    texts.forEach((text, i) => {
      const content = contentStems(tokenize(text.replace(/a\/c/gi, 'ac')))
      for (const c of content) words.set(c.token.word, c.stem)
      if (content.length > 0)
        phrases.push({ service: s.name, stems: content.map((c) => c.stem), isName: i === 0 })
    })
  }
  return { phrases, vocabulary: new Set(phrases.flatMap((p) => p.stems)), words, lookups: new Map() }
}

export interface ServiceMatch {
  service: string
  /** More matched words = more specific ("brake inspection" beats "inspection"). */
  score: number
  fuzzy: boolean
  start: number
  end: number
}

/** The most specific service mentioned in `text`, or null. */
export function matchService(
  text: string,
  compiled: CompiledServices,
  opts: { expectingService: boolean },
): ServiceMatch | null {
  const content = contentStems(tokenize(text.replace(/\ba\/c\b/gi, 'ac ')))
  if (content.length === 0) return null
  // Which phrase stems each text position stands for: exact first, else within a typo or two.
  const positions = new Map<string, { pos: number; fuzzy: boolean }[]>()
  content.forEach(({ stem: s, token }, pos) => {
    for (const { stem: v, fuzzy } of lookup(token.word, s, compiled)) {
      const list = positions.get(v) ?? []
      list.push({ pos, fuzzy })
      positions.set(v, list)
    }
  })
  const stemsPresent = new Set(content.map((c) => c.stem))
  let best: ServiceMatch | null = null
  for (const phrase of compiled.phrases) {
    const hit = findWindow(phrase.stems, positions)
    if (!hit) continue
    const only = phrase.stems.length === 1 ? phrase.stems[0] : undefined
    const context = only === undefined ? undefined : NEEDS_CONTEXT[only]
    if (context && !opts.expectingService && !context.some((c) => stemsPresent.has(c))) continue
    const score = phrase.stems.length + (phrase.isName ? 0.5 : 0) - (hit.fuzzy ? 0.3 : 0)
    const first = content[hit.from]?.token
    const last = content[hit.to]?.token
    if (!first || !last) continue
    if (!best || score > best.score || (score === best.score && first.start < best.start)) {
      best = { service: phrase.service, score, fuzzy: hit.fuzzy, start: first.start, end: last.end }
    }
  }
  return best
}

/** The vocabulary stems `word` (stemmed: `s`) stands for: its own, or those within a typo or two. */
function lookup(word: string, s: string, compiled: CompiledServices): { stem: string; fuzzy: boolean }[] {
  const known = compiled.lookups.get(word)
  if (known) return known
  const found = new Map<string, boolean>()
  const near = (a: string, b: string) => {
    const allowance = Math.min(typoAllowance(a.length), typoAllowance(b.length))
    return allowance > 0 && editDistance(a, b, allowance) <= allowance
  }
  if (compiled.vocabulary.has(s)) found.set(s, false)
  for (const v of compiled.vocabulary) if (!found.has(v) && near(s, v)) found.set(v, true)
  for (const [w, v] of compiled.words) if (!found.has(v) && near(word, w)) found.set(v, true)
  const list = [...found].map(([stem, fuzzy]) => ({ stem, fuzzy }))
  if (compiled.lookups.size >= MAX_LOOKUPS) compiled.lookups.clear()
  compiled.lookups.set(word, list)
  return list
}

/** Positions for all `stems`, in any order, within a window a word or two wider than the phrase. */
function findWindow(
  stems: string[],
  positions: Map<string, { pos: number; fuzzy: boolean }[]>,
): { from: number; to: number; fuzzy: boolean } | null {
  const lists = stems.map((s) => positions.get(s))
  if (lists.some((l) => !l)) return null
  const width = stems.length + 1
  for (const anchor of lists[0] ?? []) {
    const startPos = anchor.pos
    let from = startPos
    let to = startPos
    let fuzzy = anchor.fuzzy
    const used = new Set<number>([startPos])
    let ok = true
    for (const list of lists.slice(1)) {
      const pick = (list ?? []).find((p) => !used.has(p.pos) && Math.abs(p.pos - startPos) <= width)
      if (!pick) {
        ok = false
        break
      }
      used.add(pick.pos)
      from = Math.min(from, pick.pos)
      to = Math.max(to, pick.pos)
      fuzzy ||= pick.fuzzy
    }
    if (ok && to - from <= width) return { from, to, fuzzy }
  }
  return null
}
