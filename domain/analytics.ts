/**
 * What GET /api/analytics answers: totals over a range of the dealership's local days, and a series
 * grouped by one dimension. Counts come with the rates made from them, so a client can re-aggregate.
 */
import { z } from 'zod'

export const ANALYTICS_GROUP_BYS = ['day', 'hour', 'channel', 'outcome', 'intent', 'agent'] as const
export const AnalyticsGroupBy = z.enum(ANALYTICS_GROUP_BYS)
export type AnalyticsGroupBy = z.infer<typeof AnalyticsGroupBy>

/** The longest range one request may cover, in days (a year and a leap day). */
export const MAX_ANALYTICS_DAYS = 366
/** The range when none is given: the last 30 local days, today included. */
export const DEFAULT_ANALYTICS_DAYS = 30

/** Calls counted by their post-call sentiment label; `insufficient` = too short to judge. */
export interface SentimentCounts {
  negative: number
  neutral: number
  positive: number
  insufficient: number
}

/** The measures of a set of calls (all calls of the range, or one group of the series). */
export interface CallMetrics {
  calls: number
  /** Calls that have a post-call analysis; duration, outcome and sentiment figures count only these. */
  analyzed: number
  avgDurationSeconds: number | null
  p90DurationSeconds: number | null
  /** Ended calls, and those of them with no escalation or callback task: nobody but the crew was needed. */
  ended: number
  contained: number
  /** contained / ended. */
  containmentRate: number | null
  /** Calls with an escalation task (handed to a person). */
  escalated: number
  /** escalated / calls. */
  escalationRate: number | null
  /** Calls whose customer wanted a booking, reschedule or cancel, and those of them booked or rescheduled. */
  wantedBooking: number
  converted: number
  /** converted / wantedBooking. */
  bookingConversion: number | null
  /** Calls with outcome `booked`. */
  booked: number
  sentiment: SentimentCounts
  /** Mean sentiment score of the calls that have one, -1 .. 1. */
  avgSentimentScore: number | null
}

export interface AnalyticsTotals extends CallMetrics {
  outcomes: Record<string, number>
  callbacks: { promised: number; kept: number }
  topIntents: { intent: string; calls: number }[]
  topKeywords: { keyword: string; calls: number; mentions: number }[]
  turnLatencyMs: { turns: number; p50: number | null; p95: number | null }
}

export interface AnalyticsPoint extends CallMetrics {
  /** The group: YYYY-MM-DD, HH (00-23), a channel, outcome, intent or agent id; null = none/unknown. */
  key: string | null
}

export interface AnalyticsReport {
  from: string
  to: string
  timeZone: string
  groupBy: AnalyticsGroupBy
  totals: AnalyticsTotals
  series: AnalyticsPoint[]
}
