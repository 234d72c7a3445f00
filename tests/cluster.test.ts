/**
 * pitcrew as a deployment, not one process: a fresh Temporal server (nobody registered anything),
 * PostgreSQL, `npm run setup` once, two `npm run api` and two `npm run worker` processes. Twenty
 * calls talk through both APIs while one API and one worker are SIGKILLed and then the Temporal server
 * itself restarts. Every turn a client was told about is in its call exactly once, every call ends,
 * and an SSE client that loses its API resumes on the other with no gap.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { openDb, type DbHandle } from '../db/client'
import { startTemporalDevServer, type DevServer } from '../scripts/temporal/dev-server'
import { getFreePort } from '../scripts/tools/free-port'
import { ensureDashboardBuilt } from '../scripts/web/build-dashboard'
import { startPitcrewProcess, waitUntilReady, type PitcrewProcess } from './support/pitcrew-process'
import { createTestDatabase, queryRows, type TestDatabase } from './support/postgres'
import { openSse, type SseStream } from './support/sse'

const CALLS = 20
const TURNS_PER_CALL = 6
const QUESTIONS = [
  'What are your service hours?',
  'Do you have loaner cars?',
  'Where are you located?',
  'Do you sell used cars?',
  'How much is an oil change?',
  'Do you do tire rotations?',
]

const dir = mkdtempSync(path.join(tmpdir(), 'pitcrew-cluster-'))
let temporal: DevServer
let temporalPort: number
let database: TestDatabase
let db: DbHandle
let env: Record<string, string>
let sdkMetricsPort: number
const apis: { url: string; proc: PitcrewProcess }[] = []
const workers: PitcrewProcess[] = []

function startTemporal() {
  return startTemporalDevServer({
    cliPath: inject('temporalCliPath'),
    port: temporalPort,
    uiPort: null,
    dbFile: path.join(dir, 'temporal.db'),
  })
}

async function startApi() {
  const port = await getFreePort()
  const proc = startPitcrewProcess('api/main.ts', { ...env, PORT: String(port) })
  const url = `http://127.0.0.1:${port}`
  apis.push({ url, proc })
  return { url, proc }
}

beforeAll(async () => {
  temporalPort = await getFreePort()
  ;[temporal, database] = await Promise.all([startTemporal(), createTestDatabase('pitcrew_cluster')])
  // Built once here, so two APIs starting together do not both build it.
  await ensureDashboardBuilt()
  env = {
    DATABASE_URL: database.url,
    TEMPORAL_ADDRESS: temporal.address,
    TEMPORAL_TASK_QUEUE: `cluster-${randomUUID().slice(0, 8)}`,
    VOICE: 'off',
    DATA_DIR: path.join(dir, 'data'),
  }
  const setup = startPitcrewProcess('scripts/setup.ts', env)
  expect(await setup.exited, setup.output()).toBe(0)
  sdkMetricsPort = await getFreePort()
  workers.push(
    startPitcrewProcess('worker/main.ts', env),
    // The survivor serves the Temporal SDK's metrics, as an operator would scrape them.
    startPitcrewProcess('worker/main.ts', {
      ...env,
      TEMPORAL_METRICS_ADDRESS: `127.0.0.1:${sdkMetricsPort}`,
    }),
  )
  const [a, b] = await Promise.all([startApi(), startApi()])
  await Promise.all([a, b].map((api) => waitUntilReady(`${api.url}/readyz`, api.proc)))
  db = await openDb({ databaseUrl: database.url, maxConnections: 2 })
}, 240_000)

afterAll(async () => {
  await Promise.all([...apis.map((a) => a.proc.kill()), ...workers.map((w) => w.kill())])
  await db?.close()
  await temporal?.stop()
  await database?.drop()
  rmSync(dir, { recursive: true, force: true })
})

/**
 * POSTs `body` to the first API, and on a refused connection or a 5xx to the others, until one
 * answers below 500: what a client behind a load balancer sees. Messages carry an idempotency key,
 * so sending one again after a lost answer cannot make a second turn.
 */
