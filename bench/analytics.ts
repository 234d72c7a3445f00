/**
 * `npm run bench:analytics`: analytics, transcript search and CSV export over 100,000 generated calls
 * in PostgreSQL (a database of its own on 127.0.0.1:5432, dropped at the end). The calls, their
 * transcripts (4 lines each), turns, tasks and analyses are generated inside PostgreSQL with
 * generate_series, then the API is driven in-process (Hono's app.request), so the memory sampled
 * during the export is the API's own process. Prints markdown for docs/performance.md. Not a test.
 *
 * Targets (issue #12): analytics for 90 days <= 200 ms, search p95 <= 100 ms, CSV export of 10,000
 * calls <= 5 s with memory flat in the number of rows.
 */
import { readFileSync } from 'node:fs'
import { sql as sqlTag } from 'drizzle-orm'
import postgres from 'postgres'
import { createApp } from '../api/app'
import { openDb } from '../db/client'
import { rawRows } from '../db/raw-rows'
import { addDays, localDateTime } from '../domain/time'
import { createLogger } from '../lib/logger'
import { createTestDatabase } from '../tests/support/postgres'
import { loadAverage, ms, summarize } from './stats'

const CALLS = Number(process.argv[2] ?? 100_000)
/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in these. */
const CLOCK_TICKS = 100
const TZ = 'America/Chicago'
const loadAtStart = loadAverage()
const out: string[] = []
const say = (line: string) => {
  out.push(line)
  console.log(line)
}

