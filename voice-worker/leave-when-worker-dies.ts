/**
 * A call's job process outliving its worker (the worker was killed, the job process was not) leaves
 * the call at once instead of lingering: LiveKit Agents only notices an orphaned job process after
 * 15 s without pings from the worker, and then exits without finishing the job (the recording is left
 * unfinished). While an orphan lingers in the room, the worker taking the call over sees another
 * agent there and steps aside (call-session.ts), so the caller would wait for nobody.
 */
import { log, type JobContext } from '@livekit/agents'

/** Whether this job process has a call (a job process runs at most one). */
let hasCall = false

/**
 * A job process without a call whose worker is gone exits at once. LiveKit Agents would wait 15 s
 * without pings, and while the process is still loading (prewarm) it reads no message at all, so a
 * Ctrl-C on a busy machine left such a process running after `npm start` had exited.
 */
export function exitWhenWorkerDiesBeforeACall(): void {
  // Only a job process forked by its worker has an IPC channel to lose.
  if (!process.send) return
  process.once('disconnect', () => {
    if (!hasCall) process.exit(0)
  })
}

/** Shuts the job down cleanly (shutdown callbacks run, the room is left) when the worker's IPC closes. */
export function leaveWhenWorkerDies(ctx: JobContext, callId: string): void {
  hasCall = true
  const onWorkerGone = () => {
    log().warn({ callId }, 'the voice worker is gone: leaving the call for another worker to take over')
    ctx.shutdown('voice worker gone')
  }
  // Only a job process forked by its worker has an IPC channel to lose.
  if (!process.send) return
  if (!process.connected) return onWorkerGone()
  process.once('disconnect', onWorkerGone)
  ctx.addShutdownCallback(async () => {
    process.off('disconnect', onWorkerGone)
  })
}
