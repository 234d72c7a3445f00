/** A job process (forked with an IPC channel, as LiveKit Agents forks them) whose worker goes away. */
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { expect, it, onTestFinished } from 'vitest'

const MODULE = fileURLToPath(new URL('./leave-when-worker-dies.ts', import.meta.url))

/** A process that loads the module as the agent does, then stays up (a ready, idle job process). */
function idleJobProcess() {
  const code = `const m = await import(${JSON.stringify(MODULE)}); m.exitWhenWorkerDiesBeforeACall(); process.send('ready'); setInterval(() => {}, 1000)`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  onTestFinished(() => void child.kill('SIGKILL'))
  const ready = new Promise((resolve) => child.once('message', resolve))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  return { child, ready, exited }
}

// Without the module's handler it would stay up (LiveKit Agents notices after 15 s without pings;
// this process has no such timer at all) and the test would time out.
it('exits at once when its worker goes away before it had a call', async () => {
  const job = idleJobProcess()
  await job.ready
  job.child.disconnect()
  expect(await job.exited).toBe(0)
}, 30_000)
