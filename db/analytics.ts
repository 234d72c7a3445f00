/**
 * Analytics over the calls of a range of local days (domain/analytics.ts), computed in one SQL
 * statement: the calls of the range are read once into a CTE of per-call facts, and every total and
 * the series aggregate that.
 *
 * Definitions (docs/api.md repeats them):
 * - duration, outcome and sentiment figures count calls that have a post-call analysis;
 * - contained: an ended call with no escalation or callback task; escalated: a call with an escalation task;
 * - booking conversion: of the analysed calls that wanted a booking, those booked or rescheduled;
 * - callbacks promised: callback tasks of the range's calls; kept: those completed;
 * - turn latency: call_turns.duration_ms of the turns taken in the range (of the channel's / agent's
 *   calls when filtered).
 */
import { sql, type SQL } from 'drizzle-orm'
import type {
  AnalyticsGroupBy,
  AnalyticsPoint,
  AnalyticsReport,
  AnalyticsTotals,
  CallMetrics,
} from '../domain/analytics'
import { addDays } from '../domain/time'
import { callFilterConditions, localDayStart, localStart, whereClause, type CallFilter } from './call-filter'
import type { Db } from './client'
import { rawRowsWithoutJit } from './raw-rows'

export interface AnalyticsQuery {
  from: string
  to: string
  groupBy: AnalyticsGroupBy
  channel?: CallFilter['channel']
  agentId?: string
}

const TOP = 10

const GROUP_KEY: Record<AnalyticsGroupBy, SQL> = {
  day: sql`to_char(day, 'YYYY-MM-DD')`,
  hour: sql`lpad(hour::text, 2, '0')`,
  channel: sql`channel`,
  outcome: sql`outcome`,
  intent: sql`intent`,
  agent: sql`agent_id`,
}

/** The measures of a set of `facts` rows, as one json object (counts; rates are made in TypeScript). */
const METRICS = sql`json_build_object(
  'calls', count(*),
  'analyzed', count(*) filter (where analyzed),
  'avgDurationSeconds', avg(duration_seconds),
  'p90DurationSeconds', percentile_cont(0.9) within group (order by duration_seconds),
  'ended', count(*) filter (where status = 'ended'),
  'contained', count(*) filter (where status = 'ended' and not has_task),
  'escalated', count(*) filter (where escalated),
  'wantedBooking', count(*) filter (where wanted_booking),
  'converted', count(*) filter (where wanted_booking and outcome in ('booked', 'rescheduled')),
  'booked', count(*) filter (where outcome = 'booked'),
  'negative', count(*) filter (where sentiment_label = 'negative'),
  'neutral', count(*) filter (where sentiment_label = 'neutral'),
  'positive', count(*) filter (where sentiment_label = 'positive'),
  'insufficient', count(*) filter (where sentiment_label = 'insufficient'),
  'avgSentimentScore', avg(sentiment_score))`

type RawMetrics = Record<string, number | string | null>

