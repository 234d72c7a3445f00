/**
 * pitcrew's own entry files (`npm run setup`, `npm run api`, `npm run worker`) as separate processes,
 * started as an operator would, for tests of a multi-process deployment. Each runs in its own process
 * group so a test can SIGKILL it the way a machine dies; every one left is killed when the test
 * process exits.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '../..')
const running = new Set<ChildProcess>()
process.on('exit', () => running.forEach((child) => killGroup(child)))

export interface PitcrewProcess {
  child: ChildProcess
  output(): string
  exited: Promise<number | null>
  /** SIGKILL to the whole group: no shutdown code runs. */
  kill(): Promise<void>
}

export function startPitcrewProcess(entry: string, env: Record<string, string>): PitcrewProcess {
  let output = ''
  const { NODE_ENV: _runnerSets, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: root,
    env: { ...inherited, LOG_LEVEL: 'warn', ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  running.add(child)
  child.stdout!.on('data', (d) => (output += d))
  child.stderr!.on('data', (d) => (output += d))
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child)
      resolve(code)
    }),
  )
  return {
    child,
    output: () => output,
    exited,
    async kill() {
      killGroup(child)
      await exited
    },
  }
}

function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** Resolves when `url` answers 200; fails with the process's output if it exits or times out. */
export async function waitUntilReady(url: string, proc: PitcrewProcess, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) throw new Error(`exited with ${proc.child.exitCode}:\n${proc.output()}`)
    const status = await fetch(url).then(
      (r) => r.status,
      () => 0,
    )
    if (status === 200) return
    await new Promise((r) => setTimeout(r, 250))
  }
  throw new Error(`${url} never answered 200:\n${proc.output()}`)
}
