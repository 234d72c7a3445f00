/**
 * What the caller signals besides intent and slots: yes/no answers, corrections, asking for a person,
 * and frustration.
 */
import { BOOKING_REQUEST } from './intent-rules'
import { anyOf, normalize } from './text'

const FILLER = String.raw`^(?:(?:um+|uh+|er+|oh|well|so|hmm+)[\s,.!]+)*`
const YES = new RegExp(
  FILLER +
    anyOf([
      'yes', 'yeah', 'yea', 'yep', 'yup', 'ya', 'sure', 'ok', 'okay', 'k', 'alright', 'all right', 'correct',
      'right', 'absolutely', 'definitely', 'certainly', 'of course', 'perfect', 'great',
      'sounds (?:good|great|perfect|fine)', 'that works', 'works for me',
      "that's (?:right|correct|fine|perfect|good|great)",
      'please do', 'go ahead', 'do it', 'book it', 'confirm(?:ed)?', 'uh[- ]?huh', 'mhm+', 'fine',
      "let's do (?:it|that)",
      'exactly',
    ]).source,
  'i',
) // prettier-ignore
const NO = new RegExp(
  FILLER +
    anyOf([
      'no', 'nope', 'nah', 'not really', 'negative', 'wrong', "that's wrong", "that's not right", 'incorrect',
      'not quite', 'not that one',
    ]).source,
  'i',
) // prettier-ignore
// Anywhere in the utterance, these are a refusal even after "well, ...".
const NO_ANYWHERE = anyOf([
  "(?:that|it|this) (?:doesn't|does not|won't|will not|isn't going to) work", "doesn't work for me",
  "can't make (?:that|it)", "that's not (?:good|going to work)",
], 'i') // prettier-ignore
const YES_ANYWHERE = anyOf([
  'that works', 'works for me', 'sounds (?:good|great|perfect)', "that's perfect", "let's do it",
  'that would be (?:great|perfect)',
], 'i') // prettier-ignore
// "ok" and "alright" often only open a sentence: "okay so I need an oil change".
const DISCOURSE_OPENER = /^(?:ok|okay|k|alright|all right|right|so|well)\b[\s,]*(?:\S+\s+){3,}/i

/** 'yes' / 'no' when the utterance answers a yes/no question. */
export function findAffirmation(text: string, expectingConfirmation: boolean): 'yes' | 'no' | undefined {
  const t = text.trim().toLowerCase().replace(/[’]/g, "'")
  if (NO_ANYWHERE.test(t)) return 'no'
  if (NO.test(t)) return 'no'
  if (YES.test(t) && (expectingConfirmation || !DISCOURSE_OPENER.test(t))) return 'yes'
  if (YES_ANYWHERE.test(t) && !/\bnot\b/.test(t)) return 'yes'
  return undefined
}

const PERSON_WORDS = [
  'someone', 'somebody', 'anyone', 'anybody', 'person', 'human(?: being)?', 'agent', 'representative', 'rep',
  '(?:service |sales |finance |general )?manager', 'supervisor', 'operator', 'advisor', 'salesperson',
  'sales person', 'staff', 'employee', 'people', 'man', 'woman',
] // prettier-ignore
const PERSON =
  String.raw`(?:(?:a|an|the|some|your|one of your)\s+)?(?:real\s+|live\s+|actual\s+)?` +
  `(?:${PERSON_WORDS.join('|')})`
const WANTS_HUMAN = [
  new RegExp(String.raw`\b(?:speak|talk|chat)(?:ing)?\s+(?:to|with)\s+${PERSON}\b`, 'i'),
  // Not "someone": "I need someone to look at my brakes" wants a mechanic.
  new RegExp(
    String.raw`\b(?:get|give|want|need|put)\s+(?:me\s+)?(?:to\s+|through to\s+)?(?:a|an|the|your)\s+` +
      String.raw`(?:real\s+|live\s+)?(?:person|human|agent|representative|manager|supervisor|operator)\b`,
    'i',
  ),
  /\b(?:transfer|connect)\s+me\b|\bput me (?:through|on) to\b/i,
  /\b(?:real|live|actual)\s+(?:person|human|agent)\b/i,
  /\b(?:representative|human being|operator)\b/i,
  /^\W*(?:human|agent|person|manager|representative|operator)\W*(?:please)?\W*$/i,
]
const NOT_HUMAN =
  /\b(?:don't|do not|no need to|won't)\s+(?:need to |want to )?(?:speak|talk|transfer)|\bno need for\b/i

