/**
 * The calls list (GET /api/calls): filtered, newest first with a keyset cursor; or, with a search
 * text, ranked by how well the transcript matches, each hit with a highlighted snippet of its best line.
 *
 * Ranking: a call's score is the ts_rank of its best-matching transcript line, plus 1 when the text
 * matches its id, phone or customer name (calls.search; an exact lookup beats any transcript hit).
 * Both come from GIN indexes, so the work grows with the matches, not with the calls. Ranked pages are
 * paged by offset: keyset paging needs a stable sort key, and a float rank is not one to round-trip.
 */
import type { CallSummary, SearchHit } from '../domain/call-summary'
import { sql } from 'drizzle-orm'
import type { CallOutcome, SentimentFilter } from '../domain/call-analysis'
import type { AgentName, CallStatus, Channel, Intent } from '../domain/call-state'
import {
  callFilterConditions,
  identityQueryText,
  searchQuery,
  whereClause,
  type CallFilter,
} from './call-filter'
import type { Db } from './client'
import { isoOf, numberOf, rawRows, rawRowsWithoutJit } from './raw-rows'

/**
 * Where a page starts: after a call (newest-first order; its start as ISO 8601 UTC with the
 * database's microseconds, so no call that started in the same millisecond is skipped) or after a
 * number of ranked hits.
 */
export type CallListCursor = { startedAt: string; id: string } | { offset: number }

export type { CallSummary, SearchHit }

export interface CallListQuery extends CallFilter {
  limit: number
  cursor?: CallListCursor
}

export interface CallListPage {
  items: CallSummary[]
  nextCursor: CallListCursor | null
  /** How many calls match the filter in all, over every page. */
  total: number
}

const SUMMARY_COLUMNS = sql`c.id, c.channel, c.status, c.customer_phone, c.state->'customer'->>'name' as customer_name,
  c.intent, c.current_agent, c.turn_count, c.started_at, c.ended_at,
  a.outcome, a.sentiment_label, a.sentiment_score,
  to_char(c.started_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as started_at_key`

type SummaryRow = Record<string, unknown>

function toSummary(r: SummaryRow): CallSummary {
  return {
    callId: r.id as string,
    channel: r.channel as Channel,
    status: r.status as CallStatus,
    customerPhone: (r.customer_phone as string | null) ?? null,
    customerName: (r.customer_name as string | null) ?? null,
    intent: (r.intent as Intent | null) ?? null,
    currentAgent: r.current_agent as AgentName,
    turnCount: Number(r.turn_count),
    startedAt: isoOf(r.started_at)!,
    endedAt: isoOf(r.ended_at),
    outcome: (r.outcome as CallOutcome | null) ?? null,
    sentiment: (r.sentiment_label as SentimentFilter | null) ?? null,
    sentimentScore: numberOf(r.sentiment_score),
  }
}

export async function listCalls(db: Db, timeZone: string, f: CallListQuery): Promise<CallListPage> {
  return f.q ? searchCalls(db, timeZone, f, f.q) : newestCalls(db, timeZone, f)
}

async function newestCalls(db: Db, timeZone: string, f: CallListQuery): Promise<CallListPage> {
  const conditions = callFilterConditions(f, timeZone)
  const page = [...conditions]
  const cursor = f.cursor && 'startedAt' in f.cursor ? f.cursor : undefined
  if (cursor) {
    page.push(sql`(c.started_at, c.id) < (${cursor.startedAt}::timestamptz, ${cursor.id})`)
  }
  const from = sql`from calls c left join call_analyses a on a.call_id = c.id`
  const [rows, [counted]] = await Promise.all([
    rawRows(
      db,
      sql`select ${SUMMARY_COLUMNS} ${from} ${whereClause(page)}
          order by c.started_at desc, c.id desc limit ${f.limit + 1}`,
    ),
    rawRows<{ n: unknown }>(db, sql`select count(*) as n ${from} ${whereClause(conditions)}`),
  ])
  const items = rows.slice(0, f.limit).map(toSummary)
  const last = rows[f.limit - 1]
  return {
    items,
    nextCursor:
      rows.length > f.limit && last ? { startedAt: String(last.started_at_key), id: String(last.id) } : null,
    total: Number(counted?.n ?? 0),
  }
}

/**
 * Ranked search. The hits come from the GIN index on transcript_lines.search (one best line per
 * call); ts_headline, the costly part, runs only on the lines of the page returned.
 */
async function searchCalls(db: Db, timeZone: string, f: CallListQuery, q: string): Promise<CallListPage> {
  const offset = f.cursor && 'offset' in f.cursor ? f.cursor.offset : 0
  const identity = identityQueryText(q)
  const rows = await rawRowsWithoutJit(
    db,
    sql`with query as (select ${searchQuery(q)} as tsq),
      hits as (
        select distinct on (t.call_id) t.call_id, t.seq, ts_rank(t.search, query.tsq) as rank
        from transcript_lines t, query
        where t.search @@ query.tsq
        order by t.call_id, rank desc, t.seq
      ),
      ids as (
        select c.id as call_id from calls c
        where ${identity === null ? sql`false` : sql`c.search @@ to_tsquery('simple', ${identity})`}
      ),
      candidates as (
        select coalesce(h.call_id, i.call_id) as call_id, h.seq,
          coalesce(h.rank, 0) + case when i.call_id is not null then 1 else 0 end as score
        from hits h full join ids i on i.call_id = h.call_id
      ),
      matched as (
        select ${SUMMARY_COLUMNS}, m.seq as hit_seq, m.score, count(*) over () as total
        from candidates m join calls c on c.id = m.call_id left join call_analyses a on a.call_id = c.id
        ${whereClause(callFilterConditions(f, timeZone, false))}
        order by m.score desc, c.started_at desc, c.id desc
        limit ${f.limit + 1} offset ${offset}
      )
      select m.*, (
        select ts_headline('english',
          replace(replace(replace(t.text, '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), query.tsq,
          'StartSel=<mark>, StopSel=</mark>, MaxWords=24, MinWords=8, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "')
        from transcript_lines t, query where t.call_id = m.id and t.seq = m.hit_seq
      ) as snippet
      from matched m order by m.score desc, m.started_at desc, m.id desc`,
  )
  const items = rows.slice(0, f.limit).map((r) => ({
    ...toSummary(r),
    rank: Number(r.score),
    hit: r.hit_seq === null ? null : { seq: Number(r.hit_seq), snippet: String(r.snippet ?? '') },
  }))
  // count(*) over () is the count before limit/offset; an offset past the end has no row to carry it.
  const total = rows[0] ? Number(rows[0].total) : offset === 0 ? 0 : await countMatches(db, timeZone, f)
  return {
    items,
    nextCursor: rows.length > f.limit ? { offset: offset + f.limit } : null,
    total,
  }
}

async function countMatches(db: Db, timeZone: string, f: CallFilter): Promise<number> {
  const [row] = await rawRows<{ n: unknown }>(
    db,
    sql`select count(*) as n from calls c left join call_analyses a on a.call_id = c.id
        ${whereClause(callFilterConditions(f, timeZone))}`,
  )
  return Number(row?.n ?? 0)
}
