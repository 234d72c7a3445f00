/**
 * Throwaway databases for tests: a fresh PostgreSQL database per caller (so parallel test files never
 * share rows) and temp folders for embedded PGlite.
 */
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import postgres from 'postgres'
import { sql, type SQL } from 'drizzle-orm'
import { openDb, type Db, type DbHandle } from '../../db/client'
import { seed } from '../../db/seed'
import { isProcessAlive } from '../../lib/process-alive'

const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres'

export interface TestDatabase {
  /** Connection URL of the new database. */
  url: string
  name: string
  /** Drops the database, disconnecting anyone still connected. Safe to call twice. */
  drop(): Promise<void>
}

function adminUrl(): string {
  return process.env.TEST_DATABASE_ADMIN_URL || DEFAULT_ADMIN_URL
}

/** Creates an empty, uniquely named database on the server behind TEST_DATABASE_ADMIN_URL. */
export async function createTestDatabase(prefix = 'pitcrew_test'): Promise<TestDatabase> {
  // Postgres names stop at 63 bytes; the suffix takes up to 23.
  if (!/^[a-z_][a-z0-9_]{0,39}$/.test(prefix)) throw new Error(`createTestDatabase: bad prefix ${prefix}`)
  // pid + time + random bits: unique across parallel vitest workers and repeated runs.
  const name = `${prefix}_${process.pid}_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`
  const admin = adminUrl()
  await withAdmin(admin, async (sql) => {
    await dropAbandoned(sql, prefix)
    await sql.unsafe(`CREATE DATABASE "${name}"`)
  })
  const url = new URL(admin)
  url.pathname = `/${name}`
  let dropped = false
  return {
    url: url.toString(),
    name,
    async drop() {
      if (dropped) return
      dropped = true
      await withAdmin(admin, (sql) => sql.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`))
    },
  }
}

const ABANDONED_AFTER_MS = 60 * 60 * 1000

/**
 * A test run that crashed never calls drop(). Databases of ours whose process is gone and that are
 * more than an hour old are dropped, so they do not pile up on a developer's server.
 */
async function dropAbandoned(sql: postgres.Sql, prefix: string): Promise<void> {
  const rows = await sql<
    { datname: string }[]
  >`select datname from pg_database where starts_with(datname, ${prefix + '_'})`
  const pattern = new RegExp(`^${prefix}_(\\d+)_([0-9a-z]+)_[0-9a-f]{6}$`)
  for (const { datname } of rows) {
    const match = pattern.exec(datname)
    if (!match) continue
    const createdAt = parseInt(match[2] ?? '', 36)
    if (isProcessAlive(Number(match[1])) || !(Date.now() - createdAt > ABANDONED_AFTER_MS)) continue
    await sql.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`).catch(() => {})
  }
}

async function withAdmin(url: string, run: (sql: postgres.Sql) => Promise<unknown>): Promise<void> {
  const sql = postgres(url, { max: 1, onnotice: () => {} })
  try {
    await run(sql)
  } finally {
    await sql.end({ timeout: 5 })
  }
}

/** A new empty temp folder for a PGlite data directory. */
export function pgliteTempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'pitcrew-pglite-'))
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) }
}

export const TEST_DRIVERS = ['pglite', 'postgres'] as const
export type TestDriver = (typeof TEST_DRIVERS)[number]

/**
 * Opens an empty (unmigrated) database of the given driver. `dispose()` closes it and removes the
 * database or folder.
 */
export async function openTestDb(driver: TestDriver): Promise<DbHandle & { dispose(): Promise<void> }> {
  if (driver === 'pglite') {
    const tmp = pgliteTempDir()
    const handle = await openDb({ pgliteDir: tmp.dir }).catch((error: unknown) => {
      tmp.cleanup()
      throw error
    })
    return { ...handle, dispose: () => handle.close().finally(() => tmp.cleanup()) }
  }
  const database = await createTestDatabase()
  const handle = await openDb({ databaseUrl: database.url, maxConnections: 4 }).catch(
    async (error: unknown) => {
      await database.drop()
      throw error
    },
  )
  return { ...handle, dispose: () => handle.close().finally(() => database.drop()) }
}

/** Rows of a raw query on either driver (postgres-js answers an array, PGlite an object with `rows`). */
export async function queryRows<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query)
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}

/** A database of a test's own, migrated and holding the seed data (Springfield Auto). */
export async function createSeededTestDatabase(prefix: string): Promise<TestDatabase> {
  const database = await createTestDatabase(prefix)
  const handle = await openDb({ databaseUrl: database.url })
  try {
    await handle.migrate()
    await seed(handle.db)
  } finally {
    await handle.close()
  }
  return database
}

/** Every row of every table, hashed: two equal fingerprints mean nothing was written in between. */
export async function fingerprintDatabase(db: Db): Promise<string> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select table_name as name from information_schema.tables
        where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
  )
  const hashes = tables.map(
    ({ name }) =>
      sql`select ${name} as t, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h
          from ${sql.identifier(name)} x`,
  )
  return JSON.stringify(await queryRows(db, sql.join(hashes, sql` union all `)))
}
