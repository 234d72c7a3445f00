/**
 * GET /api/analytics against rows this test writes into a database of its own: every figure is
 * recomputed here from the generated rows (own time-zone conversion, own percentiles) and compared.
 * The range spans the start of daylight saving time in America/Chicago (2031-03-09).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CALL_OUTCOMES, type CallOutcome, type SentimentFilter } from '../domain/call-analysis'
import { CHANNELS, type Intent } from '../domain/call-state'
import { createTestApi, errorCode } from './support/api'
import { insertCallRows, type CallRowSpec } from './support/call-rows'
import { createSeededTestDatabase, type TestDatabase } from './support/postgres'

const TZ = 'America/Chicago'
const FROM = '2031-03-05'
const TO = '2031-03-14'

let database: TestDatabase
let api: Awaited<ReturnType<typeof createTestApi>>
const specs: CallRowSpec[] = []

/** A small seeded PRNG (mulberry32), so a failure can be replayed. */
function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rand = prng(12)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!

const local = new Intl.DateTimeFormat('en-CA', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  hourCycle: 'h23',
})
function localOf(iso: string) {
  const p = Object.fromEntries(local.formatToParts(new Date(iso)).map((x) => [x.type, x.value]))
  return { day: `${p.year}-${p.month}-${p.day}`, hour: p.hour! }
}
function percentile(values: number[], p: number): number | null {
  if (!values.length) return null
  const s = [...values].sort((a, b) => a - b)
  const pos = p * (s.length - 1)
  const lo = Math.floor(pos)
  const hi = Math.ceil(pos)
  return s[lo]! + (s[hi]! - s[lo]!) * (pos - lo)
}
const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null)

const INTENTS: Intent[] = ['faq', 'book_service', 'reschedule', 'escalation', 'general']
const KEYWORDS = ['recall', 'warranty', 'price', 'complaint']

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_analytics')
  api = await createTestApi({ databaseUrl: database.url })
  const start = Date.parse('2031-03-04T12:00:00Z')
  const span = Date.parse('2031-03-15T12:00:00Z') - start
  const instants = Array.from({ length: 260 }, () => new Date(start + rand() * span).toISOString())
  // The edges of the range: local midnight of FROM is in, the instant before it is out; the last
  // instant of TO (already daylight time, UTC-5) is in, the next local midnight is out.
  instants.push('2031-03-05T06:00:00.000Z', '2031-03-05T05:59:59.999Z')
  instants.push('2031-03-15T04:59:59.999Z', '2031-03-15T05:00:00.000Z')
  for (const [i, startedAt] of instants.entries()) {
    const status = pick(['ended', 'ended', 'ended', 'active', 'escalated'] as const)
    const analysed = status === 'ended' && rand() < 0.85
    const tasks: CallRowSpec['tasks'] = []
    if (rand() < 0.2)
      tasks.push({ type: 'escalation', status: pick(['pending', 'running', 'completed'] as const) })
    if (rand() < 0.15)
      tasks.push({ type: 'callback', status: pick(['pending', 'completed', 'failed'] as const) })
    const sentiment = pick(['negative', 'neutral', 'positive', 'insufficient'] as const)
    specs.push({
      callId: `call-an-${i}`,
      channel: pick(CHANNELS),
      status,
      startedAt,
      intent: rand() < 0.9 ? pick(INTENTS) : undefined,
      agentId: rand() < 0.3 ? pick(['agent-a', 'agent-b']) : undefined,
      turnMs: Array.from({ length: Math.floor(rand() * 5) }, () => Math.round(200 + rand() * 3000)),
      tasks,
      analysis: analysed
        ? {
            outcome: pick(CALL_OUTCOMES),
            sentiment,
            score: sentiment === 'insufficient' ? null : Math.round((rand() * 2 - 1) * 100) / 100,
            durationSeconds: Math.floor(rand() * 900),
            wantedBooking: rand() < 0.4,
            keywords: KEYWORDS.filter(() => rand() < 0.3).map((keyword) => ({
              keyword,
              count: 1 + Math.floor(rand() * 3),
              turns: [1],
            })),
          }
        : undefined,
    })
  }
  await insertCallRows(api.db, specs)
}, 180_000)
afterAll(async () => {
  await api?.close()
  await database?.drop()
})

