/**
 * Opens the database: PostgreSQL through postgres-js when a URL is given, otherwise embedded PGlite
 * in a folder. Both speak the same schema and migrations; callers see one `Db` type.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import * as schema from './schema'

export type Schema = typeof schema
export type Db = PgDatabase<PgQueryResultHKT, Schema>
/** A transaction of `Db` (what `db.transaction(async (tx) => ...)` hands its callback). */
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]
/** Queries that may run on their own or as part of a caller's transaction. */
export type DbOrTx = Db | Tx

export interface DbHandle {
  db: Db
  driver: 'postgres' | 'pglite'
  /** Applies the generated migrations in db/migrations (idempotent). */
  migrate(): Promise<void>
  /**
   * LISTENs on `channel` and calls `onPayload` with each notification's payload; resolves once the
   * LISTEN is active, with a function that stops it. `onListen` runs every time the LISTEN becomes
   * active: postgres-js re-LISTENs after a lost connection, and notifications sent while it was down
   * are gone, so listeners should catch up then. PGlite delivers only NOTIFYs of this process.
   */
  listen(
    channel: string,
    onPayload: (payload: string) => void,
    onListen?: () => void,
  ): Promise<() => Promise<void>>
  close(): Promise<void>
}

export type DbOptions = { databaseUrl: string; maxConnections?: number } | { pgliteDir: string }

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url))

export async function openDb(options: DbOptions): Promise<DbHandle> {
  if ('databaseUrl' in options) return openPostgres(options.databaseUrl, options.maxConnections ?? 10)
  return openPglite(options.pgliteDir)
}

async function openPostgres(url: string, max: number): Promise<DbHandle> {
  const { default: postgres } = await import('postgres')
  const { drizzle } = await import('drizzle-orm/postgres-js')
  const client = postgres(url, { max, onnotice: () => {} })
  const db = drizzle(client, { schema })
  return {
    db: db as unknown as Db,
    driver: 'postgres',
    migrate: () => migrateUnderLock(url),
    listen: async (channel, onPayload, onListen) => {
      // postgres-js LISTENs on one extra connection of its own and re-LISTENs when it reconnects.
      const { unlisten } = await client.listen(channel, onPayload, onListen)
      return unlisten
    },
    close: () => client.end({ timeout: 5 }),
  }
}

/**
 * Several processes (APIs and workers) may start against one database at the same moment, and
 * drizzle's migrator is check-then-apply: two of them would both see a migration missing and both
 * apply it. Each holds a session-level advisory lock on a connection of its own while it migrates,
 * so they take turns and all but the first find nothing left to do.
 */
const MIGRATION_LOCK_KEY = 0x70697463 // 'pitc'

async function migrateUnderLock(url: string): Promise<void> {
  const { default: postgres } = await import('postgres')
  const { drizzle } = await import('drizzle-orm/postgres-js')
  const { migrate } = await import('drizzle-orm/postgres-js/migrator')
  // One connection, so the lock and every migration statement share a session.
  const client = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await client`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`
    await migrate(drizzle(client), { migrationsFolder })
  } finally {
    // Ending the session releases the lock too, also when a migration failed.
    await client.end({ timeout: 5 })
  }
}

async function openPglite(dir: string): Promise<DbHandle> {
  const { PGlite } = await import('@electric-sql/pglite')
  const { drizzle } = await import('drizzle-orm/pglite')
  const { migrate } = await import('drizzle-orm/pglite/migrator')
  mkdirSync(path.dirname(dir), { recursive: true })
  const client = await PGlite.create(dir)
  const db = drizzle(client, { schema })
  return {
    db: db as unknown as Db,
    driver: 'pglite',
    migrate: () => migrate(db, { migrationsFolder }),
    listen: async (channel, onPayload, onListen) => {
      const unlisten = await client.listen(channel, onPayload)
      onListen?.()
      return () => unlisten()
    },
    close: () => client.close(),
  }
}

/** True when `error` (or its cause, as drizzle wraps driver errors) is a unique-constraint violation. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (e: unknown) =>
    e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined
  return code(error) === '23505' || code((error as { cause?: unknown } | null)?.cause) === '23505'
}
