/** Rows of a raw `db.execute(sql)` on either driver, and the value conversions they need. */
import { sql, type SQL } from 'drizzle-orm'
import type { Db, DbOrTx } from './client'

/** postgres-js answers an array of rows, PGlite an object with `rows`: both become an array. */
export async function rawRows<T = Record<string, unknown>>(db: DbOrTx, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query)
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[]
}

/** A timestamptz as ISO 8601: PGlite gives Date objects, postgres-js under drizzle gives text. */
export function isoOf(value: unknown): string | null {
  if (value === null || value === undefined) return null
  return (value instanceof Date ? value : new Date(String(value))).toISOString()
}

/** A number from a numeric/bigint column (drivers give text or bigint for those); null stays null. */
export function numberOf(value: unknown): number | null {
  if (value === null || value === undefined) return null
  return Number(value)
}

/**
 * `rawRows` with PostgreSQL's JIT compiler off for the one query. Reports over tens of thousands of
 * rows have plan costs above jit_above_cost, and compiling them took seconds (measured: 3.7 s of a
 * 4.8 s analytics query over 24,000 calls) for a query that runs in a fraction of that without it.
 */
export async function rawRowsWithoutJit<T = Record<string, unknown>>(db: Db, query: SQL): Promise<T[]> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql`set local jit = off`)
      return rawRows<T>(tx, query)
    },
    { accessMode: 'read only' },
  )
}