/** The figures GET /api/analytics should give for these calls, computed from the specs alone. */
function expectedMetrics(set: CallRowSpec[]) {
  const analysed = set.filter((s) => s.analysis)
  const ended = set.filter((s) => s.status === 'ended')
  const contained = ended.filter((s) => !s.tasks?.length)
  const escalated = set.filter((s) => s.tasks?.some((t) => t.type === 'escalation'))
  const wanted = analysed.filter((s) => s.analysis!.wantedBooking)
  const converted = wanted.filter((s) => ['booked', 'rescheduled'].includes(s.analysis!.outcome))
  const durations = analysed.map((s) => s.analysis!.durationSeconds)
  const count = (label: SentimentFilter) => analysed.filter((s) => s.analysis!.sentiment === label).length
  const scores = analysed.map((s) => s.analysis!.score).filter((x): x is number => x !== null)
  return {
    calls: set.length,
    analyzed: analysed.length,
    ended: ended.length,
    contained: contained.length,
    containmentRate: ended.length ? contained.length / ended.length : null,
    escalated: escalated.length,
    escalationRate: set.length ? escalated.length / set.length : null,
    wantedBooking: wanted.length,
    converted: converted.length,
    bookingConversion: wanted.length ? converted.length / wanted.length : null,
    booked: analysed.filter((s) => s.analysis!.outcome === 'booked').length,
    sentiment: {
      negative: count('negative'),
      neutral: count('neutral'),
      positive: count('positive'),
      insufficient: count('insufficient'),
    },
    avgDurationSeconds: mean(durations),
    p90DurationSeconds: percentile(durations, 0.9),
    avgSentimentScore: mean(scores),
  }
}

function expectMetrics(
  actual: Record<string, unknown>,
  expected: ReturnType<typeof expectedMetrics>,
  what: string,
) {
  for (const [key, value] of Object.entries(expected)) {
    if (typeof value === 'number' && !Number.isInteger(value)) {
      expect(actual[key], `${what} ${key}`).toBeCloseTo(value, 3)
    } else if (typeof value === 'number' && key.endsWith('Seconds')) {
      expect(actual[key], `${what} ${key}`).toBeCloseTo(value, 3)
    } else {
      expect(actual[key], `${what} ${key}`).toEqual(value)
    }
  }
}

const inRange = (extra: (s: CallRowSpec) => boolean = () => true) =>
  specs.filter((s) => {
    const { day } = localOf(s.startedAt)
    return day >= FROM && day <= TO && extra(s)
  })

