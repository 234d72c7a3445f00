import type { CompactCallState, Vehicle } from '../../domain/call-state'
import type { CustomerVehicle } from '../../db/customer-vehicles'
import type { ToolName } from '../../domain/tool-calls'
import type { ToolOutcome } from '../tools'

/**
 * What a successful tool call changes in the call: a car added to the caller's record shows in
 * `customer.vehicles`; a customer found by phone becomes the call's customer when it had none.
 */
export function withToolEffects(
  call: CompactCallState,
  tool: ToolName,
  outcome: ToolOutcome,
): CompactCallState {
  if (!outcome.ok) return call
  if (tool === 'add_vehicle' && call.customer) {
    const { vehicle } = outcome.result as { vehicle: CustomerVehicle }
    if (call.customer.vehicles.some((v) => v.vin === vehicle.vin)) return call
    const added: Vehicle = {
      year: vehicle.year,
      make: vehicle.make,
      model: vehicle.model,
      ...(vehicle.vin ? { vin: vehicle.vin } : {}),
    }
    return { ...call, customer: { ...call.customer, vehicles: [...call.customer.vehicles, added] } }
  }
  if (tool === 'lookup_customer' && !call.customer && outcome.result) {
    const c = outcome.result as {
      customerId: number
      name: string
      phone: string
      email: string | null
      vehicles: CustomerVehicle[]
    }
    return {
      ...call,
      customer: {
        customerId: c.customerId,
        name: c.name,
        phone: c.phone,
        ...(c.email ? { email: c.email } : {}),
        vehicles: c.vehicles.map((v) => ({
          year: v.year,
          make: v.make,
          model: v.model,
          ...(v.vin ? { vin: v.vin } : {}),
        })),
      },
    }
  }
  return call
}
