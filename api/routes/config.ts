/** GET /api/config: what the dashboard needs to know about this installation. */
import { Hono } from 'hono'
import { localDateTime } from '../../domain/time'
import type { AppEnv } from '../context'
import type { Operation } from '../openapi'

export const configOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/config',
    summary:
      'Settings for clients: `{version, temporalUi: {url, namespace} | null, timeZone, today}` (the ' +
      "dealership's time zone and its date now); a workflow is at " +
      '`{url}/namespaces/{namespace}/workflows/{callId}`',
    tag: 'config',
    responses: { 200: '{version, temporalUi, timeZone, today}' },
  },
]

export const configRoutes = new Hono<AppEnv>().get('/', (c) => {
  const { version, temporalUi, dealershipTimeZone, now } = c.var.deps
  return c.json({
    version,
    timeZone: dealershipTimeZone,
    today: localDateTime(now?.() ?? new Date(), dealershipTimeZone).date,
    temporalUi: temporalUi?.url ? { url: temporalUi.url, namespace: temporalUi.namespace } : null,
  })
})
