/** Rewrites what chrono-node misreads or misses into forms it parses, before it sees the text. */

const NUMBER_WORDS: Record<string, string> = {
  one: '1', two: '2', three: '3', four: '4', five: '5', six: '6', seven: '7', eight: '8', nine: '9',
  ten: '10', eleven: '11', twelve: '12',
} // prettier-ignore
const NUMBER_WORD = Object.keys(NUMBER_WORDS).join('|')
const num = (w: string) => NUMBER_WORDS[w] ?? w
// "make it 2 tires" is a count, not a time.
const COUNTED = [
  'tires?', 'wheels?', 'cars?', 'keys?', 'days?', 'weeks?', 'months?', 'years?', 'hours?', 'minutes?',
  'people', 'miles', String.raw`k\b`, String.raw`of\b`,
].join('|') // prettier-ignore
// What leads up to an hour that can only be a time: "push it to 4", "how about 3", "let's say 10".
const TIME_LEAD = [
  String.raw`(?:move|push|change|switch|bump|make)\s+(?:it|that|this)\s+(?:to\s+)?`,
  String.raw`(?:how|what) about\s+`,
  String.raw`(?:can|could) we do\s+`,
  String.raw`let's (?:say|do)\s+`,
].join('|')
// What follows an hour that can only be a time: "10 works", "2 is fine".
const TIME_AGREED = [
  'works', 'is (?:fine|good|great|perfect)', 'would (?:work|be (?:fine|good|great|perfect))', 'sounds good',
].join('|') // prettier-ignore

const REWRITES: [RegExp, string | ((...m: string[]) => string)][] = [
  // A greeting is not a time of day.
  [/\bgood (?:morning|afternoon|evening|night)\b/g, ' '],
  // What is ruled out is not the answer: "not Tuesday, Thursday", "Friday, not Monday".
  [/\bnot\s+(?:on\s+|at\s+)?[^,.;!?]*?(?=,|;|\.|!|\?|\bbut\b|\binstead\b|$)/g, ' '],
  [/\b(?:tmrw|tmr|tmrw|tomorow|tommorow|tommorrow|tomorro|2morrow)\b/g, 'tomorrow'],
  [/\btues\b/g, 'tuesday'],
  [/\bthu(?:rs?)?\b/g, 'thursday'],
  [/\bweds\b/g, 'wednesday'],
  [/\b(?:the )?day after tomorrow\b/g, 'in 2 days'],
  [
    new RegExp(
      String.raw`\b(${NUMBER_WORD})(?=\s*(?:o'?clock|a\.?m\b|p\.?m\b|thirty|fifteen|forty[- ]five|in the))`,
      'g',
    ),
    (w) => num(w),
  ],
  [
    new RegExp(String.raw`\b(at|around|about)\s+(${NUMBER_WORD})\b`, 'g'),
    (_m, p, w) => `${p} ${num(w ?? '')}`,
  ],
  [/\b(\d{1,2})\s+thirty\b/g, '$1:30'],
  [/\b(\d{1,2})\s+fifteen\b/g, '$1:15'],
  [/\b(\d{1,2})\s+forty[- ]five\b/g, '$1:45'],
  [
    new RegExp(String.raw`\bhalf (?:past|after) (\d{1,2}|${NUMBER_WORD})\b`, 'g'),
    (_m, h) => `${num(h ?? '')}:30`,
  ],
  [
    new RegExp(String.raw`\bquarter (?:past|after) (\d{1,2}|${NUMBER_WORD})\b`, 'g'),
    (_m, h) => `${num(h ?? '')}:15`,
  ],
  [
    new RegExp(String.raw`\bquarter (?:to|till|til|of) (\d{1,2}|${NUMBER_WORD})\b`, 'g'),
    (_m, h) => `${Number(num(h ?? '')) - 1}:45`,
  ],
  // Moving an appointment "from Tuesday to Wednesday": the new day is the one that counts.
  [
    /\b(move|change|switch|push|bump|reschedule)\b([^.;!?]*?)\bfrom\s+[^.;!?]*?\s+(?:to|until)\s+/g,
    '$1$2 to ',
  ],
  // A bare hour where only a time makes sense: "push it to 4", "make it 2", "10 works", "how about 3".
  [
    new RegExp(String.raw`\b(${TIME_LEAD})(\d{1,2}(?::\d{2})?)(?!\s*(?:${COUNTED})|[\d/:]|st|nd|rd|th)`, 'g'),
    (_m, lead, t) => `${lead}at ${t}`,
  ],
  [new RegExp(String.raw`\b(\d{1,2}(?::\d{2})?)(?=\s+(?:${TIME_AGREED})\b)`, 'g'), 'at $1'],
  // Chrono reads "at 10" but not "around 10", "10ish" or "by 10".
  [
    new RegExp(
      String.raw`\b(?:around|about|say|by|like|maybe|approximately|roughly)\s+` +
        String.raw`(\d{1,2}(?::\d{2})?(?:\s*[ap]\.?m\.?)?)(?![\d/])`,
      'g',
    ),
    'at $1',
  ],
  [/\b(\d{1,2}(?::\d{2})?)\s*-?ish\b/g, 'at $1'],
]

/** Lowercased `text` rewritten for chrono (see REWRITES). */
export function prepareForChrono(text: string): string {
  let s = text.toLowerCase().replace(/[’‘]/g, "'")
  for (const [re, to] of REWRITES) s = typeof to === 'string' ? s.replace(re, to) : s.replace(re, to)
  return s
}
