/**
 * Keywords: how often the customer said each word of the dealership's keyword list (config/
 * analysis-keywords.ts, ANALYSIS_KEYWORDS), and in which turns; and the call's top terms, the
 * customer's most frequent words once the `stopword` library's English stop words are removed.
 * A keyword matches at the start of a word ("cancel" finds "cancelled", "cancellation").
 */
import { eng, removeStopwords } from 'stopword'
import type { KeywordHit } from '../../domain/call-analysis'

const TOP_TERMS = 10

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

export function keywordHits(
  lines: { turn: number; text: string }[],
  keywords: readonly string[],
): KeywordHit[] {
  const hits: KeywordHit[] = []
  for (const raw of keywords) {
    const keyword = raw.trim().toLowerCase()
    if (!keyword) continue
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escape(keyword).replace(/\s+/g, '\\s+')}`, 'giu')
    let count = 0
    const turns = new Set<number>()
    for (const line of lines) {
      const n = line.text.match(pattern)?.length ?? 0
      if (n === 0) continue
      count += n
      turns.add(line.turn)
    }
    if (count > 0 && !hits.some((h) => h.keyword === keyword))
      hits.push({ keyword, count, turns: [...turns].sort((a, b) => a - b) })
  }
  return hits.sort((a, b) => b.count - a.count || a.keyword.localeCompare(b.keyword))
}

/** The customer's most frequent words, stop words, numbers and one- or two-letter words left out. */
export function topTerms(lines: { text: string }[]): { term: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const line of lines) {
    const words = line.text.toLowerCase().match(/[\p{L}][\p{L}'-]*/gu) ?? []
    const kept = removeStopwords(
      words.map((w) => w.replace(/'s$/, '')),
      eng,
    )
    for (const word of kept) {
      if (word.length < 3) continue
      counts.set(word, (counts.get(word) ?? 0) + 1)
    }
  }
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, TOP_TERMS)
    .map(([term, count]) => ({ term, count }))
}