/** True for an explicit request for a person (or for a staff member by first name). */
export function findWantsHuman(text: string, agentNames: ReadonlySet<string>): boolean {
  if (NOT_HUMAN.test(text)) return false
  if (WANTS_HUMAN.some((re) => re.test(text))) return true
  const asked = /\b(?:speak|talk)\s+(?:to|with)\s+([a-z]+)|\bis\s+([a-z]+)\s+(?:there|in|available)\b/i.exec(
    text,
  )
  const name = (asked?.[1] ?? asked?.[2])?.toLowerCase()
  return name !== undefined && agentNames.has(name)
}

const ANGRY: [RegExp, number][] = [
  [anyOf([
    'ridiculous', 'unbelievable', 'absurd', 'pathetic', 'useless', 'worthless', 'incompetent', 'terrible',
    'horrible', 'awful', 'worst',
  ], 'i'), 0.45],
  [anyOf([
    "(?:you're|you are) not (?:listening|understanding|helping)", 'not listening', "doesn't understand",
    "don't understand me",
  ], 'i'), 0.5],
  [anyOf([
    'i (?:already|just) (?:told|said)', 'for the (?:second|third|fourth|last|hundredth) time',
    'how many times',
  ], 'i'), 0.45],
  [anyOf([
    'waste of (?:my )?time', 'fed up', 'sick (?:and tired )?of', 'had enough', 'give up', 'unacceptable',
    'this is a joke',
  ], 'i'), 0.5],
  [anyOf([
    'stupid', 'dumb', 'idiot\\w*', 'damn\\w*', 'hell', 'wtf', 'crap\\w*', 'shit\\w*', 'fuck\\w*',
    'screw (?:this|you)', 'piss\\w*',
  ], 'i'), 0.5],
  [anyOf(['frustrat\\w*', 'annoy\\w*', 'angry', 'upset', 'mad at', 'furious', 'irritat\\w*'], 'i'), 0.35],
  [anyOf([
    'come on', 'seriously', 'are you kidding', 'what is wrong with you', 'forget it', 'never mind',
  ], 'i'), 0.25],
] // prettier-ignore

/** 0..1 from angry words, shouting (mostly capitals) and runs of "!" or "?". */
export function findFrustration(text: string): number {
  let score = 0
  for (const [re, weight] of ANGRY) if (re.test(text)) score += weight
  const letters = text.replace(/[^A-Za-z]/g, '')
  const upper = letters.replace(/[^A-Z]/g, '').length
  if (letters.length >= 8 && upper / letters.length > 0.7 && /\s/.test(text.trim())) score += 0.35
  if (/!{3,}|\?{3,}|[!?]{4,}/.test(text)) score += 0.3
  else if (/!!|\?\?|\?!|!\?/.test(text)) score += 0.15
  return Math.min(1, Math.round(score * 100) / 100)
}

// What precedes the new value in a correction; the new value is what follows the last one of these.
const CORRECTION_LEAD = new RegExp(
  anyOf([
    'actually', 'i meant', 'i mean', 'make (?:it|that)', 'change (?:it|that)(?: to)?',
    'switch (?:it|that)(?: to)?',
    'scratch that', 'correction', 'rather', 'i said',
  ]).source + String.raw`[\s,:]*`,
  'gi',
) // prettier-ignore
// Corrections without a leading marker: "no, 3pm", "Thursday instead", "Thursday, not Tuesday".
const CORRECTION_SHAPE =
  /^\W*(?:no|nope|sorry|wait|oops)\b[\s,.!]+\S|\binstead\b|,\s*not\s+\w+|\bnot\s+\w+\s*,/i

/** Whether `text` reads as a correction, and the part of it that carries the new value. */
export function correctionScope(text: string): { marked: boolean; scope: string } {
  let last: RegExpExecArray | null = null
  for (const m of text.matchAll(CORRECTION_LEAD)) last = m as RegExpExecArray
  if (last) {
    const rest = text.slice(last.index + last[0].length)
    // "Actually, I need an oil change tomorrow" opens a new request rather than correcting a detail.
    if (/^(?:actually|rather|i mean)\b/i.test(last[0]) && BOOKING_REQUEST.test(normalize(rest))) {
      return { marked: false, scope: text }
    }
    // "I said Tuesday but I meant Thursday": only what comes after the marker counts.
    return { marked: true, scope: rest.trim() ? rest : text }
  }
  return { marked: CORRECTION_SHAPE.test(text), scope: text }
}
