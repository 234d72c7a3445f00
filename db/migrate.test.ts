import { readFileSync } from 'node:fs'
import path from 'node:path'
import { is, sql } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, openTestDb, queryRows, TEST_DRIVERS } from '../tests/support/postgres'
import { isUniqueViolation, migrationsFolder, openDb } from './client'
import * as schema from './schema'
import { appointments, appointmentSlots, faqs, resources } from './schema'

const schemaTables = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable =>
  is(value, PgTable),
)
const journal = JSON.parse(readFileSync(path.join(migrationsFolder, 'meta/_journal.json'), 'utf8')) as {
  entries: { tag: string }[]
}

type Handle = Awaited<ReturnType<typeof openTestDb>>

/** Everything a migration can change, in a stable order, to compare two states of the database. */
async function structure(handle: Handle) {
  const columns = await queryRows(
    handle.db,
    sql`select table_name, column_name, data_type, is_nullable, column_default, generation_expression
        from information_schema.columns where table_schema = 'public' order by table_name, column_name`,
  )
  const indexes = await queryRows(
    handle.db,
    sql`select tablename, indexname, indexdef from pg_indexes where schemaname = 'public' order by indexname`,
  )
  const migrations = await queryRows(
    handle.db,
    sql`select id, hash, created_at from drizzle.__drizzle_migrations order by id`,
  )
  return { columns, indexes, migrations }
}

async function publicTables(handle: Handle): Promise<string[]> {
  const rows = await queryRows<{ table_name: string }>(
    handle.db,
    sql`select table_name from information_schema.tables where table_schema = 'public' order by table_name`,
  )
  return rows.map((r) => r.table_name)
}

describe.each(TEST_DRIVERS)('migrations on %s', (driver) => {
  let handle: Handle

  beforeAll(async () => {
    handle = await openTestDb(driver)
  }, 60_000)
  afterAll(async () => {
    await handle?.dispose()
  })

  it('apply on an empty database, and running them again is a no-op', async () => {
    expect(await publicTables(handle)).toEqual([])

    await handle.migrate()
    const first = await structure(handle)
    expect(first.migrations).toHaveLength(journal.entries.length)
    expect(first.columns.length).toBeGreaterThan(0)

    await handle.migrate()
    expect(await structure(handle)).toEqual(first)
  }, 60_000)

  it('creates every table and column of db/schema.ts', async () => {
    expect(schemaTables.length).toBeGreaterThanOrEqual(13)
    const columns = await queryRows<{ table_name: string; column_name: string }>(
      handle.db,
      sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`,
    )
    for (const table of schemaTables) {
      const config = getTableConfig(table)
      const actual = columns.filter((c) => c.table_name === config.name).map((c) => c.column_name)
      expect(actual.sort(), config.name).toEqual(config.columns.map((c) => c.name).sort())
    }
    expect(await publicTables(handle)).toEqual(schemaTables.map((t) => getTableConfig(t).name).sort())
  })

  it('keeps the FAQ search column up to date and searchable in English', async () => {
    await handle.db.insert(faqs).values([
      {
        category: 'financing',
        question: 'Can I get financing with bad credit?',
        answer: 'Yes, we work with lenders for every credit situation.',
      },
      { category: 'payment', question: 'Do you take credit cards?', answer: 'Visa, Mastercard and Amex.' },
      // The word only in keywords must still be found: keywords are part of the search vector.
      {
        category: 'hours',
        question: 'When are you open?',
        answer: 'Weekdays 9 to 8.',
        keywords: 'closing time',
      },
    ])
    const search = (q: string) =>
      handle.db
        .select({ question: faqs.question, category: faqs.category })
        .from(faqs)
        .where(sql`${faqs.search} @@ websearch_to_tsquery('english', ${q})`)

    expect(await search('financing bad credit')).toEqual([
      { question: 'Can I get financing with bad credit?', category: 'financing' },
    ])
    // Stemming: "financed" and "financing" meet in the same lexeme.
    expect((await search('financed')).map((r) => r.category)).toEqual(['financing'])
    expect((await search('closing')).map((r) => r.category)).toEqual(['hours'])

    await handle.db
      .update(faqs)
      .set({ keywords: 'bad credit' })
      .where(sql`${faqs.category} = 'payment'`)
    expect((await search('bad credit')).map((r) => r.category).sort()).toEqual(['financing', 'payment'])
  })

  it('lets only one appointment hold a resource at a given date and time', async () => {
    const [bay] = await handle.db
      .insert(resources)
      .values({ kind: 'service_bay', name: 'Test Bay' })
      .returning()
    const base = {
      appointmentType: 'service' as const,
      customerName: 'Test Customer',
      customerPhone: '+12175550199',
      scheduledDate: '2030-03-04',
      scheduledTime: '09:00',
      durationMinutes: 30,
    }
    const [a, b] = await handle.db.insert(appointments).values([base, base]).returning()
    if (!bay || !a || !b) throw new Error('inserts returned no rows')
    const slot = { resourceId: bay.id, slotDate: '2030-03-04', slotTime: '09:00' }

    await handle.db.insert(appointmentSlots).values({ ...slot, appointmentId: a.id })
    const error = await handle.db
      .insert(appointmentSlots)
      .values({ ...slot, appointmentId: b.id })
      .then(
        () => null,
        (e: unknown) => e,
      )
    expect(error).not.toBeNull()
    expect(isUniqueViolation(error)).toBe(true)

    // The next half hour of the same bay is still free.
    await handle.db.insert(appointmentSlots).values({ ...slot, slotTime: '09:30', appointmentId: b.id })
    const held = await handle.db.select().from(appointmentSlots)
    expect(held.map((s) => [s.appointmentId, s.slotTime])).toEqual([
      [a.id, '09:00'],
      [b.id, '09:30'],
    ])
  })
})

describe('migrations on postgres, from processes that start together', () => {
  it('are applied once when four processes migrate one empty database at the same moment', async () => {
    const database = await createTestDatabase()
    const handles = await Promise.all(
      [1, 2, 3, 4].map(() => openDb({ databaseUrl: database.url, maxConnections: 2 })),
    )
    try {
      const results = await Promise.allSettled(handles.map((h) => h.migrate()))
      expect(results.filter((r) => r.status === 'rejected')).toEqual([])
      const applied = await queryRows(handles[0]!.db, sql`select hash from drizzle.__drizzle_migrations`)
      expect(applied).toHaveLength(journal.entries.length)
    } finally {
      await Promise.all(handles.map((h) => h.close()))
      await database.drop()
    }
  }, 120_000)
})
