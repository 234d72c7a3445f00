/**
 * The caller's name: "my name is Jane Doe", "this is Bob", "it's Maria Garcia", "I'm Jane", "Jane
 * speaking", and a bare "John Smith" when the agent just asked for a name.
 */
import { COMMON_WORDS } from './common-words'
import { isCasedText } from './text'

export interface NameContext {
  expectingName: boolean
  /** Lowercased words that are services, makes or models: "it's Camry" is not a name. */
  domainWords: ReadonlySet<string>
  /** Lowercased staff first names: "this is Maria" from a caller is probably about Maria. */
  agentNames: ReadonlySet<string>
}

const NAME_WORD = String.raw`[\p{L}][\p{L}'’.-]*`
const NAME_RUN = String.raw`(${NAME_WORD}(?:\s+${NAME_WORD}){0,3})`

/** Strong cues: what follows is a name even if it is an everyday word ("my name is Will"). */
const STRONG = [
  new RegExp(String.raw`\b(?:my|the)\s+name(?:'s|’s|\s+is)\s+${NAME_RUN}`, 'iu'),
  new RegExp(String.raw`\bname(?:'s|’s|\s+is)\s+${NAME_RUN}`, 'iu'),
]
/** Weak cues: only a word that looks like a name counts ("this is ridiculous" has none). */
const WEAK = [
  // Weak: "call me back", "call me later".
  new RegExp(String.raw`\bcall\s+me\s+${NAME_RUN}`, 'iu'),
  new RegExp(String.raw`\bthis\s+is\s+${NAME_RUN}`, 'iu'),
  new RegExp(String.raw`\b(?:it's|it’s|it\s+is)\s+${NAME_RUN}`, 'iu'),
  new RegExp(String.raw`\b(?:i'm|i’m|i\s+am)\s+${NAME_RUN}`, 'iu'),
  new RegExp(String.raw`\b(?:under|for)\s+(?:the\s+name\s+(?:of\s+)?)${NAME_RUN}`, 'iu'),
]
const SPEAKING = new RegExp(
  String.raw`^(?:hi|hello|hey)?[\s,]*(${NAME_WORD}(?:\s+${NAME_WORD})?)\s+(?:speaking|here)\b`,
  'iu',
)

// Answers that wrap a bare name: "sure, it's John Smith, thanks".
const BARE_PREFIX = new RegExp(
  String.raw`^(?:(?:yes|yeah|yep|sure|ok|okay|um+|uh+|well|hi|hello|so|oh)\b[\s,.!]*)*` +
    String.raw`(?:(?:it's|its|it is|this is|i'm|im|i am|the name is|name's|my name's|my name is|name is)` +
    String.raw`\s+)?`,
  'i',
)
const BARE_SUFFIX = /[\s,.!]*(?:(?:thanks|thank you|please)[\s,.!]*)*$/i

/** Words that end a name: "This is Bob and I need ...". */
const STOP = new Set(
  `and from with at i calling here speaking my but about to
    the a an again in on for please thanks thank just is by`.split(/\s+/),
)

export function findName(text: string, ctx: NameContext): string | null {
  const cased = isCasedText(text)
  for (const re of STRONG) {
    const name = takeName(re.exec(text)?.[1], ctx, { strong: true, cased })
    if (name) return name
  }
  for (const re of [...WEAK, SPEAKING]) {
    const name = takeName(re.exec(text)?.[1], ctx, { strong: false, cased })
    if (name) return name
  }
  if (ctx.expectingName) {
    const bare = text.trim().replace(BARE_PREFIX, '').replace(BARE_SUFFIX, '')
    // The whole answer must be the name: "John Smith", not "I'd rather not say".
    if (/^[\p{L}'’.-]+(?:\s+[\p{L}'’.-]+){0,3}$/u.test(bare)) {
      const name = takeName(bare, ctx, { strong: false, cased: cased && /[A-Z]/.test(bare), all: true })
      if (name) return name
    }
  }
  return null
}

/** The name-like words at the start of `run`, title-cased, or null when the first word is not one. */
function takeName(
  run: string | undefined,
  ctx: NameContext,
  opts: { strong: boolean; cased: boolean; all?: boolean },
): string | null {
  if (!run) return null
  const words: string[] = []
  for (const raw of run.split(/\s+/)) {
    const word = raw.replace(/[.’']+$/, (m) => (m === '.' && raw.length === 2 ? '.' : ''))
    const lower = word.toLowerCase().replace(/[’']/g, '')
    const ok =
      word.length > 0 &&
      !STOP.has(lower) &&
      !ctx.domainWords.has(lower) &&
      (opts.strong || isNameLike(word, lower, opts.cased, words.length === 0))
    if (!ok) {
      if (opts.all) return null
      break
    }
    words.push(word)
  }
  if (words.length === 0) return null
  const first = (words[0] ?? '').toLowerCase()
  // "this is Maria" is more likely about our Maria than the caller; a direct answer to "your name?" is not.
  if (!opts.strong && !opts.all && words.length === 1 && ctx.agentNames.has(first)) return null
  return words.map(titleCase).join(' ')
}

const CALENDAR_WORDS = new RegExp(
  String.raw`^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|tomorrow|tonight|weekend|` +
    String.raw`january|february|march|april|may|june|july|august|september|october|november|december)$`,
)

function isNameLike(word: string, lower: string, cased: boolean, first: boolean): boolean {
  if (!/^\p{L}/u.test(word) || CALENDAR_WORDS.test(lower)) return false
  if (first && word.replace(/\.$/, '').length < 2) return false
  // In text that uses capitals, capitals are the cue, even for a name that is also a word ("Will").
  if (cased) return /^\p{Lu}/u.test(word)
  if (COMMON_WORDS.has(lower)) return false
  // "i'm stranded", "it's leaking", "this is seriously ...": verb forms and adverbs, not names
  // (at the price of an all-lowercase "i'm mohammed").
  return !(/(?:ing|ly|ed)$/.test(lower) && lower.length > 5)
}

/** "jane" -> "Jane", "o'brien" -> "O'Brien"; keeps "McDonald" and "DeShawn" as typed. */
function titleCase(word: string): string {
  if (/\p{Lu}/u.test(word.slice(1)) && /\p{Ll}/u.test(word)) return word
  return word
    .toLowerCase()
    .replace(/(^|['’-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase())
}
