/** "the first one", "option 2", "the later one": which offered option the caller picks. */

const ORDINALS: [RegExp, number][] = [
  [/\b(?:first|1st|earliest|earlier one|number one|option one)\b/, 1],
  [/\b(?:second|2nd|middle|number two|option two)\b/, 2],
  [/\b(?:third|3rd|number three|option three)\b/, 3],
  [/\b(?:fourth|4th|number four|option four)\b/, 4],
  [/\b(?:fifth|5th|number five|option five)\b/, 5],
  [/\b(?:last|latest|later one)\b/, -1],
]

/** 1-based index of the picked option, -1 for "the last one", or undefined. */
export function findChoice(normalized: string): number | undefined {
  const numbered = /\b(?:option|number|#|choice)\s*(\d)\b/.exec(normalized)
  if (numbered) return Number(numbered[1])
  for (const [re, n] of ORDINALS) if (re.test(normalized)) return n
  return undefined
}
