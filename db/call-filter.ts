/**
 * The filters the calls list, its CSV export and analytics share, as SQL over `calls c` left-joined
 * with `call_analyses a`. Dates are the dealership's local days: `from` and `to` are whole days,
 * both included, turned into instants by PostgreSQL's own time-zone rules (daylight saving included).
 */
import { sql, type SQL } from 'drizzle-orm'
import type { CallOutcome, SentimentFilter } from '../domain/call-analysis'
import type { CallStatus, Channel } from '../domain/call-state'

export interface CallFilter {
  /** First local day, YYYY-MM-DD, included. */
  from?: string
  /** Last local day, YYYY-MM-DD, included. */
  to?: string
  status?: CallStatus
  channel?: Channel
  outcome?: CallOutcome
  sentiment?: SentimentFilter
  /** The intent the call ended on (calls.intent). */
  intent?: string
  /** Local hour of the start, 0-23 (the "busiest hours" chart links here). */
  hour?: number
  /**
   * The agent profile that took the call, read from `state.agent.agentId` (CONTRACT.md, turn 2). Until
   * the agents issue writes that field, no call has an agent and this filter matches none.
   */
  agentId?: string
  /** Words said in the transcript (full-text), or part of the phone, customer name or call id. */
  q?: string
}

/** The instant a local day starts, in the dealership's time zone. */
export const localDayStart = (date: string, timeZone: string): SQL =>
  sql`((${date}::date)::timestamp at time zone ${timeZone})`

/** `calls.started_at` as a local timestamp (no zone) in the dealership's time zone. */
export const localStart = (timeZone: string): SQL => sql`(c.started_at at time zone ${timeZone})`

/** The tsquery of a search text: web-search syntax, so "oil change" in quotes is a phrase. */
export const searchQuery = (q: string): SQL => sql`websearch_to_tsquery('english', ${q})`

/**
 * `q` as a prefix query over `calls.search` (id, customer name, phone; 'simple' configuration), or
 * null when it has nothing to look up. Something phone-like ("(217) 555-0199", "5550199") becomes
 * its digits (the last 10 of a longer number); words match as prefixes ("Smi" finds Smith). Only
 * letters, digits, _ and - reach the query, each word quoted, so no input breaks its syntax.
 */
export function identityQueryText(q: string): string | null {
  const digits = q.replace(/\D/g, '')
  if (/^[\d\s()+.-]+$/.test(q) && digits.length >= 3) {
    return `'${digits.length > 10 ? digits.slice(-10) : digits}':*`
  }
  const words = q
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}_-]/gu, ''))
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
  return words.length ? words.map((w) => `'${w}':*`).join(' & ') : null
}

/** Matches of `q` on what identifies a call rather than what was said (by calls_search_idx). */
export function identityMatch(q: string): SQL {
  const text = identityQueryText(q)
  return text === null ? sql`false` : sql`c.search @@ to_tsquery('simple', ${text})`
}

/**
 * The conditions of a filter, to AND together. `q` is left out when `withSearch` is false (the ranked
 * search joins its own hits instead).
 */
export function callFilterConditions(f: CallFilter, timeZone: string, withSearch = true): SQL[] {
  const where: SQL[] = []
  if (f.from) where.push(sql`c.started_at >= ${localDayStart(f.from, timeZone)}`)
  if (f.to) where.push(sql`c.started_at < ${localDayStart(f.to, timeZone)} + interval '1 day'`)
  if (f.status) where.push(sql`c.status = ${f.status}`)
  if (f.channel) where.push(sql`c.channel = ${f.channel}`)
  if (f.outcome) where.push(sql`a.outcome = ${f.outcome}`)
  if (f.sentiment) where.push(sql`a.sentiment_label = ${f.sentiment}`)
  if (f.intent) where.push(sql`c.intent = ${f.intent}`)
  if (f.hour !== undefined) where.push(sql`extract(hour from ${localStart(timeZone)}) = ${f.hour}`)
  if (f.agentId) where.push(sql`c.state->'agent'->>'agentId' = ${f.agentId}`)
  if (withSearch && f.q) {
    where.push(sql`(c.id in (select t.call_id from transcript_lines t where t.search @@ ${searchQuery(f.q)})
      or ${identityMatch(f.q)})`)
  }
  return where
}

/** `where a and b and ...`, or nothing. */
export function whereClause(conditions: SQL[]): SQL {
  return conditions.length ? sql`where ${sql.join(conditions, sql` and `)}` : sql``
}
