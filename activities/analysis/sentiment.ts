/**
 * The customer's sentiment, offline: the `sentiment` library scores each customer line with the
 * AFINN-165 word list (with negation: "not happy" counts against). A line's raw score is squashed
 * into [-1, 1] the way VADER normalises its compound score (x / sqrt(x² + 15)); the call's score is
 * the mean over the customer's lines, labelled positive at >= 0.05 and negative at <= -0.05 (VADER's
 * thresholds). The lowest line names its turn.
 */
import Sentiment from 'sentiment'
import type { Sentiment as CallSentiment, SentimentLabel } from '../../domain/call-analysis'

const analyzer = new Sentiment()
/** VADER's normalisation constant: how fast a raw score approaches ±1. */
const ALPHA = 15
const THRESHOLD = 0.05

const round = (n: number) => Math.round(n * 1000) / 1000

/** One line's score in [-1, 1]. */
export function lineScore(text: string): number {
  const raw = analyzer.analyze(text).score
  return round(raw / Math.sqrt(raw * raw + ALPHA))
}

export function labelOf(score: number): SentimentLabel {
  if (score >= THRESHOLD) return 'positive'
  if (score <= -THRESHOLD) return 'negative'
  return 'neutral'
}

/** The sentiment of the customer's lines (at least one). */
export function lexiconSentiment(lines: { turn: number; text: string }[]): CallSentiment {
  const scored = lines.map((l) => ({ turn: l.turn, score: lineScore(l.text) }))
  const score = round(scored.reduce((sum, l) => sum + l.score, 0) / Math.max(1, scored.length))
  const lowest = scored.reduce<(typeof scored)[number] | null>(
    (low, l) => (low === null || l.score < low.score ? l : low),
    null,
  )
  return {
    score,
    label: labelOf(score),
    lowestTurn: lowest?.turn ?? null,
    lowestScore: lowest?.score ?? null,
    source: 'lexicon',
  }
}
