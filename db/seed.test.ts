import { desc, is, sql } from 'drizzle-orm'
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAQ_CATEGORIES } from '../domain/catalog'
import { normalizePhone } from '../lib/phone'
import { createTestDatabase, openTestDb, TEST_DRIVERS } from '../tests/support/postgres'
import { openDb } from './client'
import * as schema from './schema'
import {
  businessHours,
  customers,
  customerVehicles,
  dealership,
  faqs,
  humanAgents,
  inventoryVehicles,
  resources,
  serviceTypes,
} from './schema'
import { seed } from './seed'

type Handle = Awaited<ReturnType<typeof openTestDb>>
type Row = Record<string, unknown>

const tables = Object.values(schema as Record<string, unknown>).filter((value): value is PgTable =>
  is(value, PgTable),
)

/** Every row of every table, as sorted JSON lines per table, so two snapshots compare by content. */
async function dump(handle: Pick<Handle, 'db'>, omit: string[] = []): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {}
  for (const table of tables) {
    const rows: Row[] = await handle.db.select().from(table)
    out[getTableConfig(table).name] = rows
      .map((row) => JSON.stringify(Object.entries(row).filter(([key]) => !omit.includes(key))))
      .sort()
  }
  return out
}

const counts = (snapshot: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(snapshot).map(([table, rows]) => [table, rows.length]))

// Letter values for the check digit; I, O and Q never appear in a VIN.
const VIN_VALUES: Record<string, number> = Object.fromEntries(
  'A1 B2 C3 D4 E5 F6 G7 H8 J1 K2 L3 M4 N5 P7 R9 S2 T3 U4 V5 W6 X7 Y8 Z9'
    .split(' ')
    .map((p) => [p[0], Number(p[1])]),
)
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2]

/** ISO 3779 / 49 CFR 565 check digit (position 9). */
function vinCheckDigit(vin: string): string {
  const sum = [...vin].reduce(
    (acc, c, i) => acc + (/\d/.test(c) ? Number(c) : (VIN_VALUES[c] ?? NaN)) * VIN_WEIGHTS[i]!,
    0,
  )
  const remainder = sum % 11
  return remainder === 10 ? 'X' : String(remainder)
}

