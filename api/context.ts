import type { Client } from '@temporalio/client'
import type { RequestIdVariables } from 'hono/request-id'
import type { TimingVariables } from 'hono/timing'
import type { DialingSettings } from '../workflows/call-definitions'
import type { Db } from '../db/client'
import type { EscalationSettings } from '../workflows/escalation-definitions'
import type { Logger } from '../lib/logger'
import type { ObjectStore } from '../lib/object-store'
import type { VoiceService } from '../lib/livekit-voice'
import type { ApiMetrics } from './metrics'
import type { RateLimitOptions } from './rate-limit'
import type { VinDecoder } from '../lib/vin'

/** A readiness check behind /health: resolves when its part is ready, throws saying why not. */
export interface HealthCheck {
  name: string
  /** May resolve with a short status (e.g. voice's "off"), reported beside `ok`. */
  check(): Promise<void | string>
}

/**
 * Tells the API when a call has new rows in call_events (Postgres LISTEN/NOTIFY, or PGlite's
 * in-process equivalent). Notifications carry no data: subscribers read the rows after their seq.
 */
export interface CallEventFeed {
  /** Calls `onNew` whenever events were appended to `callId`; returns the unsubscribe. */
  subscribe(callId: string, onNew: () => void): () => void
  /**
   * Calls `onNew` with the call id whenever any call has new events ('' after a reconnect of the
   * LISTEN, when anything may have changed); returns the unsubscribe.
   */
  subscribeAll(onNew: (callId: string) => void): () => void
}

/** What the API needs from the rest of the process. */
export interface ApiDeps {
  db: Db
  log: Logger
  dealershipTimeZone: string
  apiKey?: string
  maxBodyBytes: number
  /** Requests per address and per API key and minute on /api; absent or 0 = no limit. */
  rateLimit?: RateLimitOptions
  /** Origins whose pages may call /api (CORS); absent = none but the dashboard's own. */
  corsOrigins?: string[]
  health: HealthCheck[]
  /** Temporal, where calls run; absent in tests of the catalog alone. */
  temporal?: {
    client: Client
    taskQueue: string
    idleTimeoutMs?: number
    escalation?: EscalationSettings
    /** How phone calls are dialed (attempts, wait between them, ringing time); defaults otherwise. */
    dialing?: DialingSettings
  }
  /** Live call events for SSE; absent in tests that do not stream. */
  events?: CallEventFeed
  /** Milliseconds between SSE heartbeat comments (default 15 s). */
  sseHeartbeatMs?: number
  version: string
  now?: () => Date
  /** LiveKit, for web and phone calls; absent = voice is off (those channels answer 400). */
  voice?: VoiceService
  /** The Temporal Web UI, so the dashboard can link each call to its workflow. */
  temporalUi?: { url?: string; namespace: string }
  /** The built dashboard (web/dist), served at `/`; absent = no dashboard. */
  webDir?: string
  /** DATA_DIR, where the voice worker writes call recordings; absent = no recordings are served. */
  dataDir?: string
  /** Webhook subscriptions: whether receivers on private/loopback addresses are allowed. */
  webhooks?: { allowPrivate: boolean }
  /** The bucket finished recordings move to, when one is configured. */
  recordingsBucket?: ObjectStore
  /** Prometheus metrics served at /metrics; createApp makes them when absent. */
  metrics?: ApiMetrics
  /** The offline VIN decoder; default: the process's shared one (opened on first use). */
  vinDecoder?: () => Promise<VinDecoder>
}

export interface AppEnv {
  Variables: { deps: ApiDeps } & TimingVariables & RequestIdVariables
}
