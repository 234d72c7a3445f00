import { Hono } from 'hono'
import { z } from 'zod'
import { findCustomerByPhone } from '../../db/catalog'
import { addVehicleByVin, sharedVinDecoder } from '../../lib/vin'
import type { AppEnv } from '../context'
import { conflict, notFound } from '../errors'
import type { Operation } from '../openapi'
import { PhoneNumber } from '../phone-param'
import { validate } from '../validate'
import { VinText, vinError } from './vehicles'

const CustomerParams = z.object({ phone: PhoneNumber })
const NewVehicle = z.strictObject({
  vin: VinText,
  mileage: z.number().int().min(0).max(2_000_000).optional(),
})

export const customerOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/customers/{phone}',
    summary: 'A customer and their vehicles, by phone number (any notation; +1 is the default country)',
    tag: 'catalog',
    params: CustomerParams,
    responses: {
      200: '{customerId, name, phone, email, vehicles: [{vehicleId, year, make, model, vin?, mileage?, details?}]}',
      400: 'Not a phone number',
      404: 'Unknown customer',
    },
  },
  {
    method: 'post',
    path: '/api/customers/{phone}/vehicles',
    summary: "Adds a car to a customer's record by its VIN (decoded offline); once per VIN",
    tag: 'catalog',
    params: CustomerParams,
    body: NewVehicle,
    responses: {
      200: 'The car was already on this record: {vehicleId, year, make, model, vin, mileage?, details}',
      201: 'Added: {vehicleId, year, make, model, vin, mileage?, details}',
      400: 'Not a phone number, or not a VIN (details.reason: length, character, check_digit, unknown_manufacturer, not_decoded)',
      404: 'Unknown customer',
      409: "The VIN is on another customer's record",
    },
  },
]

export const customerRoutes = new Hono<AppEnv>()
  .get('/:phone', validate('param', CustomerParams), async (c) => {
    const { phone } = c.req.valid('param')
    const customer = await findCustomerByPhone(c.var.deps.db, phone)
    if (!customer) throw notFound(`No customer with phone ${phone}`)
    return c.json(customer)
  })
  .post('/:phone/vehicles', validate('param', CustomerParams), validate('json', NewVehicle), async (c) => {
    const { phone } = c.req.valid('param')
    const { vin, mileage } = c.req.valid('json')
    const { db } = c.var.deps
    const customer = await findCustomerByPhone(db, phone)
    if (!customer) throw notFound(`No customer with phone ${phone}`)
    const decoder = await (c.var.deps.vinDecoder ?? sharedVinDecoder)()
    const added = await addVehicleByVin(db, decoder, { customerId: customer.customerId, vin, mileage })
    if (!added.ok) {
      if (added.reason === 'other_customer') throw conflict(added.message)
      throw vinError(added, 400)
    }
    return c.json(added.vehicle, added.created ? 201 : 200)
  })
