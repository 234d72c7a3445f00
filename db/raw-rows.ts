/** Rows of a raw `db.execute(sql)` on either driver, and the value conversions they need. */
import type { SQL } from 'drizzle-orm'
import type { DbOrTx } from './client'

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
