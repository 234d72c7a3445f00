import { Hono } from 'hono'
import { listServices } from '../../db/catalog'
import type { AppEnv } from '../context'
import type { Operation } from '../openapi'

export const serviceOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/services',
    summary: 'Service types with duration and price (dollars)',
    tag: 'catalog',
    responses: { 200: '[{id, name, description, durationMinutes, price}]' },
  },
]

export const serviceRoutes = new Hono<AppEnv>().get('/', async (c) =>
  c.json(await listServices(c.var.deps.db)),
)
