/** The Hono application: middleware, the routes of CONTRACT.md, and the OpenAPI document. */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requireApiKey } from './auth'
import { mountDashboard } from './dashboard'
import type { ApiDeps, AppEnv } from './context'
import { ApiError, errorBody, handleError } from './errors'
import { rejectMalformedUrl } from './malformed-url'
import { buildOpenApi } from './openapi'
import { analyticsOperations, analyticsRoutes } from './routes/analytics'
import { appointmentOperations, appointmentRoutes } from './routes/appointments'
import { callEventOperations, callEventRoutes } from './routes/call-events'
import { callExportOperations, callExportRoutes } from './routes/call-export'
import { callOperations, callRoutes } from './routes/calls'
import { configOperations, configRoutes } from './routes/config'
import { customerOperations, customerRoutes } from './routes/customers'
import { escalationEventOperations, escalationEventRoutes } from './routes/escalation-events'
import { escalationOperations, escalationRoutes } from './routes/escalations'
import { faqOperations, faqRoutes } from './routes/faq'
import { healthOperations, healthRoutes } from './routes/health'
import { humanAgentOperations, humanAgentRoutes } from './routes/human-agents'
import { inventoryOperations, inventoryRoutes } from './routes/inventory'
import { recordingOperations, recordingRoutes } from './routes/recordings'
import { serviceOperations, serviceRoutes } from './routes/services'
import { slotOperations, slotRoutes } from './routes/slots'
import { agentStateRoutes, voiceOperations, voiceRoutes } from './routes/voice'

export const operations = [
  ...healthOperations,
  ...callOperations,
  ...callExportOperations,
  ...callEventOperations,
  ...recordingOperations,
  ...faqOperations,
  ...serviceOperations,
  ...inventoryOperations,
  ...customerOperations,
  ...appointmentOperations,
  ...analyticsOperations,
  ...slotOperations,
  ...humanAgentOperations,
  ...escalationOperations,
  ...escalationEventOperations,
  ...configOperations,
  ...voiceOperations,
]

export function createApp(deps: ApiDeps) {
  const app = new Hono<AppEnv>()
  app.onError(handleError(deps.log))
  app.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404))
  app.use(async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  app.use(rejectMalformedUrl)
  app.use(
    bodyLimit({
      maxSize: deps.maxBodyBytes,
      onError: () => {
        throw new ApiError(413, 'payload_too_large', `Request body is larger than ${deps.maxBodyBytes} bytes`)
      },
    }),
  )

  const openApi = buildOpenApi(operations, { version: deps.version })
  app.get('/openapi.json', (c) => c.json(openApi))
  app.route('/health', healthRoutes)

  const api = new Hono<AppEnv>()
  if (deps.apiKey) api.use(requireApiKey(deps.apiKey))
  // Before the call routes, so "export.csv" is never taken for a call id.
  api.route('/calls', callExportRoutes)
  api.route('/calls', callRoutes)
  api.route('/calls', callEventRoutes)
  api.route('/calls', recordingRoutes)
  api.route('/faq', faqRoutes)
  api.route('/services', serviceRoutes)
  api.route('/inventory', inventoryRoutes)
  api.route('/customers', customerRoutes)
  api.route('/appointments', appointmentRoutes)
  api.route('/analytics', analyticsRoutes)
  api.route('/slots', slotRoutes)
  api.route('/human-agents', humanAgentRoutes)
  // Before the task routes, so "events" is never taken for a task id.
  api.route('/escalations', escalationEventRoutes)
  api.route('/escalations', escalationRoutes)
  api.route('/config', configRoutes)
  api.route('/voice', voiceRoutes)
  api.route('/calls', agentStateRoutes)
  app.route('/api', api)
  if (deps.webDir) mountDashboard(app, deps.webDir)
  return app
}
