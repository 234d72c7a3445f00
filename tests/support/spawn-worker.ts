/**
 * tests/support/worker-process.ts in a process of its own, for crash tests: resolves once the worker
 * polls, and `kill` SIGKILLs its whole process group (tsx runs the worker in a child node process),
 * as a crashing machine would. Every worker a test file started is killed when the file ends.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'
import { afterAll, inject } from 'vitest'

const root = path.resolve(import.meta.dirname, '../..')
const children: ChildProcess[] = []
afterAll(() => children.forEach(kill))

export function kill(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL')
  } catch {
    // already gone
  }
}

/** `env` adds to or overrides the defaults: the run's database and Temporal, TASK_QUEUE is required. */
export function startWorkerProcess(env: { TASK_QUEUE: string } & Record<string, string | undefined>) {
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['tests/support/worker-process.ts'], {
    cwd: root,
    env: {
      ...process.env,
      DATABASE_URL: inject('databaseUrl'),
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      LOG_LEVEL: process.env.CRASH_TEST_LOG_LEVEL ?? 'warn',
      ...Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined)),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
    detached: true,
  })
  children.push(child)
  return new Promise<ChildProcess>((resolve, reject) => {
    child.stdout!.on('data', (d) => {
      if (process.env.CRASH_TEST_LOG_LEVEL) process.stdout.write(d)
      if (String(d).includes('worker ready')) resolve(child)
    })
    child.on('exit', (code) => reject(new Error(`worker exited early (${code})`)))
  })
}
