/** The Temporal worker as a process of its own (PostgreSQL + an existing Temporal cluster). */
import { Connection } from '@temporalio/client'
import { openDb } from '../db/client'
import { ensureSearchAttributes } from '../lib/temporal-setup'
import { loadConfigOrExit, processLogger, requireSharedServices, stopOnSignals } from '../scripts/entry'
import { configuredLivekit, createVoiceService } from '../lib/livekit-voice'
import { startWorker } from './run-worker'

const config = loadConfigOrExit()
const log = processLogger(config, 'pitcrew-worker')
const { databaseUrl, temporalAddress } = requireSharedServices(config, 'The worker')

const db = await openDb({ databaseUrl })
await db.migrate()
// The workflows it runs set pitcrew's search attributes; a worker may be the first process on a new cluster.
const setup = await Connection.connect({ address: temporalAddress })
await ensureSearchAttributes(setup, config.temporal.namespace, log)
await setup.close()
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
