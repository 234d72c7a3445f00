import { sql } from 'drizzle-orm'
import type { HealthCheck } from '../api/context'
import type { Db } from './client'

export function databaseHealthCheck(db: Db): HealthCheck {
  return {
    name: 'database',
    async check() {
      await db.execute(sql`select 1`)
    },
  }
}
