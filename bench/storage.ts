/**
 * `npm run bench:storage -- [turns,turns,...]`: the bytes one call stores after 50, 200 and 1,000
 * turns, on PostgreSQL. It knows no table of pitcrew's by name: it drives turns over HTTP and sums
 * every row that belongs to the call — rows of each table with a `call_id` column, and the call's row
 * in the table those columns reference — so it can be rerun as the storage changes. Also the
 * Temporal history of the call (every run of its workflow). Prints markdown tables for
 * docs/performance.md. Not a test.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Client, Connection } from '@temporalio/client'
import postgres from 'postgres'
import { loadConfig } from '../config/env'
import { SEARCH_ATTRIBUTES } from '../domain/search-attributes'
import { addDays, localDateTime } from '../domain/time'
import { createLogger } from '../lib/logger'
import { startSystem } from '../scripts/system'
import { startTemporalDevServer } from '../scripts/temporal/dev-server'
import { getFreePort } from '../scripts/tools/free-port'
import { ensureTemporalCli } from '../scripts/tools/temporal-cli'
import { createTestDatabase } from '../tests/support/postgres'
import { openCall, post, turnText } from './closed-loop'
import { loadAverage, ms, summarize } from './stats'

const CHECKPOINTS = (process.argv[2] ?? '50,200,1000').split(',').map(Number)
const firstDate = addDays(localDateTime(new Date(), 'America/Chicago').date, 1)
const loadAtStart = loadAverage()

const temporal = await startTemporalDevServer({
  cliPath: await ensureTemporalCli({ envPath: process.env.TEMPORAL_CLI_PATH }),
  port: await getFreePort(),
  uiPort: null,
  searchAttributes: SEARCH_ATTRIBUTES,
})
const pg = await createTestDatabase('pitcrew_bench')
const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-storage-bench-'))
const config = loadConfig({
  DATA_DIR: dataDir,
  PORT: String(await getFreePort()),
  TEMPORAL_ADDRESS: temporal.address,
  DATABASE_URL: pg.url,
  VOICE: 'off',
  LOG_LEVEL: 'warn',
})
const system = await startSystem(config, createLogger('warn'))
const sql = postgres(pg.url, { max: 1, onnotice: () => {} })
const connection = await Connection.connect({ address: temporal.address })
const client = new Client({ connection })

/** Where a call's rows are: (table, column) pairs, found in the catalog after the migrations ran. */
const places = await sql<{ table: string; column: string }[]>`
  select c.table_name as table, c.column_name as column
    from information_schema.columns c
   where c.table_schema = 'public' and c.column_name = 'call_id'
  union
  select distinct f.confrelid::regclass::text, a.attname
    from pg_constraint f
    join pg_attribute k on k.attrelid = f.conrelid and k.attnum = any (f.conkey) and k.attname = 'call_id'
    join pg_attribute a on a.attrelid = f.confrelid and a.attnum = any (f.confkey)
   where f.contype = 'f'
   order by 1`

/** Rows and bytes (pg_column_size of each whole row: compressed, TOAST included) of the call, by table. */
async function stored(callId: string) {
  const byTable: Record<string, { rows: number; bytes: number }> = {}
  for (const { table, column } of places) {
    const [r] = await sql<{ rows: number; bytes: string }[]>`
      select count(*)::int as rows, coalesce(sum(pg_column_size(t.*)), 0)::bigint as bytes
        from ${sql(table)} t where ${sql(column)} = ${callId}`
    byTable[table] = { rows: r!.rows, bytes: Number(r!.bytes) }
  }
  return byTable
}

/** Bytes of the call's Temporal history over all its runs (it continues as new now and then). */
async function historyBytes(callId: string) {
  // Listing finds the runs; describing each reads its size (the list leaves it out on this server).
  const runIds = new Set([(await client.workflow.getHandle(callId).describe()).runId])
  for await (const run of client.workflow.list({ query: `WorkflowId = '${callId}'` })) runIds.add(run.runId)
  let bytes = 0
  for (const runId of runIds)
    bytes += (await client.workflow.getHandle(callId, runId).describe()).historySize ?? 0
  return bytes
}

const results: {
  turns: number
  byTable: Awaited<ReturnType<typeof stored>>
  history: number
  p50: number
}[] = []
try {
  const callId = await openCall(system.apiUrl)
  const latencies: number[] = []
  for (let turn = 1; turn <= Math.max(...CHECKPOINTS); turn++) {
    const t0 = performance.now()
    // Only the reply: reading back a transcript of a thousand turns would only slow the bench down.
    await post(
      `${system.apiUrl}/api/calls/${callId}/messages`,
      { text: turnText(0, turn - 1, firstDate) },
      { prefer: 'return=minimal' },
    )
    latencies.push(performance.now() - t0)
    if (!CHECKPOINTS.includes(turn)) continue
    // Visibility (the history size of the list) is updated shortly after the workflow task.
    await new Promise((r) => setTimeout(r, 1500))
    const p50 = summarize(latencies.slice(-20)).p50
    results.push({ turns: turn, byTable: await stored(callId), history: await historyBytes(callId), p50 })
  }
} finally {
  await sql.end()
  await connection.close()
  await system.stop()
  await temporal.stop()
  await pg.drop()
  rmSync(dataDir, { recursive: true, force: true })
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1)
const total = (r: (typeof results)[number]) => Object.values(r.byTable).reduce((s, t) => s + t.bytes, 0)
console.log(
  `\nStorage of one chat call, PostgreSQL, ${new Date().toISOString().slice(0, 10)}, load ${loadAtStart} -> ${loadAverage()}\n`,
)
console.log(
  '| turns | database kB | per turn kB | growth exponent | Temporal history kB | turn p50 ms (last 20) |',
)
console.log('| --- | --- | --- | --- | --- | --- |')
results.forEach((r, i) => {
  const before = results[i - 1]
  // 1 = linear in turns, 2 = quadratic: log of the growth over log of the turns' growth.
  const exponent = before ? Math.log(total(r) / total(before)) / Math.log(r.turns / before.turns) : NaN
  const growth = Number.isFinite(exponent) ? exponent.toFixed(2) : '—'
  console.log(
    `| ${r.turns} | ${kb(total(r))} | ${kb(total(r) / r.turns)} | ${growth} | ${kb(r.history)} | ${ms(r.p50)} |`,
  )
})
console.log(`\n| table | ${results.map((r) => `${r.turns} turns: rows / kB`).join(' | ')} |`)
console.log(`| --- | ${results.map(() => '---').join(' | ')} |`)
for (const { table } of places)
  console.log(
    `| ${table} | ${results.map((r) => `${r.byTable[table]!.rows} / ${kb(r.byTable[table]!.bytes)}`).join(' | ')} |`,
  )
process.exit(0)
