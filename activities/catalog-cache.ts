import { asc } from 'drizzle-orm'
import type { Db } from '../db/client'
import { humanAgents, inventoryVehicles, serviceTypes } from '../db/schema'
import type { NluCatalog } from './nlu'

const TTL_MS = 60_000

/** The catalog the language understanding matches against, re-read at most once a minute. */
export function createCatalogCache(db: Db, ttlMs = TTL_MS) {
  let cached: { at: number; value: Promise<NluCatalog> } | undefined
  return () => {
    if (!cached || Date.now() - cached.at > ttlMs) {
      const value = load(db)
      cached = { at: Date.now(), value }
      value.catch(() => (cached = undefined))
    }
    return cached.value
  }
}

async function load(db: Db): Promise<NluCatalog> {
  const [services, vehicles, agents] = await Promise.all([
    db
      .select({ name: serviceTypes.name, synonyms: serviceTypes.synonyms })
      .from(serviceTypes)
      .orderBy(asc(serviceTypes.id)),
    db
      .select({
        id: inventoryVehicles.id,
        year: inventoryVehicles.year,
        make: inventoryVehicles.make,
        model: inventoryVehicles.model,
        trim: inventoryVehicles.trim,
        available: inventoryVehicles.available,
      })
      .from(inventoryVehicles),
    db.select({ name: humanAgents.name }).from(humanAgents),
  ])
  return { services, vehicles, agentNames: agents.map((a) => a.name.split(' ')[0]!) }
}
