/** The Temporal worker as a process of its own (PostgreSQL + an existing Temporal cluster). */
import { openDb } from '../db/client'
import { loadConfigOrExit, processLogger, requireSharedServices, stopOnSignals } from '../scripts/entry'
import { configuredLivekit, createVoiceService } from '../lib/livekit-voice'
import { startWorker } from './run-worker'

const config = loadConfigOrExit()
const log = processLogger(config, 'pitcrew-worker')
const { databaseUrl, temporalAddress } = requireSharedServices(config, 'The worker')

const db = await openDb({ databaseUrl })
await db.migrate()
const livekit = configuredLivekit({ ...config.livekit, agentName: config.voice.agentName })
const worker = await startWorker({
  config,
  address: temporalAddress,
  db: db.db,
  log,
  voiceRooms: livekit && createVoiceService(livekit),
})
log.info({ taskQueue: config.temporal.taskQueue, temporal: temporalAddress }, 'worker running')
stopOnSignals(log, async () => {
  await worker.stop()
  await db.close()
})
await worker.finished
