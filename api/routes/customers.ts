import { Hono } from 'hono'
import { z } from 'zod'
import { findCustomerByPhone } from '../../db/catalog'
import type { AppEnv } from '../context'
import { notFound } from '../errors'
import type { Operation } from '../openapi'
import { PhoneNumber } from '../phone-param'
import { validate } from '../validate'

const CustomerParams = z.object({ phone: PhoneNumber })

export const customerOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/customers/{phone}',
    summary: 'A customer and their vehicles, by phone number (any notation; +1 is the default country)',
    tag: 'catalog',
    params: CustomerParams,
    responses: {
      200: '{customerId, name, phone, email, vehicles}',
      400: 'Not a phone number',
      404: 'Unknown customer',
    },
  },
]

export const customerRoutes = new Hono<AppEnv>().get(
  '/:phone',
  validate('param', CustomerParams),
  async (c) => {
    const { phone } = c.req.valid('param')
    const customer = await findCustomerByPhone(c.var.deps.db, phone)
    if (!customer) throw notFound(`No customer with phone ${phone}`)
    return c.json(customer)
  },
)
