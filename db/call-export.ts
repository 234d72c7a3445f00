/**
 * The calls of a filter with their analysis, for the CSV export: read in batches along the
 * (started_at, id) index, newest first, so memory holds one batch however many calls match and the
 * database never sorts the whole set.
 */
import { sql } from 'drizzle-orm'
import { callFilterConditions, whereClause, type CallFilter } from './call-filter'
import type { Db } from './client'
import { isoOf, numberOf, rawRows } from './raw-rows'

/** One row of the export; the column order of the CSV is the key order here. */
export interface CallExportRow {
  callId: string
  startedAt: string
  endedAt: string | null
  channel: string
  status: string
  customerName: string | null
  customerPhone: string | null
  intent: string | null
  turnCount: number
  outcome: string | null
  sentiment: string | null
  sentimentScore: number | null
  durationSeconds: number | null
  turns: number | null
  customerTurns: number | null
  interruptions: number | null
  wantedBooking: boolean | null
  /** "keyword:count; …" */
  keywords: string | null
  summary: string | null
  analyzerVersion: string | null
}

export const CALL_EXPORT_COLUMNS: (keyof CallExportRow)[] = [
  'callId',
  'startedAt',
  'endedAt',
  'channel',
  'status',
  'customerName',
  'customerPhone',
  'intent',
  'turnCount',
  'outcome',
  'sentiment',
  'sentimentScore',
  'durationSeconds',
  'turns',
  'customerTurns',
  'interruptions',
  'wantedBooking',
  'keywords',
  'summary',
  'analyzerVersion',
]

export const EXPORT_BATCH_ROWS = 1000

/** Every call of the filter, newest first, fetched `batchRows` at a time. */
export async function* exportCalls(
  db: Db,
  timeZone: string,
  filter: CallFilter,
  batchRows = EXPORT_BATCH_ROWS,
): AsyncGenerator<CallExportRow> {
  let after: { startedAt: string; id: string } | null = null
  for (;;) {
    const where = callFilterConditions(filter, timeZone)
    if (after) where.push(sql`(c.started_at, c.id) < (${after.startedAt}::timestamptz, ${after.id})`)
    const rows: Record<string, unknown>[] = await rawRows(
      db,
      sql`select c.id, c.started_at, c.started_at::text as started_at_text, c.ended_at, c.channel, c.status,
          c.state->'customer'->>'name' as customer_name, c.customer_phone, c.intent, c.turn_count,
          a.outcome, a.sentiment_label, a.sentiment_score, a.duration_seconds, a.turns, a.customer_turns,
          a.interruptions, a.wanted_booking, a.analyzer_version,
          case when jsonb_typeof(a.analysis->'summary') = 'object' then a.analysis->'summary'->>'text'
               else a.analysis->>'summary' end as summary,
          (select string_agg((k->>'keyword') || ':' || (k->>'count'), '; ')
             from jsonb_array_elements(case when jsonb_typeof(a.analysis->'keywords') = 'array'
                                            then a.analysis->'keywords' else '[]'::jsonb end) k) as keywords
        from calls c left join call_analyses a on a.call_id = c.id
        ${whereClause(where)}
        order by c.started_at desc, c.id desc
        limit ${batchRows}`,
    )
    for (const r of rows) yield toExportRow(r)
    const last = rows.at(-1)
    if (rows.length < batchRows || !last) return
    // Full microsecond precision: a JavaScript Date would round the key to milliseconds and skip rows.
    after = { startedAt: String(last.started_at_text), id: String(last.id) }
  }
}

function toExportRow(r: Record<string, unknown>): CallExportRow {
  return {
    callId: String(r.id),
    startedAt: isoOf(r.started_at)!,
    endedAt: isoOf(r.ended_at),
    channel: String(r.channel),
    status: String(r.status),
    customerName: (r.customer_name as string | null) ?? null,
    customerPhone: (r.customer_phone as string | null) ?? null,
    intent: (r.intent as string | null) ?? null,
    turnCount: Number(r.turn_count),
    outcome: (r.outcome as string | null) ?? null,
    sentiment: (r.sentiment_label as string | null) ?? null,
    sentimentScore: numberOf(r.sentiment_score),
    durationSeconds: numberOf(r.duration_seconds),
    turns: numberOf(r.turns),
    customerTurns: numberOf(r.customer_turns),
    interruptions: numberOf(r.interruptions),
    wantedBooking:
      r.wanted_booking === null || r.wanted_booking === undefined ? null : Boolean(r.wanted_booking),
    keywords: (r.keywords as string | null) ?? null,
    summary: (r.summary as string | null) ?? null,
    analyzerVersion: (r.analyzer_version as string | null) ?? null,
  }
}
