/**
 * Runs the voice worker (voice-worker/main.ts) as a child process — LiveKit Agents forks a process
 * per call anyway, and a crash there must not take the API down — and waits until it has registered
 * with the LiveKit server. Used by `npm start` and the voice tests.
 */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { followOutput, terminate } from '../tools/child-process'

export interface VoiceWorkerProcess {
  pid: number
  /** SIGTERM (the worker drains its calls), then SIGKILL after `graceMs`. Safe to call twice. */
  stop(graceMs?: number): Promise<void>
  /** Whether it is still running. */
  alive(): boolean
}

const MAIN = fileURLToPath(new URL('../../voice-worker/main.ts', import.meta.url))
const TAIL_LINES = 40

export async function startVoiceWorkerProcess(o: {
  env: NodeJS.ProcessEnv
  onOutput?: (line: string) => void
  startTimeoutMs?: number
}): Promise<VoiceWorkerProcess> {
  // At info level the worker logs "registered worker", which is how we know it is ready.
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'start', '--log-level', 'info'], {
    env: o.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const killOnExit = () => child.kill('SIGKILL')
  process.once('exit', killOnExit)
  const exited = new Promise<void>((r) => child.once('exit', () => r()))
  const alive = () => child.exitCode === null && child.signalCode === null

  let onRegistered: () => void = () => {}
  const registered = new Promise<void>((r) => (onRegistered = r))
  const tail = followOutput(child, TAIL_LINES, (line) => {
    if (line.includes('registered worker')) onRegistered()
    o.onOutput?.(line)
  })

  let stopping: Promise<void> | undefined
  const stop = (graceMs = 10_000) => {
    stopping ??= (async () => {
      process.removeListener('exit', killOnExit)
      if (!alive()) return
      await terminate(child, exited, graceMs)
    })()
    return stopping
  }

  let timer: NodeJS.Timeout | undefined
  const outcome = await Promise.race([
    registered.then(() => 'ready' as const),
    exited.then(() => 'exited' as const),
    new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), o.startTimeoutMs ?? 60_000))),
  ])
  clearTimeout(timer)
  if (outcome !== 'ready') {
    await stop(1_000)
    const why = outcome === 'exited' ? `exited (code ${child.exitCode})` : 'did not register in time'
    throw new Error(`voice worker ${why}.\n--- output (tail) ---\n${tail()}`)
  }
  return { pid: child.pid!, stop, alive }
}
