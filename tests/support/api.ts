/** An in-process pitcrew API on the test run's real PostgreSQL database. */
import { inject } from 'vitest'
import { createApp } from '../../api/app'
import type { ApiDeps, HealthCheck } from '../../api/context'
import { createCallEventFeed } from '../../db/call-event-feed'
import { openDb } from '../../db/client'
import { databaseHealthCheck } from '../../db/health'
import { createLogger } from '../../lib/logger'

export interface TestApiOptions {
  apiKey?: string
  health?: HealthCheck[]
  now?: () => Date
  maxBodyBytes?: number
  rateLimit?: ApiDeps['rateLimit']
  corsOrigins?: string[]
  temporal?: ApiDeps['temporal']
  events?: ApiDeps['events']
  /** A live event feed on the API's own database (SSE streams work), unless `events` is given. */
  liveEvents?: boolean
  /** LiveKit for web and phone calls (see tests/support/livekit.ts); absent = voice off. */
  voice?: ApiDeps['voice']
  /** Another database than the run's shared one (a test that changes global data). */
  databaseUrl?: string
  /** DATA_DIR, where call recordings are read from; absent = none are served. */
  dataDir?: string
  /** The bucket finished recordings are moved to. */
  recordingsBucket?: ApiDeps['recordingsBucket']
  /** Webhook settings (whether private receivers are allowed). */
  webhooks?: ApiDeps['webhooks']
}

export async function createTestApi(options: TestApiOptions = {}) {
  const handle = await openDb({
    databaseUrl: options.databaseUrl ?? inject('databaseUrl'),
    maxConnections: 8,
  })
  const feed = options.liveEvents ? createCallEventFeed(handle, createLogger('silent')) : undefined
  await feed?.ready
  const app = createApp({
    db: handle.db,
    log: createLogger('silent'),
    dealershipTimeZone: 'America/Chicago',
    apiKey: options.apiKey,
    maxBodyBytes: options.maxBodyBytes ?? 64 * 1024,
    rateLimit: options.rateLimit,
    corsOrigins: options.corsOrigins,
    health: options.health ?? [databaseHealthCheck(handle.db)],
    version: 'test',
    now: options.now,
    temporal: options.temporal,
    events: options.events ?? feed,
    voice: options.voice,
    dataDir: options.dataDir,
    recordingsBucket: options.recordingsBucket,
    webhooks: options.webhooks,
  })
  /** Sends a request and returns the status with the parsed JSON body. */
  const call = async (path: string, init?: RequestInit & { json?: unknown }) => {
    const { json, ...rest } = init ?? {}
    const res = await app.request(
      path,
      json === undefined
        ? rest
        : {
            method: 'POST',
            ...rest,
            headers: { 'content-type': 'application/json', ...rest.headers },
            body: JSON.stringify(json),
          },
    )
    const text = await res.text()
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const body: any = text ? JSON.parse(text) : undefined
    return { status: res.status, body, headers: res.headers }
  }
  const close = async () => {
    await feed?.close()
    await handle.close()
  }
  return { app, db: handle.db, call, close }
}

/** Asserts pitcrew's error shape and returns its code. */
export function errorCode(body: unknown): string {
  const error = (body as { error?: { code?: unknown; message?: unknown } })?.error
  if (typeof error?.code !== 'string' || typeof error.message !== 'string' || !error.message) {
    throw new Error(`not an error body: ${JSON.stringify(body)}`)
  }
  return error.code
}
