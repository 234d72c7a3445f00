/** GET /api/config: what the dashboard needs to know about this installation. */
import { Hono } from 'hono'
import type { AppEnv } from '../context'
import type { Operation } from '../openapi'

export const configOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/config',
    summary:
      'Settings for clients: `{version, temporalUi: {url, namespace} | null}`; a workflow is at ' +
      '`{url}/namespaces/{namespace}/workflows/{callId}`',
    tag: 'config',
    responses: { 200: '{version, temporalUi}' },
  },
]

export const configRoutes = new Hono<AppEnv>().get('/', (c) => {
  const { version, temporalUi } = c.var.deps
  return c.json({
    version,
    temporalUi: temporalUi?.url ? { url: temporalUi.url, namespace: temporalUi.namespace } : null,
  })
})
