/**
 * `npm run setup`: the one-time step before pitcrew runs as separate processes on a cluster of its own
 * (DATABASE_URL and TEMPORAL_ADDRESS set). Migrates and seeds the database and registers pitcrew's
 * search attributes in TEMPORAL_NAMESPACE. Safe to run again; `npm run api` and `npm run worker` try
 * the same at start, but a cluster may allow it only to an operator.
 */
import { Connection } from '@temporalio/client'
import { openDb } from '../db/client'
import { seed } from '../db/seed'
import { ensureSearchAttributes } from '../lib/temporal-setup'
import { loadConfigOrExit, processLogger, requireSharedServices } from './entry'

const config = loadConfigOrExit()
const log = processLogger(config, 'pitcrew-setup')
const { databaseUrl, temporalAddress } = requireSharedServices(config, 'Setup')

const db = await openDb({ databaseUrl })
try {
  await db.migrate()
  const { seeded } = await seed(db.db)
  log.info({ seeded }, seeded ? 'database migrated and seeded' : 'database migrated (already seeded)')
} finally {
  await db.close()
}
const connection = await Connection.connect({ address: temporalAddress })
const registered = await ensureSearchAttributes(connection, config.temporal.namespace, log)
await connection.close()
if (!registered) process.exit(1)
log.info({ namespace: config.temporal.namespace }, 'Temporal namespace ready for pitcrew')
