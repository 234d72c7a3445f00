/**
 * What a call's post-call analysis found (CONTRACT.md "Analysis fields"). The call workflow runs the
 * analysis once when the call ends; `call_analyses` keeps one row per call (the searchable fields as
 * columns, the whole analysis as jsonb); `GET /api/calls/:id/analysis` returns it; analytics, search,
 * CSV export and the `call.analyzed` webhook read it. Every finding names the turns that show it.
 */
import { z } from 'zod'

export const CALL_OUTCOMES = [
  'booked',
  'rescheduled',
  'cancelled',
  'answered',
  /** A person took the call. */
  'escalated',
  'callback_scheduled',
  'abandoned',
  /** An outbound phone call nobody answered. */
  'not_reached',
] as const
export const CallOutcome = z.enum(CALL_OUTCOMES)
export type CallOutcome = z.infer<typeof CallOutcome>

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive'] as const
export const SentimentLabel = z.enum(SENTIMENT_LABELS)
export type SentimentLabel = z.infer<typeof SentimentLabel>

/** Said instead of a value when the call had fewer than two customer turns to judge from. */
export const INSUFFICIENT = 'insufficient' as const

/** Why the analysis chose its outcome: the turns that show it and the record they made. */
export const OutcomeEvidence = z.object({
  turns: z.array(z.number().int()),
  appointmentId: z.number().int().optional(),
  taskId: z.string().optional(),
})
export type OutcomeEvidence = z.infer<typeof OutcomeEvidence>

export const Sentiment = z.object({
  /** -1 (very negative) .. 1 (very positive), over the customer's lines. */
  score: z.number().min(-1).max(1),
  label: SentimentLabel,
  /** The customer turn with the lowest score, and that score. */
  lowestTurn: z.number().int().nullable(),
  lowestScore: z.number().min(-1).max(1).nullable(),
  /** `lexicon` offline, `llm` when a model was configured and answered. */
  source: z.enum(['lexicon', 'llm']),
})
export type Sentiment = z.infer<typeof Sentiment>

export const KeywordHit = z.object({
  keyword: z.string(),
  count: z.number().int().positive(),
  turns: z.array(z.number().int()),
})
export type KeywordHit = z.infer<typeof KeywordHit>

export const Summary = z.object({
  text: z.string(),
  source: z.enum(['offline', 'llm']),
})
export type Summary = z.infer<typeof Summary>

export const CallAnalysis = z.object({
  callId: z.string(),
  /** Which analyser produced it, e.g. "offline-1"; a re-run records its own. */
  analyzerVersion: z.string(),
  analyzedAt: z.string(),
  durationSeconds: z.number().int().nonnegative(),
  turns: z.number().int().nonnegative(),
  customerTurns: z.number().int().nonnegative(),
  /** Voice calls only: seconds each side spoke; null for chat. */
  talkSeconds: z.object({ customer: z.number(), agent: z.number() }).nullable(),
  /** The caller talking over the agent, counted from the voice worker's events; 0 for chat. */
  interruptions: z.number().int().nonnegative(),
  outcome: CallOutcome,
  outcomeEvidence: OutcomeEvidence,
  /** The intents the crew recognised, in the order they came up (repeats collapsed). */
  intents: z.array(z.string()),
  sentiment: z.union([Sentiment, z.literal(INSUFFICIENT)]),
  keywords: z.array(KeywordHit),
  topTerms: z.array(z.object({ term: z.string(), count: z.number().int().positive() })),
  summary: z.union([Summary, z.literal(INSUFFICIENT)]),
})
export type CallAnalysis = z.infer<typeof CallAnalysis>

/** The label a call is filtered and counted by: a sentiment label, or `insufficient`. */
export type SentimentFilter = SentimentLabel | typeof INSUFFICIENT
export const sentimentLabelOf = (analysis: Pick<CallAnalysis, 'sentiment'>): SentimentFilter =>
  analysis.sentiment === INSUFFICIENT ? INSUFFICIENT : analysis.sentiment.label
