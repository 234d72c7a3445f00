/**
 * `npm run bench`: pitcrew against the bare Temporal floor (bench/floor/), text-turn latency at a
 * human pace, the same turns called in-process, and SSE delivery, on the embedded stack (PGlite) and
 * on PostgreSQL, all on one Temporal dev server. Prints markdown tables to paste into
 * docs/performance.md. Needs PostgreSQL on 127.0.0.1:5432 (like the tests) for its second half.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { loadConfig } from '../config/env'
import { openDb } from '../db/client'
import { seed } from '../db/seed'
import { SEARCH_ATTRIBUTES } from '../domain/search-attributes'
import { addDays, localDateTime } from '../domain/time'
import { createLogger } from '../lib/logger'
import { startSystem } from '../scripts/system'
import { startTemporalDevServer } from '../scripts/temporal/dev-server'
import { getFreePort } from '../scripts/tools/free-port'
import { ensureTemporalCli } from '../scripts/tools/temporal-cli'
import { createTestDatabase } from '../tests/support/postgres'
import { measureDirect } from './direct-turns'
import { compareWithFloor, FLOOR_TABLE_HEADER } from './floor/compare'
import { startFloor } from './floor/server'
import { loadAverage, ms, type Summary } from './stats'
import { measureSse, measureTurns } from './turn-latency'

const log = createLogger('warn')
const rows: string[] = []
const row = (what: string, s: Summary & { turnsPerSecond?: number }) =>
  rows.push(
    `| ${what} | ${s.n} | ${ms(s.p50)} | ${ms(s.p95)} | ${ms(s.p99)} | ${s.turnsPerSecond?.toFixed(1) ?? '—'} |`,
  )

const temporal = await startTemporalDevServer({
  cliPath: await ensureTemporalCli({ envPath: process.env.TEMPORAL_CLI_PATH }),
  port: await getFreePort(),
  uiPort: null,
  searchAttributes: SEARCH_ATTRIBUTES,
})
const firstDate = addDays(localDateTime(new Date(), 'America/Chicago').date, 1)
const sse: string[] = []
const floorRows: string[] = []
const loadAtStart = loadAverage()
// Started once, before pitcrew's worker: the floor's worker installs the SDK's logger for both.
const floor = await startFloor(temporal.address, log)

for (const driver of ['pglite', 'postgres'] as const) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-bench-'))
  const pg = driver === 'postgres' ? await createTestDatabase('pitcrew_bench') : null
  const database = pg ? { databaseUrl: pg.url } : { pgliteDir: path.join(dataDir, 'pglite') }
  try {
    // In-process baseline first: PGlite can be opened by one owner at a time.
    const handle = await openDb(database)
    await handle.migrate()
    await seed(handle.db)
    row(
      `${driver}: turn activity called in-process (graph + writes)`,
      await measureDirect(handle.db, 5, firstDate),
    )
    await handle.close()

    const config = loadConfig({
      DATA_DIR: dataDir,
      PORT: String(await getFreePort()),
      TEMPORAL_ADDRESS: temporal.address,
      TEMPORAL_TASK_QUEUE: `bench-${driver}`,
      LOG_LEVEL: 'warn',
      ...(pg ? { DATABASE_URL: pg.url } : {}),
    })
    const system = await startSystem(config, log)
    try {
      const urls = { floor: floor.apiUrl, pitcrew: system.apiUrl }
      floorRows.push(...(await compareWithFloor(driver, urls, firstDate, driver === 'pglite' ? 0 : 1_000)))
      for (const thinkMs of [3_000, 1_000]) {
        const pace = `~${thinkMs / 1000} s between turns`
        row(
          `${driver}: full stack, 20 concurrent calls, ${pace}`,
          await measureTurns(system.apiUrl, 20, firstDate, 1, thinkMs),
        )
      }
      const s = await measureSse(system.apiUrl, 30, firstDate)
      sse.push(`| ${driver} | ${ms(s.http.p50)} | ${ms(s.sse.p50)} | ${ms(s.sse.p95)} |`)
    } finally {
      await system.stop()
    }
  } finally {
    await pg?.drop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
await floor.stop()
await temporal.stop()

const day = new Date().toISOString().slice(0, 10)
console.log(
  `\nAgainst the Temporal floor, offline NLU, ${day}, load average ${loadAtStart} -> ${loadAverage()}\n`,
)
console.log(FLOOR_TABLE_HEADER)
console.log(floorRows.join('\n'))
console.log(`\nText turns at a human pace (ms), offline NLU\n`)
console.log('| path | turns | p50 | p95 | p99 | turns/s |\n| --- | --- | --- | --- | --- | --- |')
console.log(rows.join('\n'))
console.log('\nSSE: message sent -> agent transcript event received (ms)\n')
console.log('| database | HTTP reply p50 | SSE event p50 | SSE event p95 |\n| --- | --- | --- | --- |')
console.log(sse.join('\n'))
process.exit(0)
