/** The crew's five tools. Each reads or writes through db/ and lib/vin, never around them. */
import { z } from 'zod'
import { upcomingAppointments } from '../../db/booking'
import { findCustomerByPhone, listInventory } from '../../db/catalog'
import { localDateTime } from '../../domain/time'
import { describeVehicle } from '../../domain/vehicle'
import { findVin, sayCorrections } from '../../domain/vin'
import { normalizePhone } from '../../lib/phone'
import { addVehicleByVin } from '../../lib/vin'
import { defineTool, ToolError, type ToolContext } from './tool'

const Vin = z
  .string()
  .min(1)
  .max(400)
  .describe('The VIN as the caller gave it: typed, said ("one H G ...") or spelled ("hotel golf ...")')

/** The 17 characters in `said`, I/O/Q read as 1/0/0; a ToolError when there is no VIN in it. */
function readVin(said: string) {
  const found = findVin(said)
  if (!found) {
    throw new ToolError(`No VIN in "${said.slice(0, 80)}": ask the caller to read it again.`, {
      reason: 'length',
    })
  }
  return found
}

export const decodeVin = defineTool({
  name: 'decode_vin',
  description:
    "Checks and decodes a vehicle's VIN offline (NHTSA vPIC): year, make, model, trim, body, engine. Read the car back to the caller and ask whether it is theirs before adding it.",
  parameters: z.object({ vin: Vin }),
  async execute({ vin }, ctx) {
    const found = readVin(vin)
    const decoded = await (await ctx.vinDecoder()).decode(found.vin)
    if (!decoded.ok) {
      const { message, ...details } = decoded
      throw new ToolError(message, { vin: found.vin, ...details })
    }
    const misheard = sayCorrections(found.corrections)
    return {
      ...decoded.vehicle,
      description: describeVehicle(decoded.vehicle),
      ...(misheard ? { misheard } : {}),
    }
  },
})

export const addVehicle = defineTool({
  name: 'add_vehicle',
  description:
    "Adds a car to the caller's customer record by its VIN, after the caller confirmed the decoded car is theirs. Adding the same VIN again changes nothing.",
  parameters: z.object({
    vin: Vin,
    mileage: z
      .number()
      .int()
      .min(0)
      .max(2_000_000)
      .optional()
      .describe('Odometer reading, if the caller said it'),
  }),
  async execute({ vin, mileage }, ctx) {
    const customerId = ctx.call.customer?.customerId
    if (customerId === undefined) {
      throw new ToolError(
        'This call has no customer record: look the caller up with lookup_customer (ask for their phone number) first.',
      )
    }
    const found = readVin(vin)
    const added = await addVehicleByVin(ctx.db, await ctx.vinDecoder(), {
      customerId,
      vin: found.vin,
      mileage,
    })
    if (!added.ok) {
      const { message, ...details } = added
      throw new ToolError(message, details)
    }
    return {
      created: added.created,
      vehicle: added.vehicle,
      description: describeVehicle({ ...added.vehicle, ...added.vehicle.details }),
    }
  },
})

export const lookupCustomer = defineTool({
  name: 'lookup_customer',
  description: 'Finds a customer and their cars by phone number. Answers null when nobody has that number.',
  parameters: z.object({
    phone: z.string().min(1).max(40).describe('Any notation; +1 is the default country'),
  }),
  async execute({ phone }, ctx) {
    const e164 = normalizePhone(phone)
    if (!e164) throw new ToolError(`"${phone}" is not a phone number: ask the caller for it again.`)
    return findCustomerByPhone(ctx.db, e164)
  },
})

/** A handful of cars is what a caller can take in; the model can narrow the search. */
const INVENTORY_LIMIT = 5

export const searchInventory = defineTool({
  name: 'search_inventory',
  description: 'Searches the cars for sale on the lot (available ones), by make, model or condition.',
  parameters: z.object({
    make: z.string().min(1).max(40).optional(),
    model: z.string().min(1).max(40).optional(),
    condition: z.enum(['new', 'used', 'certified']).optional(),
  }),
  async execute(args, ctx) {
    const cars = await listInventory(ctx.db, { ...args, availableOnly: true })
    return {
      total: cars.length,
      vehicles: cars.slice(0, INVENTORY_LIMIT).map((v) => ({
        id: v.id,
        year: v.year,
        make: v.make,
        model: v.model,
        trim: v.trim,
        condition: v.condition,
        price: v.price,
      })),
    }
  },
})

/** An upcoming appointment as `find_appointments` answers it. */
export interface FoundAppointment {
  id: number
  appointmentType: 'service' | 'test_drive'
  serviceType: string | null
  date: string
  time: string
  customerName: string
  vehicleDescription: string | null
}

export const findAppointments = defineTool({
  name: 'find_appointments',
  description: "Lists a customer's upcoming appointments, by phone number (default: the caller's).",
  parameters: z.object({ phone: z.string().min(1).max(40).optional() }),
  async execute({ phone }, ctx: ToolContext) {
    const raw = phone ?? ctx.call.customer?.phone ?? ctx.call.booking.customerPhone
    if (!raw) throw new ToolError("The caller's phone number is not known yet: ask for it.")
    const e164 = normalizePhone(raw)
    if (!e164) throw new ToolError(`"${raw}" is not a phone number: ask the caller for it again.`)
    const today = localDateTime(ctx.now(), ctx.timeZone).date
    const found = await upcomingAppointments(ctx.db, e164, today)
    return found.map((a): FoundAppointment => ({
      id: a.id,
      appointmentType: a.appointmentType,
      serviceType: a.serviceType,
      date: a.date,
      time: a.time,
      customerName: a.customerName,
      vehicleDescription: a.vehicleDescription,
    }))
  },
})

export const TOOLS = [decodeVin, addVehicle, lookupCustomer, searchInventory, findAppointments] as const
