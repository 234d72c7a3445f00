/**
 * The words the post-call analysis counts in what customers say (activities/analysis/keywords.ts):
 * the dealership's watch list. Change it for a deployment with ANALYSIS_KEYWORDS, a comma-separated
 * list that replaces this one (e.g. `ANALYSIS_KEYWORDS="recall,warranty,lemon law,trade-in"`), or
 * edit the defaults here. A keyword matches at the start of a word ("cancel" finds "cancelled") and
 * may be a phrase ("oil change"). Analyses made before a change keep the hits they had; re-run one
 * with `POST /api/calls/:id/analysis`.
 */
export const DEFAULT_ANALYSIS_KEYWORDS: readonly string[] = [
  // Risk: what a manager wants to hear about the same day.
  'complaint',
  'lawyer',
  'attorney',
  'lemon',
  'refund',
  'manager',
  'cancel',
  'angry',
  'unacceptable',
  // Service and safety.
  'recall',
  'warranty',
  'check engine',
  'brake',
  'leak',
  'tow',
  // Sales.
  'price',
  'discount',
  'financing',
  'lease',
  'trade-in',
  'test drive',
]

/** ANALYSIS_KEYWORDS as a list: trimmed, lower-cased, empty entries and repeats dropped. */
export function parseKeywordList(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(',')
        .map((k) => k.trim().toLowerCase())
        .filter((k) => k.length > 0),
    ),
  ]
}
