/**
 * Adding a car to a customer's record by its VIN: decode, then store once. Shared by
 * `POST /api/customers/:phone/vehicles` and the crew's `add_vehicle` tool, so both answer alike.
 */
import { addCustomerVehicle, type CustomerVehicle } from '../../db/customer-vehicles'
import type { Db } from '../../db/client'
import type { VinDecoder, VinDecodeProblem } from './decoder'

export type AddByVinResult =
  | { ok: true; created: boolean; vehicle: CustomerVehicle }
  | ({ ok: false } & (VinDecodeProblem | { reason: 'other_customer'; message: string }))

export async function addVehicleByVin(
  db: Db,
  decoder: VinDecoder,
  input: { customerId: number; vin: string; mileage?: number },
): Promise<AddByVinResult> {
  const decoded = await decoder.decode(input.vin)
  if (!decoded.ok) return decoded
  const added = await addCustomerVehicle(db, {
    customerId: input.customerId,
    vehicle: decoded.vehicle,
    mileage: input.mileage,
  })
  if (added.status === 'conflict') {
    return {
      ok: false,
      reason: 'other_customer',
      message: `The VIN ${decoded.vehicle.vin} is already on another customer's record.`,
    }
  }
  return { ok: true, created: added.status === 'created', vehicle: added.vehicle }
}
