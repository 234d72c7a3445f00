/**
 * A pitcrew worker in a process of its own, so a test can SIGKILL it mid-turn. With
 * PAUSE_MARKER set, each turn's activity writes that file after the graph ran (the booking is in the
 * database by then) and hangs before it stores the turn: the worst moment to die. With
 * ANALYSIS_PAUSE_MARKER set, the post-call analysis does the same between analysing an ended call
 * and storing its analysis.
 * With VOICE_PAUSE_MARKER set, a voice message hangs the same way once the call took its turn, before the
 * turn's activity reports back (a retry sends the Update again) and before the reply audio.
 * DATA_DIR is where voice message audio is kept.
 */
import { writeFileSync } from 'node:fs'
import { openDb } from '../../db/client'
import { createLogger } from '../../lib/logger'
import { createWorker } from '../../worker/create-worker'

const env = process.env

// Die with the test that started us: its end of our stdin closes when it exits, however it exits.
process.stdin.on('close', () => process.exit(1))
process.stdin.resume()
const handle = await openDb({ databaseUrl: env.DATABASE_URL! })
/** Tells the test we got here (the marker file), then hangs until it kills us. */
const pauseHere = (marker: string) => async () => {
  writeFileSync(marker, String(process.pid))
  await new Promise(() => {})
}
const { worker } = await createWorker({
  address: env.TEMPORAL_ADDRESS!,
  namespace: 'default',
  taskQueue: env.TASK_QUEUE!,
  deps: {
    db: handle.db,
    log: createLogger(env.LOG_LEVEL ?? 'warn'),
    dealershipTimeZone: 'America/Chicago',
    now: env.NOW ? () => new Date(env.NOW!) : undefined,
    webhooks: { allowPrivate: env.WEBHOOK_ALLOW_PRIVATE === 'true' },
    dataDir: env.DATA_DIR,
    hooks: {
      ...(env.PAUSE_MARKER ? { beforeSaveTurn: pauseHere(env.PAUSE_MARKER) } : {}),
      ...(env.ANALYSIS_PAUSE_MARKER ? { beforeSaveAnalysis: pauseHere(env.ANALYSIS_PAUSE_MARKER) } : {}),
      ...(env.VOICE_PAUSE_MARKER ? { afterVoiceMessageTurn: pauseHere(env.VOICE_PAUSE_MARKER) } : {}),
    },
  },
})
console.log('worker ready')
await worker.run()
