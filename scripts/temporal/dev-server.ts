/**
 * Runs `temporal server start-dev` as a child process and waits until it serves. Generic on purpose:
 * callers pass pitcrew's namespace and search attributes (domain/search-attributes.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { connect as tcpConnect, createServer } from 'node:net'
import { dirname, resolve } from 'node:path'
import { Connection } from '@temporalio/client'
import { registerSearchAttributes, type SearchAttributeType } from './register-search-attributes'
import { followOutput, terminate } from '../tools/child-process'

/** Options of {@link startTemporalDevServer}. */
export interface DevServerOptions {
  /** Absolute path of the `temporal` binary (see scripts/tools/temporal-cli.ts). */
  cliPath: string
  /** Frontend gRPC port. */
  port: number
  /** Web UI port, or null for a headless server. */
  uiPort: number | null
  /** Address to bind. Default 127.0.0.1. */
  ip?: string
  /** Namespace that must exist. Default `default` (always created by the dev server). */
  namespace?: string
  /** SQLite file that keeps workflows across restarts; omitted = in memory. */
  dbFile?: string
  logLevel?: 'debug' | 'info' | 'warn' | 'error' | 'never'
  /** Custom search attributes of `namespace`; missing ones are added even to an existing dbFile. */
  searchAttributes?: Readonly<Record<string, SearchAttributeType>>
  /** Each line the server prints (stdout and stderr). */
  onOutput?: (line: string) => void
  /** How long to wait for the frontend (and UI) to answer. Default 30 s. */
  startTimeoutMs?: number
}

/** A running dev server. */
export interface DevServer {
  /** Frontend address, `host:port`, for `Connection.connect({ address })`. */
  address: string
  /** Web UI, when enabled. */
  uiUrl?: string
  pid: number
  /** SIGTERM, then SIGKILL after 10 s. Safe to call more than once. */
  stop(): Promise<void>
}

const STOP_GRACE_MS = 10_000
const TAIL_LINES = 60
const POLL_MS = 50

// Servers still running in this process; killed when the process exits so none outlives it.
const live = new Set<ChildProcess>()
let hooksInstalled = false

function installProcessHooks(): void {
  if (hooksInstalled) return
  hooksInstalled = true
  process.on('exit', () => {
    for (const child of live) child.kill('SIGKILL')
  })
  // A signal ends Node without running 'exit' handlers. If nobody else handles it, stop the servers
  // and re-raise it so the process still dies the default way; otherwise the owner's handler decides.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = () => {
      for (const child of live) child.kill('SIGTERM')
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal)
        process.kill(process.pid, signal)
      }
    }
    process.on(signal, onSignal)
  }
}

/** Host to dial for a bind address (a wildcard bind is reachable on loopback), bracketed for IPv6. */
function dialHost(ip: string): string {
  const host = ip === '0.0.0.0' ? '127.0.0.1' : ip === '::' ? '::1' : ip
  return host.includes(':') ? `[${host}]` : host
}

/** Fails early, and clearly, when a port is taken, instead of waiting on another program's server. */
function assertPortFree(host: string, port: number, what: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    const probe = createServer()
    probe.once('error', (err: NodeJS.ErrnoException) => {
      const why = err.code === 'EADDRINUSE' ? 'is already in use (another Temporal dev server?)' : err.message
      reject(new Error(`cannot start the Temporal dev server: ${what} port ${host}:${port} ${why}`))
    })
    probe.listen({ host, port, exclusive: true }, () => probe.close(() => resolvePromise()))
  })
}

