/**
 * A vehicle as NHTSA's vPIC data decodes its VIN, and the car records of customers. Isomorphic: the
 * API answers these shapes, the crew reads them back, the dashboard's customer card shows them.
 */
import { z } from 'zod'

/** What a VIN decodes to (from vPIC); only `vin`, `year`, `make`, `model` are always there. */
export const DecodedVehicle = z.object({
  vin: z.string(),
  year: z.number().int(),
  make: z.string(),
  model: z.string(),
  trim: z.string().optional(),
  series: z.string().optional(),
  bodyStyle: z.string().optional(),
  doors: z.number().int().optional(),
  fuelType: z.string().optional(),
  engine: z.string().optional(),
  manufacturer: z.string().optional(),
  plant: z.string().optional(),
  /** `not_used`: a VIN from outside North America, where position 9 need not be a check digit. */
  checkDigit: z.enum(['valid', 'not_used']),
})
export type DecodedVehicle = z.infer<typeof DecodedVehicle>

/** The decoded details kept with a customer's vehicle (everything but the four columns). */
export type VehicleDetails = Omit<DecodedVehicle, 'vin' | 'year' | 'make' | 'model'>

/** A trim worth saying: vPIC lists several for some VINs ("L/LE/SE/XLE/XSE"); then none is said. */
export function spokenTrim(trim: string | undefined): string | undefined {
  return trim && !trim.includes('/') ? trim : undefined
}

/** "2003 Honda Accord EX-V6" */
export function describeVehicle(v: { year: number; make: string; model: string; trim?: string }): string {
  return [v.year, v.make, v.model, spokenTrim(v.trim)].filter(Boolean).join(' ')
}
