/**
 * `tsx scripts/seed.ts`: migrates and seeds the database that pitcrew would use (DATABASE_URL, or
 * PGlite under DATA_DIR), then prints what it did. Safe to run again: a seeded database is left as is.
 */
import { is } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { ConfigError, loadConfig } from '../config/env'
import { openDb } from '../db/client'
import * as schema from '../db/schema'
import { seed } from '../db/seed'
import { acquireDataDirLock } from './data-dir-lock'

let config
try {
  config = loadConfig(process.env)
} catch (err) {
  console.error(err instanceof ConfigError ? err.message : err)
  process.exit(1)
}

const target =
  'databaseUrl' in config.database
    ? `PostgreSQL ${describeUrl(config.database.databaseUrl)}`
    : `PGlite in ${config.database.pgliteDir}`
// Embedded PGlite breaks if two processes open it: refuse while `npm start` owns the data dir.
const releaseLock = 'pgliteDir' in config.database ? acquireDataDirLock(config.dataDir) : () => {}

const handle = await openDb(config.database)
try {
  await handle.migrate()
  console.log(`Migrated ${target}`)
  const { seeded } = await seed(handle.db)
  console.log(seeded ? 'Seeded Springfield Auto:' : 'Already seeded, nothing changed. Rows now:')
  for (const table of Object.values(schema as Record<string, unknown>)) {
    if (!is(table, PgTable)) continue
    const rows = await handle.db.$count(table)
    if (rows > 0) console.log(`  ${getTableConfig(table).name.padEnd(20)} ${rows}`)
  }
} catch (err) {
  console.error('Seeding failed:', err)
  process.exitCode = 1
} finally {
  await handle.close()
  releaseLock()
}

/** host/database without the password, which has no business in a terminal or a log. */
function describeUrl(url: string): string {
  const parsed = new URL(url)
  return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`
}
