import { Hono } from 'hono'
import { z } from 'zod'
import { listInventory } from '../../db/catalog'
import type { AppEnv } from '../context'
import type { Operation } from '../openapi'
import { validate } from '../validate'

const booleanFlag = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .transform((v) => v === 'true')

const InventoryQuery = z.strictObject({
  make: z.string().trim().min(1).max(40).optional(),
  model: z.string().trim().min(1).max(40).optional(),
  condition: z.enum(['new', 'used', 'certified']).optional(),
  availableOnly: booleanFlag.default(true),
})

export const inventoryOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/inventory',
    summary: 'Vehicles on the lot (available ones unless availableOnly=false)',
    tag: 'catalog',
    query: InventoryQuery,
    responses: { 200: 'Vehicles with price in dollars', 400: 'Invalid filter' },
  },
]

export const inventoryRoutes = new Hono<AppEnv>().get('/', validate('query', InventoryQuery), async (c) =>
  c.json(await listInventory(c.var.deps.db, c.req.valid('query'))),
)
