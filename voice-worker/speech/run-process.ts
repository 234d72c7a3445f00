/** Runs a command with `input` on stdin and resolves with its stdout; rejects with its stderr tail. */
import { spawn } from 'node:child_process'

export function runProcess(
  command: string,
  args: string[],
  input?: Buffer | string,
  signal?: AbortSignal,
  /** failOnStderr: anything on stderr fails the run too (for tools run with `-v error`). */
  options: { failOnStderr?: boolean } = {},
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], signal })
    const out: Buffer[] = []
    let err = ''
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk))
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString('utf8')).slice(-2000)))
    child.once('error', reject)
    child.once('close', (code) => {
      if (code === 0 && !(options.failOnStderr && err.trim() !== '')) resolve(Buffer.concat(out))
      else reject(new Error(`${command} exited with code ${code}: ${err.trim()}`))
    })
    // A process that exits without reading its stdin would make the write fail with EPIPE.
    child.stdin.on('error', () => undefined)
    child.stdin.end(input)
  })
}
