/**
 * The NLU catalog built from Springfield Auto's seed data, for tests and the benchmark. Inventory ids
 * are the 1-based seed order, which is what a freshly seeded database assigns.
 */
import { INVENTORY } from '../../db/seed/inventory'
import { SERVICES } from '../../db/seed/services'
import { HUMAN_AGENTS, RESOURCES } from '../../db/seed/staff'
import type { NluCatalog, NluContext } from './types'

export const SEED_CATALOG: NluCatalog = {
  services: SERVICES.map((s) => ({ name: s.name, synonyms: s.synonyms ?? [] })),
  vehicles: INVENTORY.map((v, i) => ({
    id: i + 1,
    year: v.year,
    make: v.make,
    model: v.model,
    trim: v.trim ?? '',
    available: v.available ?? true,
  })),
  agentNames: [
    ...HUMAN_AGENTS.map((a) => a.name),
    ...RESOURCES.filter((r) => r.kind === 'sales_consultant').map((r) => r.name),
  ].map((n) => n.split(' ')[0] ?? n),
}

/** The seed's id of the vehicle with this stock number. */
export function seedVehicleId(stockNumber: string): number {
  const index = INVENTORY.findIndex((v) => v.stockNumber === stockNumber)
  if (index < 0) throw new Error(`no seeded vehicle with stock number ${stockNumber}`)
  return index + 1
}

/** A context at a fixed instant; Chicago unless told otherwise. */
export function contextAt(iso: string, expecting: NluContext['expecting'] = null): NluContext {
  return { catalog: SEED_CATALOG, timeZone: 'America/Chicago', now: new Date(iso), expecting }
}
