/**
 * Webhook subscriptions (docs/webhooks.md): create one (its signing secret is in this answer only),
 * list, read, delete, and see how each event's delivery went.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import {
  createWebhook,
  decodeDeliveryCursor,
  deleteWebhook,
  getWebhook,
  listDeliveries,
  listWebhooks,
} from '../../db/webhooks'
import { WEBHOOK_EVENT_TYPES, type Webhook } from '../../domain/webhooks'
import { assertPublicHost, PrivateAddressError, webhookUrlProblem } from '../../lib/webhook-address'
import type { ApiDeps, AppEnv } from '../context'
import { badRequest, notFound } from '../errors'
import type { Operation } from '../openapi'
import { validate } from '../validate'

const WebhookUrl = z.string().superRefine((url, ctx) => {
  const problem = webhookUrlProblem(url)
  if (problem) ctx.addIssue({ code: 'custom', message: problem })
})
const EventType = z.enum(WEBHOOK_EVENT_TYPES, {
  message: `must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}`,
})
const CreateBody = z.strictObject({
  url: WebhookUrl,
  events: z
    .array(EventType)
    .min(1, 'must name at least one event')
    .max(WEBHOOK_EVENT_TYPES.length * 2),
  description: z.string().max(500, 'must be at most 500 characters').optional(),
})
const WebhookParams = z.object({
  webhookId: z.string().regex(/^wh_[0-9a-f-]{36}$/, 'is not a webhook id (wh_<uuid>)'),
})
const DeliveriesQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
})

export const webhookOperations: Operation[] = [
  {
    method: 'post',
    path: '/api/webhooks',
    summary: 'Subscribe a URL to events; the answer carries the signing secret, shown only this once',
    tag: 'webhooks',
    body: CreateBody,
    responses: {
      201: '{webhookId, url, events, description, createdAt, secret}',
      400: 'Invalid URL (not http(s), credentials, a private address without WEBHOOK_ALLOW_PRIVATE) or unknown event',
    },
  },
  {
    method: 'get',
    path: '/api/webhooks',
    summary: 'Every subscription, newest first (never with its secret)',
    tag: 'webhooks',
    responses: { 200: '{items: Webhook[]}' },
  },
  {
    method: 'get',
    path: '/api/webhooks/{webhookId}',
    summary: 'One subscription',
    tag: 'webhooks',
    params: WebhookParams,
    responses: { 200: 'Webhook', 400: 'Not a webhook id', 404: 'Unknown webhook' },
  },
  {
    method: 'delete',
    path: '/api/webhooks/{webhookId}',
    summary: 'Deletes a subscription; its pending deliveries stop',
    tag: 'webhooks',
    params: WebhookParams,
    responses: { 204: 'Deleted', 400: 'Not a webhook id', 404: 'Unknown webhook' },
  },
  {
    method: 'get',
    path: '/api/webhooks/{webhookId}/deliveries',
    summary: "Each event's delivery to this subscription, newest first: status, attempts, last result",
    tag: 'webhooks',
    params: WebhookParams,
    query: DeliveriesQuery,
    responses: {
      200: '{items: WebhookDelivery[], nextCursor}',
      400: 'Invalid query or cursor',
      404: 'Unknown webhook',
    },
  },
]

async function existing(deps: ApiDeps, id: string): Promise<Webhook> {
  const webhook = await getWebhook(deps.db, id)
  if (!webhook) throw notFound(`No webhook ${id}`)
  return webhook
}

export const webhookRoutes = new Hono<AppEnv>()
  .post('/', validate('json', CreateBody), async (c) => {
    const body = c.req.valid('json')
    const { deps } = c.var
    if (!deps.webhooks?.allowPrivate) {
      try {
        await assertPublicHost(body.url)
      } catch (err) {
        if (!(err instanceof PrivateAddressError)) throw err
        throw badRequest(`Invalid body: url ${err.message}`, [{ path: 'url', message: err.message }])
      }
    }
    return c.json(await createWebhook(deps.db, body), 201)
  })
  .get('/', async (c) => c.json({ items: await listWebhooks(c.var.deps.db) }))
  .get('/:webhookId', validate('param', WebhookParams), async (c) =>
    c.json(await existing(c.var.deps, c.req.valid('param').webhookId)),
  )
  .delete('/:webhookId', validate('param', WebhookParams), async (c) => {
    const { webhookId: id } = c.req.valid('param')
    if (!(await deleteWebhook(c.var.deps.db, id))) throw notFound(`No webhook ${id}`)
    return c.body(null, 204)
  })
  .get(
    '/:webhookId/deliveries',
    validate('param', WebhookParams),
    validate('query', DeliveriesQuery),
    async (c) => {
      const { webhookId: id } = c.req.valid('param')
      const { limit, cursor } = c.req.valid('query')
      const after = cursor === undefined ? undefined : decodeDeliveryCursor(cursor)
      if (after === null)
        throw badRequest('Invalid query: cursor is not one this API gave out', [
          { path: 'cursor', message: 'is not a cursor from a previous page' },
        ])
      await existing(c.var.deps, id)
      return c.json(await listDeliveries(c.var.deps.db, id, { limit, after }))
    },
  )
