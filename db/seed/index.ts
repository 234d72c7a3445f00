/**
 * Seeds Springfield Auto's data. Idempotent: every insert is keyed on a natural unique key and skips
 * rows that exist, everything runs in one transaction, and the dealership row is written last so its
 * presence means "seed complete".
 */
import { eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../client'
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
} from '../schema'
import { CUSTOMERS } from './customers'
import { BUSINESS_HOURS, DEALERSHIP } from './dealership'
import { FAQS } from './faqs'
import { INVENTORY } from './inventory'
import { SERVICES } from './services'
import { HUMAN_AGENTS, RESOURCES } from './staff'

export { BUSINESS_HOURS, CUSTOMERS, DEALERSHIP, FAQS, HUMAN_AGENTS, INVENTORY, RESOURCES, SERVICES }

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

/** Arbitrary constant key for the advisory lock that serializes concurrent seeders. */
const SEED_LOCK_KEY = 7_141_900_001

export async function seed(db: Db): Promise<{ seeded: boolean }> {
  return db.transaction(async (tx) => {
    // Two processes starting at once would otherwise both see "not seeded"; the second one waits here
    // and then finds the dealership row. Released automatically at commit or rollback.
    await tx.execute(sql`select pg_advisory_xact_lock(${sql.raw(String(SEED_LOCK_KEY))})`)
    const done = await tx
      .select({ id: dealership.id })
      .from(dealership)
      .where(eq(dealership.id, DEALERSHIP.id))
    if (done.length > 0) return { seeded: false }

    await tx.insert(businessHours).values(BUSINESS_HOURS).onConflictDoNothing()
    await tx.insert(faqs).values(FAQS).onConflictDoNothing({ target: faqs.question })
    await tx.insert(serviceTypes).values(SERVICES).onConflictDoNothing({ target: serviceTypes.name })
    await tx.insert(resources).values(RESOURCES).onConflictDoNothing({ target: resources.name })
    // Vehicles (vin, stock number) and agents (name, email) have two unique keys: skip on either.
    await tx.insert(inventoryVehicles).values(INVENTORY).onConflictDoNothing()
    await tx.insert(humanAgents).values(HUMAN_AGENTS).onConflictDoNothing()
    await seedCustomers(tx)
    await tx.insert(dealership).values(DEALERSHIP).onConflictDoNothing()
    return { seeded: true }
  })
}

async function seedCustomers(tx: Tx): Promise<void> {
  await tx
    .insert(customers)
    .values(CUSTOMERS.map(({ vehicles: _vehicles, ...customer }) => customer))
    .onConflictDoNothing({ target: customers.phone })

  const phones = CUSTOMERS.map((c) => c.phone)
  const ids = new Map(
    (
      await tx
        .select({ id: customers.id, phone: customers.phone })
        .from(customers)
        .where(inArray(customers.phone, phones))
    ).map((row) => [row.phone, row.id]),
  )
  // Vehicles without a VIN have no unique key, so an existing (customer, year, make, model) counts as seeded.
  const existing = await tx
    .select()
    .from(customerVehicles)
    .where(inArray(customerVehicles.customerId, [...ids.values()]))
  const missing = CUSTOMERS.flatMap((customer) => {
    const customerId = ids.get(customer.phone)
    if (customerId === undefined) return []
    return customer.vehicles
      .filter(
        (v) =>
          !existing.some(
            (e) =>
              (v.vin && e.vin === v.vin) ||
              (e.customerId === customerId && e.year === v.year && e.make === v.make && e.model === v.model),
          ),
      )
      .map((v) => ({ ...v, customerId }))
  })
  if (missing.length > 0) await tx.insert(customerVehicles).values(missing).onConflictDoNothing()
}