describe('GET /api/analytics', () => {
  it('totals equal what the rows say, with the range in local days across a DST change', async () => {
    const res = await api.call(`/api/analytics?from=${FROM}&to=${TO}`)
    expect(res.status).toBe(200)
    const set = inRange()
    // The edge instants: two of the four are inside.
    expect(set.some((s) => s.startedAt === '2031-03-05T06:00:00.000Z')).toBe(true)
    expect(set.some((s) => s.startedAt === '2031-03-15T04:59:59.999Z')).toBe(true)
    expect(set.some((s) => s.startedAt === '2031-03-05T05:59:59.999Z')).toBe(false)
    expect(set.length).toBeGreaterThan(150)
    const { totals } = res.body
    expectMetrics(totals, expectedMetrics(set), 'totals')

    const outcomes: Record<string, number> = {}
    for (const s of set)
      if (s.analysis) outcomes[s.analysis.outcome] = (outcomes[s.analysis.outcome] ?? 0) + 1
    expect(totals.outcomes).toEqual(outcomes)

    const callbacks = set.flatMap((s) => s.tasks ?? []).filter((t) => t.type === 'callback')
    expect(totals.callbacks).toEqual({
      promised: callbacks.length,
      kept: callbacks.filter((t) => t.status === 'completed').length,
    })

    // Turns taken in the range (20 s apart from the call's start, tests/support/call-rows.ts).
    const turnMs = specs.flatMap((s) =>
      (s.turnMs ?? []).filter((_, i) => {
        const { day } = localOf(new Date(Date.parse(s.startedAt) + (i + 1) * 20_000).toISOString())
        return day >= FROM && day <= TO
      }),
    )
    expect(totals.turnLatencyMs.turns).toBe(turnMs.length)
    expect(totals.turnLatencyMs.p50).toBeCloseTo(percentile(turnMs, 0.5)!, 3)
    expect(totals.turnLatencyMs.p95).toBeCloseTo(percentile(turnMs, 0.95)!, 3)

    const intents = new Map<string, number>()
    for (const s of set) if (s.intent) intents.set(s.intent, (intents.get(s.intent) ?? 0) + 1)
    const topIntents = [...intents].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    expect(totals.topIntents).toEqual(topIntents.map(([intent, calls]) => ({ intent, calls })))

    const keywords = new Map<string, { calls: number; mentions: number }>()
    for (const s of set)
      for (const k of s.analysis?.keywords ?? []) {
        const e = keywords.get(k.keyword) ?? { calls: 0, mentions: 0 }
        keywords.set(k.keyword, { calls: e.calls + 1, mentions: e.mentions + k.count })
      }
    expect([...totals.topKeywords].sort((a, b) => a.keyword.localeCompare(b.keyword))).toEqual(
      [...keywords]
        .map(([keyword, v]) => ({ keyword, ...v }))
        .sort((a, b) => a.keyword.localeCompare(b.keyword)),
    )
  })

  it('series by day has every day of the range, each equal to the calls of that local day', async () => {
    const res = await api.call(`/api/analytics?from=${FROM}&to=${TO}&groupBy=day`)
    expect(res.status).toBe(200)
    const keys = res.body.series.map((p: { key: string }) => p.key)
    expect(keys).toEqual([
      '2031-03-05',
      '2031-03-06',
      '2031-03-07',
      '2031-03-08',
      '2031-03-09',
      '2031-03-10',
      '2031-03-11',
      '2031-03-12',
      '2031-03-13',
      '2031-03-14',
    ])
    for (const point of res.body.series) {
      expectMetrics(point, expectedMetrics(inRange((s) => localOf(s.startedAt).day === point.key)), point.key)
    }
  })

  it('series by hour, channel and outcome match, and channel and agentId filter', async () => {
    const hours = await api.call(`/api/analytics?from=${FROM}&to=${TO}&groupBy=hour`)
    expect(hours.body.series).toHaveLength(24)
    for (const point of hours.body.series) {
      expectMetrics(
        point,
        expectedMetrics(inRange((s) => localOf(s.startedAt).hour === point.key)),
        `hour ${point.key}`,
      )
    }
    const channels = await api.call(`/api/analytics?from=${FROM}&to=${TO}&groupBy=channel`)
    for (const channel of CHANNELS) {
      const point = channels.body.series.find((p: { key: string }) => p.key === channel)
      expectMetrics(point, expectedMetrics(inRange((s) => s.channel === channel)), channel)
    }
    const outcomes = await api.call(`/api/analytics?from=${FROM}&to=${TO}&groupBy=outcome`)
    for (const point of outcomes.body.series) {
      const set = inRange((s) => (s.analysis?.outcome ?? null) === (point.key as CallOutcome | null))
      expectMetrics(point, expectedMetrics(set), `outcome ${point.key}`)
    }
    const phone = await api.call(`/api/analytics?from=${FROM}&to=${TO}&channel=phone&groupBy=agent`)
    expectMetrics(phone.body.totals, expectedMetrics(inRange((s) => s.channel === 'phone')), 'phone')
    for (const point of phone.body.series) {
      const set = inRange((s) => s.channel === 'phone' && (s.agentId ?? null) === point.key)
      expectMetrics(point, expectedMetrics(set), `agent ${point.key}`)
    }
    const agent = await api.call(`/api/analytics?from=${FROM}&to=${TO}&agentId=agent-a`)
    expectMetrics(agent.body.totals, expectedMetrics(inRange((s) => s.agentId === 'agent-a')), 'agent-a')
  })

  it('an empty range answers zeros and nulls, not errors', async () => {
    const res = await api.call('/api/analytics?from=2020-01-01&to=2020-01-03')
    expect(res.status).toBe(200)
    expect(res.body.totals).toMatchObject({ calls: 0, containmentRate: null, avgDurationSeconds: null })
    expect(res.body.series.map((p: { calls: number }) => p.calls)).toEqual([0, 0, 0])
  })

  it('refuses bad ranges and parameters with 400 JSON', async () => {
    for (const query of [
      'from=2031-03-10&to=2031-03-09',
      'from=2031-02-30&to=2031-03-01',
      'from=yesterday',
      'to=2031-3-1',
      'from=2029-01-01&to=2031-01-01',
      'from=2000-01-01',
      'groupBy=week',
      'channel=fax',
      'agentId=a%20b',
      'unknown=1',
    ]) {
      const res = await api.call(`/api/analytics?${query}`)
      expect(res.status, query).toBe(400)
      expect(errorCode(res.body), query).toBe('invalid_request')
    }
  })
})
