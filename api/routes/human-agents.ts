import { Hono } from 'hono'
import { listHumanAgents } from '../../db/catalog'
import type { AppEnv } from '../context'
import type { Operation } from '../openapi'

export const humanAgentOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/human-agents',
    summary: 'The dealership staff who take escalations',
    tag: 'escalation',
    responses: { 200: '{items: [{id, name, role, skills, available}]}' },
  },
]

export const humanAgentRoutes = new Hono<AppEnv>().get('/', async (c) =>
  c.json({ items: await listHumanAgents(c.var.deps.db) }),
)