let retries = 0
async function post(preferred: number, pathname: string, body: unknown) {
  const deadline = Date.now() + 120_000
  let last = ''
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    const api = apis[(preferred + attempt) % apis.length]!
    try {
      const res = await fetch(`${api.url}${pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      })
      // eslint-disable-next-line @typescript-eslint/no-explicit-any
      const json: any = await res.json()
      if (res.status < 500) return { status: res.status, body: json }
      last = `${res.status} ${JSON.stringify(json)}`
    } catch (err) {
      last = (err as Error).message
    }
    retries++
    await new Promise((r) => setTimeout(r, Math.min(2_000, 100 * 2 ** Math.min(attempt, 5))))
  }
  throw new Error(`POST ${pathname} never succeeded: ${last}`)
}

describe('two APIs and two workers on one Temporal cluster and PostgreSQL', () => {
  it('keeps every acknowledged turn once through an API kill, a worker kill and a Temporal restart', async () => {
    const callIds: string[] = []
    for (let i = 0; i < CALLS; i++) {
      const res = await post(i % 2, '/api/calls', { channel: 'chat' })
      expect(res.status, JSON.stringify(res.body)).toBe(201)
      callIds.push(res.body.callId)
    }

    // A dashboard watching the first call through the API that is about to die.
    const watched = callIds[0]!
    const streams: SseStream[] = [await openSse(`${apis[0]!.url}/api/calls/${watched}/events?replay=all`)]

    const acknowledged = new Map<string, number[]>(callIds.map((id) => [id, []]))
    let turnsDone = 0
    const talk = async (callId: string, i: number) => {
      for (let t = 0; t < TURNS_PER_CALL; t++) {
        const res = await post((i + t) % 2, `/api/calls/${callId}/messages`, {
          text: QUESTIONS[t % QUESTIONS.length],
          idempotencyKey: `${callId}:${t}`,
        })
        expect(res.status, JSON.stringify(res.body)).toBe(200)
        acknowledged.get(callId)!.push(res.body.turn)
        turnsDone++
      }
    }
    const total = CALLS * TURNS_PER_CALL
    const waitForTurns = async (n: number) => {
      while (turnsDone < n) await new Promise((r) => setTimeout(r, 50))
    }
    const talking = Promise.all(callIds.map((id, i) => talk(id, i)))

    await waitForTurns(Math.floor(total / 4))
    await Promise.all([apis[0]!.proc.kill(), workers[0]!.kill()])
    // The watcher's stream ends with its API; it reconnects to the other one where it left off.
    await streams[0]!.ended
    streams.push(
      await openSse(`${apis[1]!.url}/api/calls/${watched}/events`, {
        'Last-Event-ID': streams[0]!.lastEventId,
      }),
    )

    await waitForTurns(Math.floor(total / 2))
    await temporal.stop()
    temporal = await startTemporal()

    await talking
    // The kills and the restart were felt: requests failed and were sent again.
    expect(retries).toBeGreaterThan(0)
    for (const [callId, turns] of acknowledged) {
      expect(
        turns.sort((a, b) => a - b),
        callId,
      ).toEqual([1, 2, 3, 4, 5, 6])
    }

    for (const [i, callId] of callIds.entries()) {
      const res = await post(i, `/api/calls/${callId}/end`, {})
      expect(res.status, JSON.stringify(res.body)).toBeLessThan(300)
    }
    await expect
      .poll(
        async () => {
          const rows = await queryRows<{ n: number }>(
            db.db,
            sql`select count(*)::int as n from calls where status = 'ended' and id in ${callIds}`,
          )
          return rows[0]!.n
        },
        { timeout: 60_000, interval: 500 },
      )
      .toBe(CALLS)

    // Each turn once: one turn row, one customer line and one reply per acknowledged turn.
    const perCall = await queryRows<{ call_id: string; turns: number; user_lines: number; replies: number }>(
      db.db,
      sql`select t.call_id, count(distinct t.turn)::int as turns,
            (select count(*)::int from transcript_lines l where l.call_id = t.call_id and l.role = 'user') as user_lines,
            (select count(*)::int from transcript_lines l where l.call_id = t.call_id and l.role = 'agent' and l.turn is not null) as replies
          from call_turns t where t.call_id in ${callIds} group by t.call_id order by t.call_id`,
    )
    expect(perCall).toHaveLength(CALLS)
    for (const row of perCall) {
      expect(row, row.call_id).toMatchObject({
        turns: TURNS_PER_CALL,
        user_lines: TURNS_PER_CALL,
        replies: TURNS_PER_CALL,
      })
    }

    // The surviving worker's SDK metrics count the turns it ran (local activities) and its workflow tasks.
    const sdk = await fetch(`http://127.0.0.1:${sdkMetricsPort}/metrics`).then((r) => r.text())
    expect(sdk).toMatch(/^temporal_workflow_task_execution_latency_count\{.*\} [1-9]/m)
    expect(sdk).toMatch(/^temporal_local_activity_execution_latency_count\{.*\} [1-9]/m)

    // The watcher saw the call's log without a gap or a repeat across the two APIs.
    const [{ last }] = (await queryRows<{ last: number }>(
      db.db,
      sql`select max(seq)::int as last from call_events where call_id = ${watched}`,
    )) as [{ last: number }]
    const resumed = streams[1]!
    await resumed.waitFor((s) => Number(s.lastEventId) >= last, 30_000, `event ${last}`)
    const ids = streams.flatMap((s) => s.messages.map((m) => Number(m.id)))
    expect(ids).toEqual(Array.from({ length: last }, (_, k) => k + 1))
    resumed.close()
  }, 420_000)
})