// BENCH_DATABASE_URL: an existing database to fill once and keep (for EXPLAIN between runs).
const kept = process.env.BENCH_DATABASE_URL
const database = kept ? { url: kept, drop: async () => {} } : await createTestDatabase('pitcrew_bench')
// One connection: every request's queries run on one backend, whose CPU time /proc tells.
const handle = await openDb({ databaseUrl: database.url, maxConnections: 1 })
const sql = postgres(database.url, { max: 1, onnotice: () => {} })
try {
  await handle.migrate()
  const [existing] = await sql<{ n: number }[]>`select count(*)::int as n from calls`
  const generated =
    existing!.n > 0 ? { ms: 0, rows: `${existing!.n} calls kept` } : await generate(sql, CALLS)
  const app = createApp({
    db: handle.db,
    log: createLogger('silent'),
    dealershipTimeZone: TZ,
    maxBodyBytes: 64 * 1024,
    health: [],
    version: 'bench',
  })
  const today = localDateTime(new Date(), TZ).date
  const from90 = addDays(today, -89)

  const backendPid = Number(
    (await rawRows<{ pid: number }>(handle.db, sqlTag`select pg_backend_pid() as pid`))[0]!.pid,
  )
  /** CPU milliseconds PostgreSQL's backend and this process have used so far (load-independent). */
  const cpuMs = () => {
    const fields = readFileSync(`/proc/${backendPid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    const ticks = Number(fields[11]) + Number(fields[12]) // utime, stime (fields 14, 15 of stat)
    const own = process.cpuUsage()
    return (ticks * 1000) / CLOCK_TICKS + (own.user + own.system) / 1000
  }

  /**
   * Milliseconds of each of `runs` requests (after `warmup` unmeasured ones), all answered 200, and
   * the mean CPU time per request (database backend + API process): on a machine shared with other
   * work the wall time measures the queue for a core as much as the query.
   */
  const time = async (path: string, runs: number, warmup = 2) => {
    const samples: number[] = []
    let cpu = 0
    for (let i = 0; i < warmup + runs; i++) {
      const cpuBefore = cpuMs()
      const started = performance.now()
      const res = await app.request(path)
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`${path}: ${res.status}`)
      if (i >= warmup) {
        samples.push(performance.now() - started)
        cpu += cpuMs() - cpuBefore
      }
    }
    return { ...summarize(samples), cpu: cpu / runs }
  }

  say(
    `\n${CALLS.toLocaleString('en-US')} calls generated in ${(generated.ms / 1000).toFixed(1)} s: ` +
      `${generated.rows} (load average before: ${loadAtStart})\n`,
  )
  say('| measure | n | p50 ms | p95 ms | max ms | CPU ms / request | target | met |')
  say('| --- | --- | --- | --- | --- | --- | --- | --- |')
  const row = (
    what: string,
    s: ReturnType<typeof summarize> & { cpu?: number },
    target: number,
    by: 'p50' | 'p95',
  ) =>
    say(
      `| ${what} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.max)} | ${s.cpu === undefined ? '—' : ms(s.cpu)} | ${by} ≤ ${target} | ${s[by] <= target ? 'yes' : '**no**'} |`,
    )

  const [counted] = await sql<{ n: number }[]>`
    select count(*)::int as n from calls where started_at >= (${from90}::date::timestamp at time zone ${TZ})`
  for (const groupBy of ['day', 'hour', 'outcome', 'intent'] as const) {
    row(
      `analytics, 90 days (${counted!.n} calls), groupBy=${groupBy}`,
      await time(`/api/analytics?from=${from90}&to=${today}&groupBy=${groupBy}`, 20),
      200,
      'p50',
    )
  }
  row(
    'analytics, 365 days, groupBy=day',
    await time(`/api/analytics?from=${addDays(today, -364)}&to=${today}`, 10),
    200,
    'p50',
  )

  const searches = [
    '"brake pads"',
    'warranty',
    'transmission noise',
    'Quintanilla',
    'ticket 4242',
    '"oil change"',
    'recall airbag',
    'Okafor',
    'tire rotation',
    'complaint',
    'hybrid battery',
    'refund lawyer',
  ]
  const perQuery: string[] = []
  for (const q of searches) {
    const s = await time(`/api/calls?q=${encodeURIComponent(q)}&limit=25`, 10)
    const res = await app.request(`/api/calls?q=${encodeURIComponent(q)}&limit=25`)
    const { total } = (await res.json()) as { total: number }
    perQuery.push(`${q} (${total} hits): p50 ${ms(s.p50)}`)
  }
  // The samples of every query, pooled: the p95 of "a search".
  const pooled: number[] = []
  for (const q of searches) {
    for (let i = 0; i < 10; i++) {
      const started = performance.now()
      const res = await app.request(`/api/calls?q=${encodeURIComponent(q)}&limit=25`)
      await res.arrayBuffer()
      pooled.push(performance.now() - started)
    }
  }
  row(`transcript search, ${searches.length} queries × 10, limit 25`, summarize(pooled), 100, 'p95')
  row(
    'transcript search + 90-day range filter',
    await time(`/api/calls?q=warranty&from=${from90}&to=${today}&limit=25`, 20),
    100,
    'p95',
  )
  row(
    'calls list, no search, 90 days, page 1',
    await time(`/api/calls?from=${from90}&to=${today}&limit=25`, 20),
    100,
    'p95',
  )

  // The export: a range holding at least 10,000 calls, then one with about five times as many.
  for (const wanted of [10_000, 50_000]) {
    const [edge] = await sql<{ day: string }[]>`
      select to_char((started_at at time zone ${TZ})::date, 'YYYY-MM-DD') as day
      from calls order by started_at desc offset ${wanted - 1} limit 1`
    if (!edge) continue
    const result = await exportWithMemory(app, `/api/calls/export.csv?from=${edge!.day}&to=${today}`)
    say(
      `| CSV export of ${result.rows.toLocaleString('en-US')} calls (${(result.bytes / 1e6).toFixed(1)} MB) | 1 | ${ms(result.ms)} | — | — | — | ${wanted === 10_000 ? '≤ 5000 ms' : '—'} | ${wanted === 10_000 ? (result.ms <= 5000 ? 'yes' : '**no**') : '—'} |`,
    )
    say(
      `|   memory during it: RSS ${mb(result.rss.before)} → peak ${mb(result.rss.peak)} MB, heap used ${mb(result.heap.before)} → peak ${mb(result.heap.peak)} MB (${result.samples} samples) | | | | | | | |`,
    )
  }
  say(`\nSearch p50 per query: ${perQuery.join('; ')}.`)
  say(`Load average after: ${loadAverage()}.`)
} finally {
  await sql.end({ timeout: 5 })
  await handle.close()
  await database.drop()
}

function mb(bytes: number) {
  return (bytes / 1024 / 1024).toFixed(0)
}

/** Reads the whole export while sampling the process's memory every 20 ms. */
async function exportWithMemory(app: ReturnType<typeof createApp>, path: string) {
  globalThis.gc?.()
  const before = process.memoryUsage()
  const rss = { before: before.rss, peak: before.rss }
  const heap = { before: before.heapUsed, peak: before.heapUsed }
  let samples = 0
  const timer = setInterval(() => {
    const m = process.memoryUsage()
    rss.peak = Math.max(rss.peak, m.rss)
    heap.peak = Math.max(heap.peak, m.heapUsed)
    samples++
  }, 20)
  const started = performance.now()
  const res = await app.request(path)
  if (res.status !== 200 || !res.body) throw new Error(`${path}: ${res.status}`)
  let bytes = 0
  let newlines = 0
  // Count records without keeping them: the reader holds one chunk at a time.
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    bytes += chunk.byteLength
    for (const b of chunk) if (b === 10) newlines++
  }
  const elapsed = performance.now() - started
  clearInterval(timer)
  // Generated names and summaries hold no newline, so records = CRLF lines - the header.
  return { ms: elapsed, bytes, rows: newlines - 1, rss, heap, samples }
}

/** Fills the database inside PostgreSQL; answers how long it took and how many rows it wrote. */
async function generate(sql: postgres.Sql, calls: number) {
  const started = performance.now()
  const first = [
    'Ana',
    'Ben',
    'Chloe',
    'Dev',
    'Elena',
    'Farid',
    'Grace',
    'Hiro',
    'Ines',
    'Jamal',
    'Kira',
    'Liam',
    'Maya',
    'Noor',
    'Omar',
    'Priya',
    'Quinn',
    'Rosa',
    'Sam',
    'Tariq',
    'Uma',
    'Victor',
    'Wen',
    'Xavier',
    'Yara',
    'Zoe',
  ]
  const last = [
    'Smith',
    'Garcia',
    'Okafor',
    'Nguyen',
    'Kowalski',
    'Quintanilla',
    'Haddad',
    'Rossi',
    'Tanaka',
    'Muller',
    'Silva',
    'Dubois',
    'Ivanova',
    'Brown',
    'Patel',
    'Kim',
    'Olsen',
    'Moreau',
    'Jensen',
    'Lopez',
  ]
  const services = [
    'an oil change',
    'brake pads replaced',
    'a tire rotation',
    'the transmission checked',
    'an inspection',
    'the hybrid battery tested',
    'new wiper blades',
    'an alignment',
    'the air conditioning fixed',
    'a recall repair',
  ]
  const vehicles = [
    '2019 Toyota Camry',
    '2021 Honda Civic',
    '2018 Ford F-150',
    '2022 Tesla Model 3',
    '2017 Subaru Outback',
    '2020 Chevy Silverado',
    '2016 Nissan Altima',
    '2023 Kia Telluride',
    '2015 Jeep Wrangler',
    '2021 Hyundai Tucson',
  ]
  const concerns = [
    'Is it covered by the warranty',
    'There is a transmission noise when I brake',
    'I saw a recall about the airbag',
    'What does that cost',
    'I want to file a complaint',
    'Can I get a loaner car',
    'I want a refund or I call my lawyer',
    'Do you have Saturday hours',
    'My check engine light is on',
    'Can you price match',
  ]
  const arr = (xs: string[]) =>
    sql.unsafe(`(array[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(',')}])`)
  await sql`
    insert into calls (id, channel, status, customer_phone, intent, current_agent, turn_count, state, started_at, ended_at)
    select 'call-bench-' || g, (array['chat','web','phone'])[1 + g % 3],
      case when g % 97 = 0 then 'active' when g % 89 = 0 then 'escalated' else 'ended' end,
      '+1217555' || lpad((g % 10000)::text, 4, '0'),
      (array['faq','book_service','book_test_drive','reschedule','cancel','escalation','general'])[1 + (g * 7 + g / 7) % 7],
      'router', 2,
      jsonb_build_object('callId', 'call-bench-' || g, 'customer', jsonb_build_object(
        'name', ${arr(first)}[1 + g % ${first.length}] || ' ' || ${arr(last)}[1 + (g / 7) % ${last.length}], 'vehicles', '[]'::jsonb)),
      st, case when g % 97 = 0 or g % 89 = 0 then null else st + (30 + random() * 600) * interval '1 second' end
    from (select g, date_trunc('day', now()) - (random() * 365)::int * interval '1 day'
                   + interval '13 hours' + random() * interval '10 hours' as st
          from generate_series(1, ${calls}) g) s`
  await sql`
    insert into transcript_lines (call_id, seq, role, text, turn, at)
    select c.id, l, case when l % 2 = 1 then 'user' else 'agent' end,
      case l
        when 1 then 'Hi, this is ' || (c.state->'customer'->>'name') || '. I need ' || ${arr(services)}[1 + floor(random() * ${services.length})::int]
                    || ' for my ' || ${arr(vehicles)}[1 + floor(random() * ${vehicles.length})::int] || '.'
        when 2 then 'Sure, I can help with that. What day works for you?'
        when 3 then ${arr(concerns)}[1 + floor(random() * ${concerns.length})::int] || '? Ticket ' || floor(random() * 100000)::int || '.'
        else 'Thanks, you are all set. Goodbye!' end,
      l / 2, c.started_at + l * interval '20 seconds'
    from calls c, generate_series(1, 4) l`
  await sql`
    insert into call_turns (call_id, turn, author, text, duration_ms, at)
    select c.id, t, 'user', 'bench', (150 + 3000 * random() * random())::int, c.started_at + t * interval '40 seconds'
    from calls c, generate_series(1, 2) t`
  await sql`
    insert into escalation_tasks (task_id, call_id, task_type, status, created_at)
    select 'bench-task-' || c.id, c.id, case when random() < 0.6 then 'escalation' else 'callback' end,
      (array['pending','running','completed','completed','failed'])[1 + floor(random() * 5)::int], c.started_at
    from calls c where random() < 0.12`
  await sql`
    insert into call_analyses (call_id, analyzer_version, outcome, sentiment_label, sentiment_score, duration_seconds,
      turns, customer_turns, interruptions, wanted_booking, analysis, analyzed_at)
    select c.id, 'bench-1', c.outcome, c.label, case when c.label = 'insufficient' then null else round((random() * 2 - 1)::numeric, 2) end,
      extract(epoch from c.ended_at - c.started_at)::int, 4, 2, 0,
      c.intent in ('book_service', 'book_test_drive', 'reschedule', 'cancel'),
      jsonb_build_object('callId', c.id, 'outcome', c.outcome,
        'keywords', case when random() < 0.3 then jsonb_build_array(jsonb_build_object('keyword',
          (array['warranty','recall','price','complaint','lawyer','cancel'])[1 + floor(random() * 6)::int], 'count', 1, 'turns', '[3]'::jsonb))
          else '[]'::jsonb end,
        'summary', jsonb_build_object('text', 'Generated call about ' || coalesce(c.intent, 'nothing') || '.', 'source', 'offline')),
      c.ended_at
    from (select *, (array['booked','rescheduled','cancelled','answered','escalated','callback_scheduled','abandoned','not_reached'])
            [1 + floor(random() * 8)::int] as outcome,
            (array['negative','neutral','positive','insufficient'])[1 + floor(random() * 4)::int] as label
          from calls) c
    where c.status = 'ended' and random() < 0.9`
  await sql`analyze`
  const counts = await sql<{ t: string; n: number }[]>`
    select 'calls' as t, count(*)::int as n from calls union all select 'transcript lines', count(*)::int from transcript_lines
    union all select 'turns', count(*)::int from call_turns union all select 'tasks', count(*)::int from escalation_tasks
    union all select 'analyses', count(*)::int from call_analyses`
  return {
    ms: performance.now() - started,
    rows: counts.map((c) => `${c.n.toLocaleString('en-US')} ${c.t}`).join(', '),
  }
}
