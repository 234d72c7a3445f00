/**
 * Customers' car records. A VIN is on at most one customer's record (the unique index on
 * customer_vehicles.vin decides, not a read before the write), so adding the same car twice, from a
 * retried turn or from two requests at the same moment, leaves one row.
 */
import { asc, eq } from 'drizzle-orm'
import type { DecodedVehicle, VehicleDetails } from '../domain/vehicle'
import type { Db } from './client'
import { customerVehicles } from './schema'

export interface CustomerVehicle {
  vehicleId: number
  year: number
  make: string
  model: string
  vin?: string
  mileage?: number
  details?: VehicleDetails
}

export type AddVehicleResult =
  | { status: 'created' | 'existing'; vehicle: CustomerVehicle }
  /** The VIN is on another customer's record. */
  | { status: 'conflict' }

type Row = typeof customerVehicles.$inferSelect

function toVehicle(row: Row): CustomerVehicle {
  return {
    vehicleId: row.id,
    year: row.year,
    make: row.make,
    model: row.model,
    ...(row.vin ? { vin: row.vin } : {}),
    ...(row.mileage !== null ? { mileage: row.mileage } : {}),
    ...(row.details ? { details: row.details } : {}),
  }
}

/** Adds a decoded car to a customer's record, once per VIN; a mileage given again is kept. */
export async function addCustomerVehicle(
  db: Db,
  input: { customerId: number; vehicle: DecodedVehicle; mileage?: number },
): Promise<AddVehicleResult> {
  const { vin, year, make, model, ...details } = input.vehicle
  const [inserted] = await db
    .insert(customerVehicles)
    .values({
      customerId: input.customerId,
      vin,
      year,
      make,
      model,
      mileage: input.mileage ?? null,
      details,
    })
    .onConflictDoNothing({ target: customerVehicles.vin })
    .returning()
  if (inserted) return { status: 'created', vehicle: toVehicle(inserted) }
  const [existing] = await db.select().from(customerVehicles).where(eq(customerVehicles.vin, vin))
  if (!existing || existing.customerId !== input.customerId) return { status: 'conflict' }
  if (input.mileage !== undefined && input.mileage !== existing.mileage) {
    const [updated] = await db
      .update(customerVehicles)
      .set({ mileage: input.mileage })
      .where(eq(customerVehicles.id, existing.id))
      .returning()
    return { status: 'existing', vehicle: toVehicle(updated ?? existing) }
  }
  return { status: 'existing', vehicle: toVehicle(existing) }
}

/** A customer's cars, oldest record first. */
export async function listCustomerVehicles(db: Db, customerId: number): Promise<CustomerVehicle[]> {
  const rows = await db
    .select()
    .from(customerVehicles)
    .where(eq(customerVehicles.customerId, customerId))
    .orderBy(asc(customerVehicles.id))
  return rows.map(toVehicle)
}
