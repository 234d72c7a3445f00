/**
 * Runs `livekit-server --dev` on loopback as a child process and waits until it serves. Used by
 * `npm start` (when no LIVEKIT_URL is configured) and by the tests' global setup.
 */
import { spawn } from 'node:child_process'
import { followOutput, terminate } from '../tools/child-process'

/** The key pair `--dev` mode always accepts. Fine on loopback, never on a reachable address. */
export const DEV_API_KEY = 'devkey'
export const DEV_API_SECRET = 'secret'

export interface LivekitDevServerOptions {
  /** Absolute path of the `livekit-server` binary (see scripts/tools/livekit-server.ts). */
  binPath: string
  /** HTTP/WebSocket port (signalling and the server API). */
  port: number
  /** ICE over TCP port and the single UDP port for media (dev mode muxes all media on it). */
  rtcTcpPort: number
  rtcUdpPort: number
  /** Address to bind. Default 127.0.0.1. */
  bind?: string
  /** Each line the server prints. */
  onOutput?: (line: string) => void
  /** Default 30 s. */
  startTimeoutMs?: number
}

export interface LivekitDevServer {
  /** WebSocket URL for clients, agents and the server SDK (which turns ws into http itself). */
  url: string
  apiKey: string
  apiSecret: string
  pid: number
  /** SIGTERM, then SIGKILL after 5 s. Safe to call more than once. */
  stop(): Promise<void>
}

const TAIL_LINES = 60
const STOP_GRACE_MS = 5_000

/** The server's YAML config: loopback only, our ports, dev keys, no external IP discovery (offline). */
function configBody(o: LivekitDevServerOptions, bind: string): string {
  return [
    `port: ${o.port}`,
    `bind_addresses: ["${bind}"]`,
    'rtc:',
    `  tcp_port: ${o.rtcTcpPort}`,
    `  udp_port: ${o.rtcUdpPort}`,
    '  use_external_ip: false',
    `  node_ip: ${bind === '0.0.0.0' ? '127.0.0.1' : bind}`,
    'keys:',
    `  ${DEV_API_KEY}: ${DEV_API_SECRET}`,
    'logging:',
    '  level: warn',
  ].join('\n')
}

/** Starts the server and resolves once its HTTP endpoint answers; fails with its output tail. */
export async function startLivekitDevServer(o: LivekitDevServerOptions): Promise<LivekitDevServer> {
  const bind = o.bind ?? '127.0.0.1'
  const host = bind === '0.0.0.0' ? '127.0.0.1' : bind
  const args = ['--dev', '--bind', bind, '--config-body', configBody(o, bind)]
  const child = spawn(o.binPath, args, { stdio: ['ignore', 'pipe', 'pipe'] })
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)

  const tail = followOutput(child, TAIL_LINES, o.onOutput)

  let spawnError: Error | undefined
  child.once('error', (err) => (spawnError = err))
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const hasExited = () => child.exitCode !== null || child.signalCode !== null || spawnError !== undefined

  let stopping: Promise<void> | undefined
  const stop = () => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit)
      if (hasExited()) return
      await terminate(child, exited, STOP_GRACE_MS)
    })()
    return stopping
  }

  const deadline = Date.now() + (o.startTimeoutMs ?? 30_000)
  const httpUrl = `http://${host}:${o.port}/`
  for (;;) {
    if (hasExited() || Date.now() > deadline) {
      await stop()
      const why = spawnError
        ? `could not be started (${spawnError.message})`
        : hasExited()
          ? `exited before it was ready (code ${child.exitCode})`
          : `did not answer on ${httpUrl} in time`
      throw new Error(`LiveKit dev server ${why}.\n--- output (tail) ---\n${tail()}`)
    }
    const ok = await fetch(httpUrl, { signal: AbortSignal.timeout(1_000) })
      .then((r) => r.ok)
      .catch(() => false)
    if (ok) break
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url: `ws://${host}:${o.port}`,
    apiKey: DEV_API_KEY,
    apiSecret: DEV_API_SECRET,
    pid: child.pid!,
    stop,
  }
}
