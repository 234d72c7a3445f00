/**
 * `npm start` as a user runs it: the real entry, a real Temporal dev server with its SQLite file,
 * embedded PGlite, then Ctrl-C. Proves /health, the Temporal UI, a clean shutdown with no orphan
 * processes, and that a second start on the same data dir keeps the data.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Client, Connection } from '@temporalio/client'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { getFreePort } from '../scripts/tools/free-port'

const root = path.resolve(import.meta.dirname, '..')
const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-start-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

interface Started {
  child: ChildProcess
  output: () => string
  exited: Promise<number | null>
}

function npmStart(env: Record<string, string>): Started {
  let output = ''
  // As package.json runs it: one node process with tsx's loader (no tsx CLI relaying signals).
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
    cwd: root,
    env: {
      ...asAUserRunsIt(process.env),
      LOG_LEVEL: 'info',
      DATA_DIR: dataDir,
      TEMPORAL_CLI_PATH: inject('temporalCliPath'),
      ...env,
    },
    detached: true, // its own process group, like a terminal's job, so orphans can be looked for
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  return { child, output: () => output, exited }
}

async function waitForHealth(url: string, started: Started) {
  const deadline = Date.now() + 90_000
  while (Date.now() < deadline) {
    if (started.child.exitCode !== null) throw new Error(`npm start exited:\n${started.output()}`)
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    )
    if (status === 200) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`/health never became 200:\n${started.output()}`)
}

/** The test runner's environment less what the runner adds (vitest sets NODE_ENV=test). */
function asAUserRunsIt(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_ENV: _runnerSets, ...rest } = env
  return rest
}

/** Ctrl-C in a terminal signals the whole process group. */
async function ctrlC(started: Started) {
  process.kill(-started.child.pid!, 'SIGINT')
  const code = await started.exited
  expect(code).toBe(0)
  // Nothing of the group (the Temporal server included) may outlive it.
  await expect
    .poll(() => groupAlive(started.child.pid!), { timeout: 10_000 })
    .toBe(false)
    .catch((err: unknown) => {
      throw new Error(`still running after npm start exited:\n${groupMembers(started.child.pid!)}`, {
        cause: err,
      })
    })
}

/** The processes of a group, one `pid etime command` line each. */
function groupMembers(pgid: number): string {
  return execFileSync('ps', ['-eo', 'pid=,pgid=,etime=,args='], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.trim().split(/\s+/)[1] === String(pgid))
    .join('\n')
}

function groupAlive(pgid: number) {
  try {
    process.kill(-pgid, 0)
    return true
  } catch {
    return false
  }
}

describe('npm start', () => {
  it(
    'runs everything, stops cleanly on Ctrl-C, and keeps the data for the next start',
    { timeout: 240_000 },
    async () => {
      const [port, temporalPort, uiPort] = [await getFreePort(), await getFreePort(), await getFreePort()]
      const env = {
        PORT: String(port),
        TEMPORAL_PORT: String(temporalPort),
        TEMPORAL_UI_PORT: String(uiPort),
        // Voice is on by default: the LiveKit dev server and the voice worker start (and must stop) too.
        LIVEKIT_PORT: String(await getFreePort()),
        LIVEKIT_RTC_TCP_PORT: String(await getFreePort()),
        LIVEKIT_RTC_UDP_PORT: String(await getFreePort()),
      }
      const first = npmStart(env)
      try {
        await waitForHealth(`http://127.0.0.1:${port}/health`, first)
        expect(first.output()).toContain('pitcrew is running')
        expect(first.output()).toContain('database seeded')
        const health = (await fetch(`http://127.0.0.1:${port}/health`).then((r) => r.json())) as {
          checks: { voice?: { ok: boolean; status?: string } }
        }
        expect(health.checks.voice).toMatchObject({ ok: true, status: expect.stringMatching(/^on/) })
        expect((await fetch(`http://127.0.0.1:${uiPort}/`)).status).toBe(200)
        const services = (await fetch(`http://127.0.0.1:${port}/api/services`).then((r) =>
          r.json(),
        )) as unknown[]
        expect(services.length).toBeGreaterThan(0)
        // /metrics carries the in-process worker's Temporal SDK metrics next to pitcrew's own.
        const metrics = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text())
        expect(metrics).toContain('pitcrew_http_requests_total')
        expect(metrics).toMatch(/^temporal_\w+/m)

        // A second pitcrew on the same data dir would corrupt it: it must refuse.
        const second = npmStart({
          ...env,
          PORT: String(await getFreePort()),
          TEMPORAL_PORT: String(await getFreePort()),
        })
        expect(await second.exited).toBe(1)
        expect(second.output()).toContain('Another pitcrew')

        // Leave a workflow behind (no worker serves its queue, so it stays open).
        const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` })
        await new Client({ connection }).workflow.start('persistenceProbe', {
          taskQueue: 'nobody',
          workflowId: 'probe-1',
        })
        await connection.close()
      } finally {
        if (first.child.exitCode === null) await ctrlC(first)
      }

      const again = npmStart(env)
      try {
        await waitForHealth(`http://127.0.0.1:${port}/health`, again)
        expect(again.output()).toContain('database ready')
        expect(again.output()).not.toContain('database seeded')
        const connection = await Connection.connect({ address: `127.0.0.1:${temporalPort}` })
        const probe = await new Client({ connection }).workflow.getHandle('probe-1').describe()
        expect(probe.status.name).toBe('RUNNING')
        await connection.close()
      } finally {
        if (again.child.exitCode === null) await ctrlC(again)
      }
    },
  )
})
