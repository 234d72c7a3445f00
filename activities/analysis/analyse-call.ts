/**
 * The post-call analysis of one call, computed from its stored record (calls row, transcript lines,
 * turns, event log, tasks, appointments). Each part lives in its own file; this puts them together.
 * Under two customer turns there is too little to judge: sentiment and summary are `insufficient`.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { CallRecord } from '../../db/call-analyses'
import { INSUFFICIENT, type CallAnalysis, type Summary } from '../../domain/call-analysis'
import type { Logger } from '../../lib/logger'
import { BOOKING_INTENTS, customerLines, intentPath } from './call-facts'
import { keywordHits, topTerms } from './keywords'
import { llmSummary } from './llm-summary'
import { outcomeOf } from './outcome'
import { lexiconSentiment } from './sentiment'
import { offlineSummary } from './summary'
import { interruptionsOf, talkSecondsOf } from './voice-timing'

/** Bumped whenever what the analyser computes changes; stored with every analysis. */
export const ANALYZER_VERSION = '1'
/** Fewer customer turns than this: sentiment and summary are `insufficient`. */
export const MIN_CUSTOMER_TURNS = 2

export interface AnalyseOptions {
  keywords: readonly string[]
  /** The dealership's time zone: times in the summary are said in it. */
  timeZone: string
  now: Date
  /** The configured LLM (summary); null = offline only. */
  llm: { chat: BaseChatModel; model: string; timeoutMs?: number } | null
  log: Logger
}

export interface AnalysisResult {
  analysis: CallAnalysis
  /** The customer asked for a booking, a reschedule or a cancellation at some point. */
  wantedBooking: boolean
}

export async function analyseCall(record: CallRecord, o: AnalyseOptions): Promise<AnalysisResult> {
  const { call } = record
  const end = call.endedAt ?? o.now
  const durationSeconds = Math.max(0, Math.round((end.getTime() - call.startedAt.getTime()) / 1000))
  const customer = customerLines(record)
  const customerTurns = record.turns.filter((t) => t.author === 'user').length
  const intents = intentPath(record)
  const outcome = outcomeOf(record)
  const enough = customerTurns >= MIN_CUSTOMER_TURNS

  let summary: Summary | typeof INSUFFICIENT = INSUFFICIENT
  let analyzer = `offline-${ANALYZER_VERSION}`
  if (enough) {
    const facts = offlineSummary(record, { outcome, intents, durationSeconds, timeZone: o.timeZone })
    summary = { text: facts, source: 'offline' }
    if (o.llm) {
      const text = await llmSummary(
        { chat: o.llm.chat, log: o.log, timeoutMs: o.llm.timeoutMs },
        { callId: call.id, lines: record.lines, facts },
      )
      if (text) {
        summary = { text, source: 'llm' }
        analyzer = `llm-${ANALYZER_VERSION}/${o.llm.model}`
      }
    }
  }

  const analysis: CallAnalysis = {
    callId: call.id,
    analyzerVersion: analyzer,
    analyzedAt: o.now.toISOString(),
    durationSeconds,
    turns: record.turns.length,
    customerTurns,
    talkSeconds: talkSecondsOf(record),
    interruptions: interruptionsOf(record),
    outcome: outcome.outcome,
    outcomeEvidence: outcome.evidence,
    intents,
    sentiment: enough ? lexiconSentiment(customer) : INSUFFICIENT,
    keywords: keywordHits(customer, o.keywords),
    topTerms: topTerms(customer),
    summary,
  }
  return { analysis, wantedBooking: intents.some((i) => BOOKING_INTENTS.has(i)) }
}
