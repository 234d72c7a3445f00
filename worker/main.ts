/** The Temporal worker as a process of its own (PostgreSQL + an existing Temporal cluster). */
import { openDb } from '../db/client'
import { loadConfigOrExit, processLogger, requireSharedServices, stopOnSignals } from '../scripts/entry'
import { startWorker } from './run-worker'

const config = loadConfigOrExit()
const log = processLogger(config, 'pitcrew-worker')
const { databaseUrl, temporalAddress } = requireSharedServices(config, 'The worker')

const db = await openDb({ databaseUrl })
await db.migrate()
const worker = await startWorker({ config, address: temporalAddress, db: db.db, log })
log.info({ taskQueue: config.temporal.taskQueue, temporal: temporalAddress }, 'worker running')
stopOnSignals(log, async () => {
  await worker.stop()
  await db.close()
})
await worker.finished
