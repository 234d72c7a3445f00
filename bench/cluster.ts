/**
 * `npm run bench:cluster`: pitcrew as a deployment — `npm run setup`, one `npm run api` process and
 * one, then two `npm run worker` processes on PostgreSQL and a Temporal dev server — driven by the
 * same closed-loop callers as `npm run bench`. Prints a markdown table for docs/scaling.md. On a
 * 2-core machine a second worker cannot add cores; the figure says what it adds here anyway.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { addDays, localDateTime } from '../domain/time'
import { startTemporalDevServer } from '../scripts/temporal/dev-server'
import { getFreePort } from '../scripts/tools/free-port'
import { ensureTemporalCli } from '../scripts/tools/temporal-cli'
import { ensureDashboardBuilt } from '../scripts/web/build-dashboard'
import { startPitcrewProcess, waitUntilReady, type PitcrewProcess } from '../tests/support/pitcrew-process'
import { createTestDatabase } from '../tests/support/postgres'
import { measureClosedLoop } from './closed-loop'
import { loadAverage, ms } from './stats'

const CALLERS = Number(process.env.BENCH_CALLERS ?? 12)
const TURNS = Number(process.env.BENCH_TURNS ?? 10)

const dir = mkdtempSync(path.join(tmpdir(), 'pitcrew-bench-cluster-'))
const temporal = await startTemporalDevServer({
  cliPath: await ensureTemporalCli({ envPath: process.env.TEMPORAL_CLI_PATH }),
  port: await getFreePort(),
  uiPort: null,
})
const database = await createTestDatabase('pitcrew_bench_cluster')
const processes: PitcrewProcess[] = []
try {
  await ensureDashboardBuilt()
  const env = {
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `bench-${randomUUID().slice(0, 8)}`,
    VOICE: 'off',
    DATA_DIR: path.join(dir, 'data'),
  }
  const setup = startPitcrewProcess('scripts/setup.ts', env)
  if ((await setup.exited) !== 0) throw new Error(`setup failed:\n${setup.output()}`)
  const port = await getFreePort()
  const api = startPitcrewProcess('api/main.ts', { ...env, PORT: String(port) })
  processes.push(api)
  const apiUrl = `http://127.0.0.1:${port}`

  const firstDate = addDays(localDateTime(new Date(), 'America/Chicago').date, 1)
  const rows: string[] = []
  for (const workers of [1, 2]) {
    processes.push(startPitcrewProcess('worker/main.ts', env))
    await waitUntilReady(`${apiUrl}/readyz`, api)
    // A warm-up round, so both runs measure warm processes (JIT, caches, connection pools).
    await measureClosedLoop(apiUrl, { callers: 2, turns: 3, firstDate, firstCaller: 9_000 + workers * 10 })
    const s = await measureClosedLoop(apiUrl, {
      callers: CALLERS,
      turns: TURNS,
      firstDate,
      firstCaller: workers * 1_000,
    })
    rows.push(
      `| ${workers} | ${CALLERS} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${s.turnsPerSecond.toFixed(1)} | ${loadAverage()} |`,
    )
  }
  console.log('| workers | callers at once | turns | p50 | p95 | turns/s | load average (1/5/15 min) |')
  console.log('| --- | --- | --- | --- | --- | --- | --- |')
  for (const row of rows) console.log(row)
} finally {
  await Promise.all(processes.map((p) => p.kill()))
  await temporal.stop()
  await database.drop()
  rmSync(dir, { recursive: true, force: true })
}
