/** The Hono application: middleware, the routes of CONTRACT.md, and the OpenAPI document. */
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { requestId } from 'hono/request-id'
import { secureHeaders } from 'hono/secure-headers'
import { corsFor } from './cors'
import { rateLimit } from './rate-limit'
import { requireApiKey } from './auth'
import { mountDashboard } from './dashboard'
import type { ApiDeps, AppEnv } from './context'
import { ApiError, errorBody, handleError } from './errors'
import { rejectMalformedUrl } from './malformed-url'
import { createApiMetrics, type ApiMetrics } from './metrics'
import { buildOpenApi } from './openapi'
import { analyticsOperations, analyticsRoutes } from './routes/analytics'
import { appointmentOperations, appointmentRoutes } from './routes/appointments'
import { callAnalysisOperations, callAnalysisRoutes } from './routes/call-analysis'
import { callEventOperations, callEventRoutes } from './routes/call-events'
import { callExportOperations, callExportRoutes } from './routes/call-export'
import { callOperations, callRoutes } from './routes/calls'
import { configOperations, configRoutes } from './routes/config'
import { customerOperations, customerRoutes } from './routes/customers'
import { escalationEventOperations, escalationEventRoutes } from './routes/escalation-events'
import { escalationOperations, escalationRoutes } from './routes/escalations'
import { faqOperations, faqRoutes } from './routes/faq'
import { healthOperations, livenessRoutes, readinessRoutes } from './routes/health'
import { humanAgentOperations, humanAgentRoutes } from './routes/human-agents'
import { inventoryOperations, inventoryRoutes } from './routes/inventory'
import { recordingOperations, recordingRoutes } from './routes/recordings'
import { serviceOperations, serviceRoutes } from './routes/services'
import { slotOperations, slotRoutes } from './routes/slots'
import { vehicleOperations, vehicleRoutes } from './routes/vehicles'
import { agentStateRoutes, voiceOperations, voiceRoutes } from './routes/voice'
import { webhookOperations, webhookRoutes } from './routes/webhooks'
import { isVoiceMessageUpload, voiceMessageOperations, voiceMessageRoutes } from './routes/voice-messages'

export const operations = [
  ...healthOperations,
  ...callOperations,
  ...callExportOperations,
  ...callEventOperations,
  ...callAnalysisOperations,
  ...recordingOperations,
  ...faqOperations,
  ...serviceOperations,
  ...inventoryOperations,
  ...customerOperations,
  ...vehicleOperations,
  ...appointmentOperations,
  ...analyticsOperations,
  ...slotOperations,
  ...humanAgentOperations,
  ...escalationOperations,
  ...escalationEventOperations,
  ...configOperations,
  ...voiceOperations,
  ...webhookOperations,
  ...voiceMessageOperations,
]

export function createApp(given: ApiDeps) {
  const deps: ApiDeps & { metrics: ApiMetrics } = {
    ...given,
    metrics: given.metrics ?? createApiMetrics(given.db),
  }
  const app = new Hono<AppEnv>()
  app.onError(handleError(deps.log))
  app.notFound((c) => c.json(errorBody('not_found', `No route ${c.req.method} ${c.req.path}`), 404))
  // X-Request-Id: kept from a proxy that sent one (if well-formed), made otherwise; in every log line of the request.
  app.use(requestId())
  // nosniff, frame-ancestors same origin, no referrer, COOP/CORP same-origin (hono's defaults).
  app.use(secureHeaders())
  app.use(deps.metrics.middleware)
  app.use(async (c, next) => {
    c.set('deps', deps)
    await next()
  })
  app.use(rejectMalformedUrl)
  const jsonBodyLimit = bodyLimit({
    maxSize: deps.maxBodyBytes,
    onError: () => {
      throw new ApiError(413, 'payload_too_large', `Request body is larger than ${deps.maxBodyBytes} bytes`)
    },
  })
  // A voice message is audio, bigger than any JSON body: its route sets its own limit.
  app.use((c, next) => (isVoiceMessageUpload(c.req.method, c.req.path) ? next() : jsonBodyLimit(c, next)))

  const openApi = buildOpenApi(operations, { version: deps.version })
  app.get('/openapi.json', (c) => c.json(openApi))
  app.route('/health', readinessRoutes)
  app.route('/readyz', readinessRoutes)
  app.route('/livez', livenessRoutes)
  // The same key as /api until scoped keys exist (issue #15): metrics name routes and volumes.
  if (deps.apiKey) app.use('/metrics', requireApiKey(deps.apiKey))
  app.get('/metrics', async (c) =>
    c.body(await deps.metrics.scrape(), 200, { 'content-type': deps.metrics.registry.contentType }),
  )

  const api = new Hono<AppEnv>()
  if (deps.corsOrigins?.length) api.use(corsFor(deps.corsOrigins))
  if (deps.rateLimit?.perMinute) api.use(rateLimit(deps.rateLimit))
  if (deps.apiKey) api.use(requireApiKey(deps.apiKey))
  // Before the call routes, so "export.csv" is never taken for a call id.
  api.route('/calls', callExportRoutes)
  api.route('/calls', callRoutes)
  api.route('/calls', callEventRoutes)
  api.route('/calls', callAnalysisRoutes)
  api.route('/calls', recordingRoutes)
  api.route('/calls', voiceMessageRoutes)
  api.route('/faq', faqRoutes)
  api.route('/services', serviceRoutes)
  api.route('/inventory', inventoryRoutes)
  api.route('/customers', customerRoutes)
  api.route('/vehicles', vehicleRoutes)
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
  api.route('/webhooks', webhookRoutes)
  app.route('/api', api)
  if (deps.webDir) mountDashboard(app, deps.webDir)
  return app
}
