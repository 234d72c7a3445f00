/**
 * `npm run bench:memory -- [calls] [caches] [pglite|postgres]`: the memory of the `npm start`
 * process (API + worker + database in one process, voice off) holding 1,000 open chat calls of 3
 * turns each, once per workflow cache size (TEMPORAL_MAX_CACHED_WORKFLOWS; default `default,100`:
 * the SDK's default and a small one, whose price is paid as a replay at an evicted call's next turn).
 * Prints markdown tables for docs/performance.md. Not a test: figures depend on the machine.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { addDays, localDateTime } from '../domain/time'
import { followOutput, terminate } from '../scripts/tools/child-process'
import { getFreePort } from '../scripts/tools/free-port'
import { createTestDatabase } from '../tests/support/postgres'
import { openCall, post, turnText } from './closed-loop'
import type { MemoryReport } from './memory/system'
import { loadAverage, ms, summarize } from './stats'

const CALLS = Number(process.argv[2] ?? 1000)
const CACHES = (process.argv[3] ?? 'default,100')
  .split(',')
  .map((c) => (c === 'default' ? undefined : Number(c)))
const DRIVER = process.argv[4] === 'postgres' ? 'postgres' : 'pglite'
const TURNS_PER_CALL = 3
/** Callers at once while the calls are opened: enough to keep the process busy, not so many that turns queue for seconds. */
const CONCURRENCY = 10
/** Calls that get one more turn once all are open: the earliest (evicted from a small cache) and the latest. */
const PROBES = Math.min(100, Math.floor(CALLS / 4))
const firstDate = addDays(localDateTime(new Date(), 'America/Chicago').date, 1)
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0)
const kb = (bytes: number) => (bytes / 1024).toFixed(0)
/** Memory is sampled after every tenth of the calls, to see whether it grows linearly. */
const step = Math.max(1, Math.floor(CALLS / 10))

/** Starts bench/memory/system.ts as its own process; answers once its API serves. */
async function startSystem(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-memory-bench-'))
  const child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/memory/system.ts'], {
    env: { ...process.env, DATA_DIR: dataDir, VOICE: 'off', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const tail = followOutput(child, 40)
  const apiUrl = await new Promise<string>((resolve, reject) => {
    child.once('message', (m) => resolve((m as { apiUrl: string }).apiUrl))
    void exited.then(() => reject(new Error(`the system exited (${child.exitCode}):\n${tail()}`)))
  })
  return {
    apiUrl,
    /** The system's last log lines, for when a request fails. */
    tail,
    memory: () =>
      new Promise<MemoryReport>((resolve) => {
        child.once('message', (m) => resolve(m as MemoryReport))
        child.send('memory')
      }),
    async stop() {
      await terminate(child, exited, 30_000)
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** One more turn in each call, one call at a time; ms per turn. */
async function probe(apiUrl: string, callIds: string[]) {
  const samples: number[] = []
  for (const [k, callId] of callIds.entries()) {
    const t0 = performance.now()
    await post(`${apiUrl}/api/calls/${callId}/messages`, { text: turnText(k, TURNS_PER_CALL, firstDate) })
    samples.push(performance.now() - t0)
  }
  return summarize(samples)
}

const memoryRows: string[] = []
const latencyRows: string[] = []
const loadAtStart = loadAverage()
for (const cache of CACHES) {
  const pg = DRIVER === 'postgres' ? await createTestDatabase('pitcrew_bench') : null
  const system = await startSystem({
    PORT: String(await getFreePort()),
    TEMPORAL_PORT: String(await getFreePort()),
    TEMPORAL_UI_PORT: String(await getFreePort()),
    ...(cache === undefined ? {} : { TEMPORAL_MAX_CACHED_WORKFLOWS: String(cache) }),
    ...(pg ? { DATABASE_URL: pg.url } : {}),
  })
  const label = `${DRIVER}, cache ${cache ?? 'default'}`
  try {
    const samples: { calls: number; m: MemoryReport }[] = [{ calls: 0, m: await system.memory() }]
    const callIds: string[] = []
    const started = performance.now()
    let next = 0
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let k = next++; k < CALLS; k = next++) {
          const callId = await openCall(system.apiUrl)
          for (let i = 0; i < TURNS_PER_CALL; i++)
            await post(`${system.apiUrl}/api/calls/${callId}/messages`, { text: turnText(k, i, firstDate) })
          callIds[k] = callId
          if ((k + 1) % step !== 0 || k + 1 >= CALLS) continue
          const m = await system.memory()
          samples.push({ calls: k + 1, m })
          const s = ((performance.now() - started) / 1000).toFixed(0)
          console.error(`${label}: ${k + 1} calls, ${s} s, RSS ${mb(m.rss)} MiB, ${m.cachedWorkflows} cached`)
        }
      }),
    )
    const openSeconds = (performance.now() - started) / 1000
    const final = await system.memory()
    samples.push({ calls: CALLS, m: final })
    samples.sort((a, b) => a.calls - b.calls)
    for (const { calls, m } of samples)
      memoryRows.push(
        `| ${label} | ${calls} | ${mb(m.rss)} | ${mb(m.peakRss)} | ${mb(m.heapUsed)} | ${mb(m.external)} | ${m.cachedWorkflows} |`,
      )
    // The slope from the first sample on leaves out one-time costs (the workflow bundle, caches).
    const first = samples.find((s) => s.calls > 0 && s.calls < CALLS)!
    const perCall = (final.rss - first.m.rss) / (CALLS - first.calls)
    const heapPerCall = (final.heapUsed - first.m.heapUsed) / (CALLS - first.calls)
    memoryRows.push(`| ${label} | per open call | ${kb(perCall)} kB | | ${kb(heapPerCall)} kB | | |`)
    // Latest first: with a small cache they are still in it; then the earliest, long evicted.
    const latest = await probe(system.apiUrl, callIds.slice(-PROBES))
    const earliest = await probe(system.apiUrl, callIds.slice(0, PROBES))
    const rate = ((CALLS * (TURNS_PER_CALL + 1)) / openSeconds).toFixed(1)
    latencyRows.push(
      `| ${label} | latest ${PROBES} calls | ${ms(latest.p50)} | ${ms(latest.p95)} | ${rate} |`,
    )
    latencyRows.push(`| ${label} | earliest ${PROBES} calls | ${ms(earliest.p50)} | ${ms(earliest.p95)} | |`)
  } catch (err) {
    console.error(`pitcrew's last lines:\n${system.tail()}`)
    throw err
  } finally {
    await system.stop()
    await pg?.drop()
  }
}

console.log(`\nMemory of the npm start process, ${CALLS} open chat calls of ${TURNS_PER_CALL} turns`)
console.log(`${new Date().toISOString().slice(0, 10)}, load average ${loadAtStart} -> ${loadAverage()}\n`)
console.log('| run | open calls | RSS MiB | peak RSS MiB | heap used MiB | external MiB | cached workflows |')
console.log('| --- | --- | --- | --- | --- | --- | --- |')
console.log(memoryRows.join('\n'))
console.log('\nOne more turn in a call, one call at a time (ms); requests/s while opening the calls\n')
console.log('| run | calls | p50 | p95 | opening: requests/s |\n| --- | --- | --- | --- | --- |')
console.log(latencyRows.join('\n'))
process.exit(0)