function buildArgs(o: DevServerOptions, ip: string, namespace: string): string[] {
  const args = ['server', 'start-dev', '--port', String(o.port), '--ip', ip]
  args.push(...(o.uiPort === null ? ['--headless'] : ['--ui-port', String(o.uiPort)]))
  // `default` is always created; naming it again would only duplicate it in the CLI's list.
  if (namespace !== 'default') args.push('--namespace', namespace)
  if (o.dbFile) args.push('--db-filename', resolve(o.dbFile))
  args.push('--log-level', o.logLevel ?? 'warn')
  for (const [name, type] of Object.entries(o.searchAttributes ?? {})) {
    args.push('--search-attribute', `${name}=${type}`)
  }
  return args
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Whether something accepts TCP connections on host:port (cheap, answers at once). */
function tcpOpen(host: string, port: number): Promise<boolean> {
  return new Promise((resolvePromise) => {
    const socket = tcpConnect({ host: host.replace(/^\[|\]$/g, ''), port })
    const done = (open: boolean) => {
      socket.destroy()
      resolvePromise(open)
    }
    socket.setTimeout(1_000, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/** A connection once the frontend serves `namespace`, else undefined. */
async function connectIfReady(
  host: string,
  port: number,
  namespace: string,
): Promise<Connection | undefined> {
  // A gRPC connect to a closed port waits out its whole timeout; a plain TCP probe fails at once.
  if (!(await tcpOpen(host, port))) return undefined
  const address = `${host}:${port}`
  const connection = await Connection.connect({ address, connectTimeout: 1_000 }).catch(() => undefined)
  if (!connection) return undefined
  try {
    await connection.withDeadline(Date.now() + 2_000, () =>
      connection.workflowService.describeNamespace({ namespace }),
    )
    return connection
  } catch {
    await connection.close()
    return undefined
  }
}

/** HTTP status of a GET, or 0 when nothing answers. */
async function httpStatus(url: string): Promise<number> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(2_000) })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 0
  }
}

/**
 * Starts `temporal server start-dev` and resolves once the frontend answers for `namespace` (and the
 * UI answers HTTP 200 when enabled). Fails with the server's output tail if it exits or times out.
 */
export async function startTemporalDevServer(o: DevServerOptions): Promise<DevServer> {
  const ip = o.ip ?? '127.0.0.1'
  const namespace = o.namespace ?? 'default'
  const host = dialHost(ip)
  const address = `${host}:${o.port}`
  const uiUrl = o.uiPort === null ? undefined : `http://${host}:${o.uiPort}`
  const deadline = Date.now() + (o.startTimeoutMs ?? 30_000)

  await assertPortFree(ip, o.port, 'frontend')
  if (o.uiPort !== null) await assertPortFree(ip, o.uiPort, 'UI')
  if (o.dbFile) mkdirSync(dirname(resolve(o.dbFile)), { recursive: true })

  const args = buildArgs(o, ip, namespace)
  const child = spawn(o.cliPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  installProcessHooks()
  live.add(child)

  const tail = followOutput(child, TAIL_LINES, o.onOutput)

  let spawnError: Error | undefined
  child.once('error', (err) => {
    spawnError = err
    live.delete(child)
  })
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const hasExited = () => child.exitCode !== null || child.signalCode !== null || spawnError !== undefined
  child.once('exit', () => live.delete(child))

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      if (hasExited() || child.pid === undefined) return
      await terminate(child, exited, STOP_GRACE_MS)
    })()
    return stopping
  }

  const fail = async (why: string): Promise<never> => {
    await stop()
    const cmd = `${o.cliPath} ${args.join(' ')}`
    throw new Error(`Temporal dev server ${why}.\ncommand: ${cmd}\n--- output (tail) ---\n${tail()}`)
  }
  const exitReason = () =>
    spawnError
      ? `could not be started (${spawnError.message})`
      : `exited before it was ready (code ${child.exitCode}, signal ${child.signalCode})`

  // The frontend: a fresh connection per attempt, since a gRPC channel that failed backs off for
  // seconds before it dials again.
  let connection: Connection | undefined
  while (!connection) {
    if (hasExited()) return fail(exitReason())
    if (Date.now() > deadline) return fail(`did not answer on ${address} in time`)
    connection = await connectIfReady(host, o.port, namespace)
    if (!connection) await sleep(POLL_MS)
  }
  try {
    // Namespace config (and so its search attributes) is only written when the db file is new.
    if (o.searchAttributes) await registerSearchAttributes(connection, namespace, o.searchAttributes)
  } catch (err) {
    return fail(`rejected the search attributes: ${err instanceof Error ? err.message : String(err)}`)
  } finally {
    await connection.close()
  }

  while (uiUrl) {
    if (hasExited()) return fail(exitReason())
    if (Date.now() > deadline) return fail(`Web UI did not answer on ${uiUrl} in time`)
    if ((await httpStatus(uiUrl)) === 200) break
    await sleep(POLL_MS)
  }

  if (hasExited() || child.pid === undefined) return fail(exitReason())
  return { address, ...(uiUrl ? { uiUrl } : {}), pid: child.pid, stop }
}
