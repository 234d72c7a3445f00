/** A row of `GET /api/calls`: what the calls list shows of a call, with its analysis and search hit. */
import type { AgentName, CallStatus, Channel, Intent } from './call-state'
import type { CallOutcome, SentimentFilter } from './call-analysis'

/** The best transcript line of a search hit. */
export interface SearchHit {
  /** The line's seq in the call's transcript. */
  seq: number
  /**
   * The line around the matched words, HTML-escaped, with each match in `<mark>…</mark>`: safe to
   * insert as HTML, or to split on the marks.
   */
  snippet: string
}

export interface CallSummary {
  callId: string
  channel: Channel
  status: CallStatus
  customerPhone: string | null
  customerName: string | null
  intent: Intent | null
  currentAgent: AgentName
  turnCount: number
  startedAt: string
  endedAt: string | null
  /** From the post-call analysis; null until the call has one. */
  outcome: CallOutcome | null
  sentiment: SentimentFilter | null
  sentimentScore: number | null
  /** With a search text: the score the list is sorted by, and the transcript line that matched (if any). */
  rank?: number
  hit?: SearchHit | null
}