export async function analytics(db: Db, timeZone: string, q: AnalyticsQuery): Promise<AnalyticsReport> {
  const filter: CallFilter = { from: q.from, to: q.to, channel: q.channel, agentId: q.agentId }
  const key = GROUP_KEY[q.groupBy]
  // The agent is inside the calls row's jsonb state: reading it costs a detoast per call, so only
  // when it is asked for.
  const agent = q.groupBy === 'agent' ? sql`c.state->'agent'->>'agentId'` : sql`null::text`
  // Turns taken in the range (call_turns_at_idx); joined to their calls only when a filter needs them.
  const latencyJoin =
    q.channel || q.agentId
      ? sql`join calls c on c.id = t.call_id and ${sql.join(
          callFilterConditions({ channel: q.channel, agentId: q.agentId }, timeZone),
          sql` and `,
        )}`
      : sql``
  const [row] = await rawRowsWithoutJit<{ report: unknown }>(
    db,
    sql`with facts as materialized (
        select c.id, c.channel, c.status, c.intent, ${agent} as agent_id,
          local_start::date as day, extract(hour from local_start)::int as hour,
          a.call_id is not null as analyzed, a.outcome, a.sentiment_label, a.sentiment_score,
          a.duration_seconds, coalesce(a.wanted_booking, false) as wanted_booking,
          coalesce(e.escalations, 0) > 0 as escalated, e.call_id is not null as has_task,
          case when jsonb_typeof(a.analysis->'keywords') = 'array' then a.analysis->'keywords' end as keywords
        from calls c
        cross join lateral (select ${localStart(timeZone)} as local_start) l
        left join call_analyses a on a.call_id = c.id
        left join (
          select call_id, count(*) filter (where task_type = 'escalation') as escalations
          from escalation_tasks group by call_id
        ) e on e.call_id = c.id
        ${whereClause(callFilterConditions(filter, timeZone))}
      )
      select json_build_object(
        'totals', (select ${METRICS} from facts),
        'outcomes', (select coalesce(json_object_agg(outcome, n), '{}') from
          (select outcome, count(*) as n from facts where outcome is not null group by outcome) o),
        'callbacks', (select json_build_object('promised', count(*), 'kept', count(*) filter (where t.status = 'completed'))
          from escalation_tasks t join facts f on f.id = t.call_id where t.task_type = 'callback'),
        'intents', (select coalesce(json_agg(json_build_object('intent', intent, 'calls', n) order by n desc, intent), '[]')
          from (select intent, count(*) as n from facts where intent is not null
                group by intent order by n desc, intent limit ${TOP}) i),
        'keywords', (select coalesce(json_agg(json_build_object('keyword', keyword, 'calls', calls, 'mentions', mentions)
            order by calls desc, mentions desc, keyword), '[]')
          from (select k->>'keyword' as keyword, count(distinct f.id) as calls, sum((k->>'count')::int) as mentions
                from facts f cross join jsonb_array_elements(f.keywords) k
                group by 1 order by calls desc, mentions desc, keyword limit ${TOP}) kw),
        'latency', (select json_build_object('turns', count(t.duration_ms),
            'p50', percentile_cont(0.5) within group (order by t.duration_ms),
            'p95', percentile_cont(0.95) within group (order by t.duration_ms))
          from call_turns t ${latencyJoin}
          where t.duration_ms is not null and t.at >= ${localDayStart(q.from, timeZone)}
            and t.at < ${localDayStart(q.to, timeZone)} + interval '1 day'),
        'series', (select coalesce(json_agg(json_build_object('key', key, 'metrics', metrics) order by key nulls last), '[]')
          from (select ${key} as key, ${METRICS} as metrics from facts group by 1) s)
      ) as report`,
  )
  const report = (typeof row?.report === 'string' ? JSON.parse(row.report) : row?.report) as RawReport
  const totals: AnalyticsTotals = {
    ...metricsOf(report.totals),
    outcomes: Object.fromEntries(Object.entries(report.outcomes).map(([k, v]) => [k, Number(v)])),
    callbacks: { promised: Number(report.callbacks.promised), kept: Number(report.callbacks.kept) },
    topIntents: report.intents.map((i) => ({ intent: i.intent, calls: Number(i.calls) })),
    topKeywords: report.keywords.map((k) => ({
      keyword: k.keyword,
      calls: Number(k.calls),
      mentions: Number(k.mentions),
    })),
    turnLatencyMs: {
      turns: Number(report.latency.turns),
      p50: nullableNumber(report.latency.p50),
      p95: nullableNumber(report.latency.p95),
    },
  }
  const series = report.series.map((p) => ({ key: p.key, ...metricsOf(p.metrics) }))
  return {
    from: q.from,
    to: q.to,
    timeZone,
    groupBy: q.groupBy,
    totals,
    series: fillGaps(q, series),
  }
}

interface RawReport {
  totals: RawMetrics
  outcomes: Record<string, number>
  callbacks: { promised: number; kept: number }
  intents: { intent: string; calls: number }[]
  keywords: { keyword: string; calls: number; mentions: number }[]
  latency: { turns: number; p50: number | null; p95: number | null }
  series: { key: string | null; metrics: RawMetrics }[]
}

const nullableNumber = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v))
const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null)

function metricsOf(m: RawMetrics): CallMetrics {
  const n = (k: string) => Number(m[k] ?? 0)
  return {
    calls: n('calls'),
    analyzed: n('analyzed'),
    avgDurationSeconds: nullableNumber(m.avgDurationSeconds),
    p90DurationSeconds: nullableNumber(m.p90DurationSeconds),
    ended: n('ended'),
    contained: n('contained'),
    containmentRate: ratio(n('contained'), n('ended')),
    escalated: n('escalated'),
    escalationRate: ratio(n('escalated'), n('calls')),
    wantedBooking: n('wantedBooking'),
    converted: n('converted'),
    bookingConversion: ratio(n('converted'), n('wantedBooking')),
    booked: n('booked'),
    sentiment: {
      negative: n('negative'),
      neutral: n('neutral'),
      positive: n('positive'),
      insufficient: n('insufficient'),
    },
    avgSentimentScore: nullableNumber(m.avgSentimentScore),
  }
}

const EMPTY: Omit<AnalyticsPoint, 'key'> = metricsOf({})

/** Days and hours with no call still get their point, so a chart's axis has no holes. */
function fillGaps(q: AnalyticsQuery, series: AnalyticsPoint[]): AnalyticsPoint[] {
  let keys: string[]
  if (q.groupBy === 'day') {
    keys = []
    for (let d = q.from; d <= q.to; d = addDays(d, 1)) keys.push(d)
  } else if (q.groupBy === 'hour') {
    keys = Array.from({ length: 24 }, (_, h) => String(h).padStart(2, '0'))
  } else {
    return series
  }
  const byKey = new Map(series.map((p) => [p.key, p]))
  return keys.map((key) => byKey.get(key) ?? { key, ...EMPTY })
}
