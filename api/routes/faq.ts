import { Hono } from 'hono'
import { z } from 'zod'
import { listFaqs } from '../../db/catalog'
import { FaqCategory } from '../../domain/catalog'
import type { Operation } from '../openapi'
import type { AppEnv } from '../context'
import { validate } from '../validate'

const FaqQuery = z.strictObject({ category: FaqCategory.optional() })

export const faqOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/faq',
    summary: 'Frequently asked questions, optionally of one category',
    tag: 'catalog',
    query: FaqQuery,
    responses: { 200: '{entries: [{id, question, answer, category}], total}', 400: 'Unknown category' },
  },
]

export const faqRoutes = new Hono<AppEnv>().get('/', validate('query', FaqQuery), async (c) => {
  const { category } = c.req.valid('query')
  const entries = await listFaqs(c.var.deps.db, category)
  return c.json({ entries, total: entries.length })
})