describe.each(TEST_DRIVERS)('seed on %s', (driver) => {
  let handle: Handle

  beforeAll(async () => {
    handle = await openTestDb(driver)
    await handle.migrate()
  }, 60_000)
  afterAll(async () => {
    await handle?.dispose()
  })

  it('seeds a complete dealership on the first run', async () => {
    expect(await seed(handle.db)).toEqual({ seeded: true })
    const db = handle.db

    const [shop, ...others] = await db.select().from(dealership)
    expect(others).toHaveLength(0)
    expect(shop).toMatchObject({ id: 1, name: 'Springfield Auto', timeZone: 'America/Chicago' })
    expect(shop?.address).toMatch(/Springfield, IL 6\d{4}$/)
    expect(normalizePhone(shop?.phone ?? '')).toBe(shop?.phone)

    const hours = await db.select().from(businessHours)
    const spans = hours.map((h) => `${h.department} ${h.weekday} ${h.opensAt}-${h.closesAt}`).sort()
    const weekdays = [1, 2, 3, 4, 5]
    expect(spans).toEqual(
      [
        ...weekdays.map((d) => `service ${d} 07:00-18:00`),
        'service 6 08:00-14:00',
        ...weekdays.map((d) => `sales ${d} 09:00-20:00`),
        'sales 6 09:00-18:00',
      ].sort(),
    )

    const faqRows = await db.select().from(faqs)
    expect(faqRows.length).toBeGreaterThanOrEqual(28)
    expect(new Set(faqRows.map((f) => f.category))).toEqual(new Set(FAQ_CATEGORIES))
    for (const f of faqRows) expect(f.keywords.split(',').length, f.question).toBeGreaterThanOrEqual(3)
    const serviceHoursFaq = faqRows.find((f) => f.question === 'What are your service department hours?')
    expect(serviceHoursFaq?.answer).toContain('Monday to Friday 7 a.m. to 6 p.m., Saturday 8 a.m. to 2 p.m.')

    const services = await db.select().from(serviceTypes)
    expect(services.length).toBeGreaterThanOrEqual(10)
    const required = ['Oil Change', 'Tire Rotation', 'Brake Inspection', 'Multi-Point Inspection']
    required.push('Battery Replacement', 'Wheel Alignment', 'State Inspection', 'A/C Service')
    required.push('Transmission Service', 'EV Battery Health Check', 'Diagnostic')
    expect(services.map((s) => s.name)).toEqual(expect.arrayContaining(required))
    for (const s of services) {
      expect(s.durationMinutes % 30, s.name).toBe(0)
      expect(s.durationMinutes, s.name).toBeGreaterThan(0)
      expect(s.priceCents, s.name).toBeGreaterThanOrEqual(0)
      expect(s.synonyms.length, s.name).toBeGreaterThanOrEqual(3)
    }
    // Answers quote the price the booking system charges.
    const oil = services.find((s) => s.name === 'Oil Change')
    const oilFaq = faqRows.find((f) => f.question === 'How often should I change my oil?')
    expect(oilFaq?.answer).toContain(`$${((oil?.priceCents ?? NaN) / 100).toFixed(2)}`)

    const kinds = (await db.select().from(resources)).map((r) => r.kind)
    expect(kinds.filter((k) => k === 'service_bay')).toHaveLength(4)
    expect(kinds.filter((k) => k === 'sales_consultant')).toHaveLength(3)

    const cars = await db.select().from(inventoryVehicles)
    expect(cars.length).toBeGreaterThanOrEqual(30)
    expect(new Set(cars.map((c) => c.make)).size).toBeGreaterThanOrEqual(6)
    expect(new Set(cars.map((c) => c.condition))).toEqual(new Set(['new', 'used', 'certified']))
    expect(cars.map((c) => c.fuelType)).toEqual(expect.arrayContaining(['hybrid', 'electric']))
    expect(cars.filter((c) => !c.available).length).toBeGreaterThanOrEqual(2)
    for (const c of cars) {
      expect(c.vin, c.stockNumber).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/)
      expect(c.vin[8], c.vin).toBe(vinCheckDigit(c.vin))
      expect(c.priceCents, c.vin).toBeGreaterThanOrEqual(5_000_00)
      expect(c.priceCents, c.vin).toBeLessThanOrEqual(150_000_00)
      if (c.condition === 'new') expect(c.mileage, c.vin).toBeLessThan(100)
      else expect(c.mileage, c.vin).toBeGreaterThan(1000)
    }

    const people = await db.select().from(customers)
    const vehicles = await db.select().from(customerVehicles)
    expect(people.length).toBeGreaterThanOrEqual(12)
    for (const p of people) {
      expect(normalizePhone(p.phone), p.name).toBe(p.phone)
      expect(p.phone, p.name).toMatch(/^\+1\d{3}55501\d\d$/)
      const owned = vehicles.filter((v) => v.customerId === p.id)
      expect(owned.length, p.name).toBeGreaterThanOrEqual(1)
      expect(owned.length, p.name).toBeLessThanOrEqual(2)
    }
    const vins = [...cars.map((c) => c.vin), ...vehicles.flatMap((v) => (v.vin ? [v.vin] : []))]
    expect(vins.filter((vin) => !/^[A-HJ-NPR-Z0-9]{17}$/.test(vin) || vin[8] !== vinCheckDigit(vin))).toEqual(
      [],
    )
    expect(new Set(vins).size).toBe(vins.length)
    expect(vehicles.filter((v) => v.vin && v.mileage).length).toBeGreaterThanOrEqual(5)

    const agents = await db.select().from(humanAgents)
    expect(agents).toHaveLength(3)
    for (const a of agents) {
      expect(a.available, a.name).toBe(true)
      expect(a.skills.length, a.name).toBeGreaterThan(0)
    }
    expect(agents.flatMap((a) => a.skills)).toEqual(expect.arrayContaining(['service', 'sales', 'financing']))
  }, 60_000)

  it('changes nothing on a second run', async () => {
    const before = await dump(handle)
    expect(await seed(handle.db)).toEqual({ seeded: false })
    expect(await dump(handle)).toEqual(before)
  })

  it('completes an interrupted seed without duplicating rows', async () => {
    const before = await dump(handle, ['id', 'seededAt'])
    // As if a seed had stopped before its last step and lost a couple of rows.
    await handle.db.delete(dealership)
    await handle.db.delete(faqs).where(sql`${faqs.category} = 'financing'`)
    const [vehicle] = await handle.db
      .select()
      .from(customerVehicles)
      .where(sql`${customerVehicles.vin} is null`)
      .orderBy(desc(customerVehicles.id))
      .limit(1)
    expect(vehicle).toBeDefined()
    await handle.db.delete(customerVehicles).where(sql`${customerVehicles.id} = ${vehicle?.id ?? -1}`)

    expect(await seed(handle.db)).toEqual({ seeded: true })
    const after = await dump(handle, ['id', 'seededAt'])
    expect(counts(after)).toEqual(counts(before))
    expect(after).toEqual(before)
    expect(await seed(handle.db)).toEqual({ seeded: false })
  })

  it.each([
    ['financing bad credit', 'Can I get financing with bad credit?'],
    ['what time do you close on saturday', /hours\?$/],
    ['loaner car', 'Do you offer loaner cars?'],
    ['charging station', 'Do you have EV charging stations?'],
    ['trade in payoff', "Can I trade in a car that isn't paid off?"],
    ['squeaky brakes', 'How much does a brake inspection cost?'],
    ['is there a cooling off period', 'Can I return a car after I buy it?'],
  ])('full-text search answers "%s"', async (query, expected) => {
    const rank = sql`ts_rank(${faqs.search}, websearch_to_tsquery('english', ${query}))`
    const [top] = await handle.db
      .select({ question: faqs.question })
      .from(faqs)
      .where(sql`${faqs.search} @@ websearch_to_tsquery('english', ${query})`)
      .orderBy(desc(rank), faqs.id)
      .limit(1)
    expect(top?.question).toMatch(expected)
  })
})

describe('seed from two PostgreSQL connections at once', () => {
  it('seeds exactly once', async () => {
    const database = await createTestDatabase()
    const first = await openDb({ databaseUrl: database.url, maxConnections: 1 })
    const second = await openDb({ databaseUrl: database.url, maxConnections: 1 })
    try {
      await first.migrate()
      const results = await Promise.all([seed(first.db), seed(second.db)])
      expect(results.map((r) => r.seeded).sort()).toEqual([false, true])
      const snapshot = await dump(first)
      expect(snapshot.faqs?.length).toBeGreaterThanOrEqual(28)
      expect(new Set(snapshot.customer_vehicles).size).toBe(snapshot.customer_vehicles?.length)
      expect(await seed(second.db)).toEqual({ seeded: false })
      expect(await dump(second)).toEqual(snapshot)
    } finally {
      await Promise.all([first.close(), second.close()])
      await database.drop()
    }
  }, 60_000)
})
