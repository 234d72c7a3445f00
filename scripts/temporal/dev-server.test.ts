/**
 * Against the REAL Temporal CLI (built with Go on first use, so the first run may take minutes).
 * If the CLI cannot be found or built these tests fail; they never skip.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Client, Connection } from '@temporalio/client'
import { defineSearchAttributeKey, SearchAttributeType } from '@temporalio/common'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { SEARCH_ATTRIBUTES } from '../../domain/search-attributes'
import { getFreePort } from '../tools/free-port'
import { ensureTemporalCli } from '../tools/temporal-cli'
import { startTemporalDevServer, type DevServer } from './dev-server'

const KEYWORD = 2 // temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD
const BUILD_TIMEOUT_MS = 30 * 60_000

let cliPath: string
let dir: string

beforeAll(async () => {
  cliPath = await ensureTemporalCli({ log: (line) => console.log(line) })
  dir = mkdtempSync(join(tmpdir(), 'pitcrew-dev-server-'))
}, BUILD_TIMEOUT_MS)
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function withClient<T>(address: string, fn: (client: Client, connection: Connection) => Promise<T>) {
  const connection = await Connection.connect({ address })
  try {
    return await fn(new Client({ connection }), connection)
  } finally {
    await connection.close()
  }
}

const callId = defineSearchAttributeKey('CallId', SearchAttributeType.KEYWORD)

describe('startTemporalDevServer', () => {
  it('keeps workflows and search attributes in its SQLite file across a restart', async () => {
    const dbFile = join(dir, 'restart', 'temporal.sqlite')
    const [port, uiPort] = [await getFreePort(), await getFreePort()]
    const opts = { cliPath, port, uiPort, dbFile, searchAttributes: SEARCH_ATTRIBUTES }

    let started = performance.now()
    const first = await startTemporalDevServer(opts)
    console.log(
      `dev server cold start (new SQLite file, UI on): ${Math.round(performance.now() - started)} ms`,
    )
    let second: DevServer | undefined
    try {
      expect(first.address).toBe(`127.0.0.1:${port}`)
      expect(first.uiUrl).toBe(`http://127.0.0.1:${uiPort}`)
      expect((await fetch(first.uiUrl!)).status).toBe(200)

      const workflowId = `dev-server-test-${Date.now()}`
      await withClient(first.address, (client) =>
        // No worker polls this queue: the workflow just stays RUNNING.
        client.workflow.start('noWorkerForThisWorkflow', {
          taskQueue: 'no-worker-here',
          workflowId,
          typedSearchAttributes: [{ key: callId, value: workflowId }],
        }),
      )

      started = performance.now()
      await first.stop()
      console.log(`dev server stop: ${Math.round(performance.now() - started)} ms`)
      expect(isAlive(first.pid)).toBe(false)
      await first.stop() // idempotent

      started = performance.now()
      second = await startTemporalDevServer({ ...opts, uiPort: null })
      console.log(
        `dev server restart (existing SQLite file, headless): ${Math.round(performance.now() - started)} ms`,
      )
      expect(second.uiUrl).toBeUndefined()
      await withClient(second.address, async (client, connection) => {
        const description = await client.workflow.getHandle(workflowId).describe()
        expect(description.status.name).toBe('RUNNING')
        expect(description.typedSearchAttributes.get(callId)).toBe(workflowId)
        const { customAttributes } = await connection.operatorService.listSearchAttributes({
          namespace: 'default',
        })
        for (const name of Object.keys(SEARCH_ATTRIBUTES))
          expect(customAttributes?.[name], name).toBe(KEYWORD)
      })
      await second.stop()
      expect(isAlive(second.pid)).toBe(false)
    } finally {
      await first.stop()
      await second?.stop()
    }
  }, 120_000)

  it('adds search attributes that an existing SQLite file lacks', async () => {
    // The CLI writes search attributes only into a new file; later additions must still arrive.
    const dbFile = join(dir, 'drift', 'temporal.sqlite')
    const opts = { cliPath, uiPort: null, dbFile }
    const first = await startTemporalDevServer({
      ...opts,
      port: await getFreePort(),
      searchAttributes: { CallId: 'Keyword' },
    })
    await first.stop()
    const searchAttributes = { CallId: 'Keyword', LaterAddition: 'Int' } as const
    const second = await startTemporalDevServer({ ...opts, port: await getFreePort(), searchAttributes })
    try {
      await withClient(second.address, async (_client, connection) => {
        const { customAttributes } = await connection.operatorService.listSearchAttributes({
          namespace: 'default',
        })
        expect(customAttributes).toMatchObject({ CallId: KEYWORD, LaterAddition: 3 })
      })
    } finally {
      await second.stop()
    }
  }, 60_000)

  it('fails clearly when the port is taken, without starting anything', async () => {
    const blocker = createServer()
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r))
    const address = blocker.address()
    const port = typeof address === 'object' && address ? address.port : 0
    try {
      await expect(startTemporalDevServer({ cliPath, port, uiPort: null })).rejects.toThrow(
        `port 127.0.0.1:${port} is already in use`,
      )
    } finally {
      blocker.close()
    }
  })

  it("fails with the server's output when it exits before it is ready", async () => {
    const bad = startTemporalDevServer({
      cliPath,
      port: await getFreePort(),
      uiPort: null,
      logLevel: 'nonsense' as 'warn',
    })
    await expect(bad).rejects.toThrow(
      /exited before it was ready[\s\S]*--- output \(tail\) ---[\s\S]*invalid argument "nonsense"/,
    )
  })

  it('fails clearly when the CLI cannot be run', async () => {
    const missing = join(dir, 'no-such-temporal')
    await expect(
      startTemporalDevServer({ cliPath: missing, port: await getFreePort(), uiPort: null }),
    ).rejects.toThrow(/could not be started \(spawn .*no-such-temporal ENOENT\)/)
  })

  it('does not outlive the process that started it', async () => {
    // A child Node process starts a server, prints its pid, then exits (or is signalled) without stop().
    const moduleUrl = new URL('./dev-server.ts', import.meta.url).href
    const script = async (ending: string) => `(async () => {
      const { startTemporalDevServer } = await import(${JSON.stringify(moduleUrl)})
      const server = await startTemporalDevServer({ cliPath: ${JSON.stringify(cliPath)}, port: ${await getFreePort()}, uiPort: null })
      console.log('PID=' + server.pid)
      ${ending}
    })()`
    for (const [ending, signal] of [
      ['process.exit(0)', undefined],
      ['setInterval(() => {}, 1000)', 'SIGTERM'],
    ] as const) {
      const child = spawn(
        fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url)),
        ['--eval', await script(ending)],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      )
      const pid = await new Promise<number>((done, fail) => {
        child.stdout.on('data', (chunk: Buffer) => {
          const match = /PID=(\d+)/.exec(chunk.toString())
          if (match) done(Number(match[1]))
        })
        child.once('exit', (code) => fail(new Error(`the child exited (${code}) before printing the pid`)))
      })
      if (signal) child.kill(signal)
      await new Promise((r) =>
        child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r),
      )
      for (let i = 0; i < 100 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100))
      expect(isAlive(pid), `server of a child ended by ${signal ?? 'exit'}`).toBe(false)
    }
  }, 60_000)
})
