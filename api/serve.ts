/** Builds the API for a process and serves it over HTTP. Used by `npm start` and api/main.ts. */
import { createObjectStore } from '../lib/object-store'
import { serve, type ServerType } from '@hono/node-server'
import { Client, Connection } from '@temporalio/client'
import type { Config } from '../config/env'
import type { Db } from '../db/client'
import { databaseHealthCheck } from '../db/health'
import type { Logger } from '../lib/logger'
import { temporalHealthCheck, workerHealthCheck } from '../lib/temporal-health'
import { searchAttributesHealthCheck } from '../lib/temporal-setup'
import { createApiMetrics } from './metrics'
import { createApp } from './app'
import type { CallEventFeed, HealthCheck } from './context'
import type { VoiceService } from '../lib/livekit-voice'

export interface ApiServerOptions {
  config: Config
  db: Db
  connection: Connection
  temporalAddress: string
  events: CallEventFeed
  log: Logger
  version: string
  /** The in-process worker's state, when this process runs one. */
  workerState?: () => string
  /** The built dashboard to serve at `/` (web/dist). */
  webDir?: string
  /** The Temporal Web UI, when one is known (the dev server `npm start` runs has one). */
  temporalUiUrl?: string
  /** LiveKit, for web and phone calls; absent = voice off. */
  voice?: VoiceService
  /** The in-process worker's Temporal SDK metrics (http://host:port/metrics), appended to /metrics. */
  temporalSdkMetricsUrl?: string
  /** More readiness checks (e.g. voice). */
  health?: HealthCheck[]
}

export async function startApiServer(o: ApiServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const { namespace, taskQueue } = o.config.temporal
  // Health checks get a connection without the client's retries: /health wants the answer now, and a
  // retry still pending when the process stops must not hit a closed channel.
  const probe = await Connection.connect({ address: o.temporalAddress, interceptors: [] })
  const app = createApp({
    db: o.db,
    metrics: createApiMetrics(o.db, { temporalSdkMetricsUrl: o.temporalSdkMetricsUrl }),
    log: o.log,
    dealershipTimeZone: o.config.dealershipTimeZone,
    apiKey: o.config.http.apiKey,
    maxBodyBytes: o.config.http.maxBodyBytes,
    rateLimit: { perMinute: o.config.http.rateLimitPerMinute, trustProxy: o.config.http.trustProxy },
    corsOrigins: o.config.http.corsOrigins,
    version: o.version,
    temporal: {
      client: new Client({ connection: o.connection, namespace }),
      taskQueue,
      escalation: o.config.escalation,
    },
    events: o.events,
    webDir: o.webDir,
    webhooks: { allowPrivate: o.config.webhooks.allowPrivate },
    dataDir: o.config.dataDir,
    recordingsBucket: o.config.recordings.s3 && createObjectStore(o.config.recordings.s3),
    temporalUi: { url: o.temporalUiUrl, namespace },
    health: [
      databaseHealthCheck(o.db),
      temporalHealthCheck(probe),
      searchAttributesHealthCheck(probe, namespace),
      workerHealthCheck(probe, namespace, taskQueue, o.workerState),
      ...(o.health ?? []),
    ],
    voice: o.voice,
  })
  if (!o.config.http.apiKey)
    o.log.warn('PITCREW_API_KEY is not set: the /api routes are open to anyone who can reach them')
  const { host, port } = o.config.http
  const server = await listen(app.fetch, host, port).catch(async (err) => {
    await probe.close()
    throw err
  })
  return {
    url: `http://${host}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        // Open SSE streams would keep close() waiting forever.
        if ('closeAllConnections' in server) server.closeAllConnections()
        server.close(() => resolve())
      })
      await probe.close()
    },
  }
}

function listen(
  fetch: Parameters<typeof serve>[0]['fetch'],
  hostname: string,
  port: number,
): Promise<ServerType> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, hostname, port }, () => resolve(server))
    server.once('error', (err: NodeJS.ErrnoException) =>
      reject(
        err.code === 'EADDRINUSE'
          ? new Error(`Port ${port} is already in use; set PORT to another one`)
          : err,
      ),
    )
  })
}
