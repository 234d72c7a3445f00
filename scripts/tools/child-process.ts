/** What every server and worker that pitcrew runs as a child process needs: its output and a stop. */
import type { ChildProcess } from 'node:child_process'

/**
 * Calls `onLine` for every line the child writes to stdout or stderr (chunks split lines anywhere:
 * the unfinished end waits for the next chunk) and keeps the last `tailLines` lines. Returns them
 * joined, for the error that says why the child failed.
 */
export function followOutput(
  child: ChildProcess,
  tailLines: number,
  onLine?: (line: string) => void,
): () => string {
  const tail: string[] = []
  const push = (line: string) => {
    tail.push(line)
    if (tail.length > tailLines) tail.shift()
    onLine?.(line)
  }
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue
    let partial = ''
    stream.setEncoding('utf8')
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) if (line) push(line)
    })
    stream.on('end', () => partial && push(partial))
  }
  return () => tail.join('\n')
}

/** SIGTERM, then SIGKILL if the child is still there after `graceMs`; resolves once it has exited. */
export async function terminate(child: ChildProcess, exited: Promise<void>, graceMs: number): Promise<void> {
  child.kill('SIGTERM')
  const timer = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), graceMs).unref())
  if ((await Promise.race([exited, timer])) === 'timeout') {
    child.kill('SIGKILL')
    await exited
  }
}
