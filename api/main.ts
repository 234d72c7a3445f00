/** The HTTP API as a process of its own (PostgreSQL + an existing Temporal cluster). */
import { Connection } from '@temporalio/client'
import { createCallEventFeed } from '../db/call-event-feed'
import { openDb } from '../db/client'
import { loadConfigOrExit, processLogger, requireSharedServices, stopOnSignals } from '../scripts/entry'
import { version } from '../scripts/version'
import { ensureDashboardBuilt } from '../scripts/web/build-dashboard'
import { configuredLivekit, createVoiceService } from '../lib/livekit-voice'
import { ensureSearchAttributes } from '../lib/temporal-setup'
import { startApiServer } from './serve'

const config = loadConfigOrExit()
const log = processLogger(config, 'pitcrew-api')
const { databaseUrl, temporalAddress } = requireSharedServices(config, 'The API')

const db = await openDb({ databaseUrl })
await db.migrate()
const events = createCallEventFeed(db, log)
await events.ready
const connection = await Connection.connect({ address: temporalAddress })
await ensureSearchAttributes(connection, config.temporal.namespace, log)
const livekit = configuredLivekit({ ...config.livekit, agentName: config.voice.agentName })
const webDir = await ensureDashboardBuilt((line) => log.info(line))
const api = await startApiServer({
  config,
  db: db.db,
  connection,
  temporalAddress,
  events,
  log,
  version,
  webDir,
  voice: livekit && createVoiceService(livekit),
})
log.info({ url: api.url }, 'API listening')
stopOnSignals(log, async () => {
  await api.close()
  await events.close()
  await connection.close()
  await db.close()
})
