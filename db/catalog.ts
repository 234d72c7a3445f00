/** Read access to the dealership's catalog: FAQs, services, inventory, customers, staff. */
import { and, asc, eq, ilike, inArray, type SQL } from 'drizzle-orm'
import type { Db } from './client'
import { listCustomerVehicles } from './customer-vehicles'
import { customers, faqs, humanAgents, inventoryVehicles, serviceTypes } from './schema'
import type { FaqCategory } from '../domain/catalog'

const dollars = (cents: number) => cents / 100

export async function listFaqs(db: Db, category?: FaqCategory) {
  const rows = await db
    .select({ id: faqs.id, question: faqs.question, answer: faqs.answer, category: faqs.category })
    .from(faqs)
    .where(category ? eq(faqs.category, category) : undefined)
    .orderBy(asc(faqs.category), asc(faqs.id))
  return rows
}

export async function listServices(db: Db) {
  const rows = await db.select().from(serviceTypes).orderBy(asc(serviceTypes.name))
  return rows.map((s) => ({
    id: s.id,
    name: s.name,
    description: s.description,
    durationMinutes: s.durationMinutes,
    price: dollars(s.priceCents),
  }))
}

export async function findServiceByName(db: Db, name: string) {
  const [row] = await db
    .select()
    .from(serviceTypes)
    .where(ilike(serviceTypes.name, escapeLike(name)))
    .limit(1)
  return row ?? null
}

export interface InventoryFilter {
  make?: string
  model?: string
  condition?: 'new' | 'used' | 'certified'
  availableOnly: boolean
}

export async function listInventory(db: Db, filter: InventoryFilter) {
  const where: SQL[] = []
  if (filter.make) where.push(ilike(inventoryVehicles.make, escapeLike(filter.make)))
  if (filter.model) where.push(ilike(inventoryVehicles.model, `%${escapeLike(filter.model)}%`))
  if (filter.condition) where.push(eq(inventoryVehicles.condition, filter.condition))
  if (filter.availableOnly) where.push(eq(inventoryVehicles.available, true))
  const rows = await db
    .select()
    .from(inventoryVehicles)
    .where(and(...where))
    .orderBy(asc(inventoryVehicles.make), asc(inventoryVehicles.model), asc(inventoryVehicles.year))
  return rows.map(({ priceCents, ...v }) => ({ ...v, price: dollars(priceCents) }))
}

/** A customer with their vehicles (decoded details included), by E.164 phone; null when unknown. */
export async function findCustomerByPhone(db: Db, phone: string) {
  const [customer] = await db.select().from(customers).where(eq(customers.phone, phone)).limit(1)
  if (!customer) return null
  return {
    customerId: customer.id,
    name: customer.name,
    phone: customer.phone,
    email: customer.email,
    vehicles: await listCustomerVehicles(db, customer.id),
  }
}

export async function listHumanAgents(db: Db, ids?: number[]) {
  return db
    .select({
      id: humanAgents.id,
      name: humanAgents.name,
      role: humanAgents.role,
      skills: humanAgents.skills,
      available: humanAgents.available,
    })
    .from(humanAgents)
    .where(ids ? inArray(humanAgents.id, ids) : undefined)
    .orderBy(asc(humanAgents.id))
}

/** Makes user text safe inside ILIKE: % and _ match themselves. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
