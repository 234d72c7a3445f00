/**
 * The environment of every pitcrew process, validated once at start-up. Entry files call
 * `loadConfig(process.env)` and hand the result down; nothing else reads `process.env`.
 */
import path from 'node:path'
import { z } from 'zod'
import type { ObjectStoreConfig } from '../lib/object-store'
import { DEFAULT_WEBHOOK_RETRY, type WebhookRetrySchedule } from '../domain/webhooks'
import { DEFAULT_ANALYSIS_KEYWORDS, parseKeywordList } from './analysis-keywords'

const port = z.coerce.number().int().min(1).max(65535)
const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()))

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HOST: z.string().default('127.0.0.1'),
  PORT: port.default(3000),
  DATA_DIR: z.string().default('./.data'),
  DATABASE_URL: optional.pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  TEMPORAL_ADDRESS: optional,
  TEMPORAL_PORT: port.default(7233),
  TEMPORAL_UI_PORT: port.default(8233),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('pitcrew'),
  TEMPORAL_CLI_PATH: optional,
  /** host:port where the worker's Temporal SDK serves its Prometheus metrics; unset = not served. */
  TEMPORAL_METRICS_ADDRESS: optional,
  /**
   * Calls (workflows) the worker keeps in memory between turns; the rest are replayed from their
   * history at their next turn. Unset = the Temporal SDK's default (from the heap limit).
   */
  TEMPORAL_MAX_CACHED_WORKFLOWS: z.coerce
    .number()
    .int()
    .min(0)
    .refine((n) => n !== 1, { message: 'must be 0 (no cache) or at least 2' })
    .optional(),
  PITCREW_API_KEY: optional,
  PITCREW_TOOLS_DIR: optional,
  DEALERSHIP_TZ: z
    .string()
    .default('America/Chicago')
    .refine(isTimeZone, { message: 'must be an IANA time zone such as America/Chicago' }),
  /** Requests per client (API key, else address) per minute on /api, per API process; 0 = no limit. */
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(1200),
  /** Behind a load balancer: the client's address is the first of X-Forwarded-For. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Origins (comma-separated, e.g. https://www.springfield-auto.example) whose pages may call /api. */
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.url({ protocol: /^https?$/ }))),
  MAX_BODY_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .default(64 * 1024),
  ESCALATION_ACCEPT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(2 * 60_000),
  ESCALATION_CALLBACK_ACCEPT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(1000)
    .default(60 * 60_000),
  ESCALATION_CALLBACK_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  /** Demo and test setting: callbacks wait at most this long instead of until their time. */
  PITCREW_CALLBACK_DELAY_CAP_MS: z.coerce.number().int().min(0).optional(),
  OPENAI_API_KEY: optional,
  LLM_BASE_URL: optional,
  LLM_MODEL: optional,
  LIVEKIT_URL: optional,
  LIVEKIT_API_KEY: optional,
  LIVEKIT_API_SECRET: optional,
  LIVEKIT_SIP_TRUNK_ID: optional,
  /** `off` runs no LiveKit server and no voice worker; web and phone calls then answer 400. */
  VOICE: z.enum(['on', 'off']).default('on'),
  LIVEKIT_PORT: port.default(7880),
  LIVEKIT_RTC_TCP_PORT: port.default(7881),
  LIVEKIT_RTC_UDP_PORT: port.default(7882),
  LIVEKIT_SERVER_PATH: optional,
  /** Where a separately run voice worker reaches the API (npm start sets it for its own worker). */
  PITCREW_API_URL: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  /** Speech engines of the voice worker; `auto` = OpenAI when a key is set, else the offline pair. */
  VOICE_ENGINES: z.enum(['auto', 'offline', 'openai']).default('auto'),
  /** The name the voice worker registers under and the API dispatches to (pitcrews sharing a LiveKit). */
  VOICE_AGENT_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .default('pitcrew-voice'),
  /** An S3-compatible bucket for call recordings; unset = they stay in DATA_DIR. */
  S3_BUCKET: optional,
  S3_ENDPOINT: optional.pipe(z.url({ protocol: /^https?$/ }).optional()),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: optional,
  S3_SECRET_ACCESS_KEY: optional,
  /**
   * Webhook receivers on loopback, private or link-local addresses (docs/webhooks.md). Off by default:
   * a subscription could otherwise make pitcrew POST into the network it runs in.
   */
  WEBHOOK_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false'),
  /** How long one webhook POST may take. */
  WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_WEBHOOK_RETRY.timeoutMs),
  /** The retry schedule of a delivery: first wait, the longest wait, and for how long in all. */
  WEBHOOK_RETRY_INITIAL_MS: z.coerce.number().int().min(10).default(DEFAULT_WEBHOOK_RETRY.initialIntervalMs),
  WEBHOOK_RETRY_MAX_INTERVAL_MS: z.coerce
    .number()
    .int()
    .min(10)
    .default(DEFAULT_WEBHOOK_RETRY.maximumIntervalMs),
  WEBHOOK_RETRY_FOR_MS: z.coerce.number().int().min(1000).default(DEFAULT_WEBHOOK_RETRY.retryForMs),
  /** How often each worker sweeps the outbox for events to deliver. */
  WEBHOOK_DISPATCH_INTERVAL_MS: z.coerce.number().int().min(50).default(500),
  /** Job processes the voice worker keeps loaded for the next calls (each loads the VAD: ~2-3 s). */
  VOICE_IDLE_PROCESSES: z.coerce.number().int().min(0).max(16).default(1),
  /** The post-call analysis's keyword list, comma-separated; unset = config/analysis-keywords.ts. */
  ANALYSIS_KEYWORDS: optional.pipe(
    z
      .string()
      .max(10_000)
      .refine((v) => parseKeywordList(v).length > 0, { message: 'must name at least one keyword' })
      .optional(),
  ),
})

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz })
    return true
  } catch {
    return false
  }
}

export interface Config {
  env: 'development' | 'production' | 'test'
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL']
  http: {
    host: string
    port: number
    apiKey?: string
    maxBodyBytes: number
    /** Per address and per API key and minute on /api; 0 = no limit. */
    rateLimitPerMinute: number
    /** The client's address is the first of X-Forwarded-For (behind a load balancer). */
    trustProxy: boolean
    /** Origins whose pages may call /api (CORS); empty = only the dashboard's own. */
    corsOrigins: string[]
  }
  dataDir: string
  /** PostgreSQL when a URL is set, otherwise embedded PGlite under the data dir. */
  database: { databaseUrl: string } | { pgliteDir: string }
  temporal: {
    /** An existing cluster; unset means `npm start` runs the dev server on `devPort`. */
    address?: string
    devPort: number
    uiPort: number
    namespace: string
    taskQueue: string
    cliPath?: string
    /** Workflows the worker keeps in memory; undefined = the SDK's default. */
    maxCachedWorkflows?: number
    /** Where the Temporal SDK serves its Prometheus metrics (host:port); undefined = nowhere. */
    metricsAddress?: string
  }
  toolsDir?: string
  dealershipTimeZone: string
  /** Timeouts of human escalations (see workflows/escalation-definitions.ts). */
  escalation: {
    acceptTimeoutMs: number
    callbackAcceptTimeoutMs: number
    callbackAttempts: number
    callbackDelayCapMs?: number
  }
  llm: { apiKey?: string; baseUrl?: string; model?: string }
  /** Post-call analysis: the keywords it counts (docs/analysis.md). */
  analysis: { keywords: readonly string[] }
  livekit: { url?: string; apiKey?: string; apiSecret?: string; sipTrunkId?: string }
  /** Where finished call recordings go: an S3-compatible bucket, else they stay in `dataDir`. */
  recordings: { s3?: ObjectStoreConfig }
  /** Signed webhooks (docs/webhooks.md). */
  webhooks: { allowPrivate: boolean; retry: WebhookRetrySchedule; dispatchIntervalMs: number }
  /** Voice calls (see voice-worker/ and docs/voice.md). */
  voice: {
    enabled: boolean
    /** Ports of the LiveKit dev server that `npm start` runs when LIVEKIT_URL is unset. */
    devServer: { port: number; rtcTcpPort: number; rtcUdpPort: number }
    serverPath?: string
    apiUrl?: string
    engines: 'auto' | 'offline' | 'openai'
    agentName: string
    /** Call processes kept loaded by the voice worker. */
    idleProcesses: number
  }
}

export class ConfigError extends Error {
  override name = 'ConfigError'
}

/** The recordings bucket when S3_BUCKET is set; the keys are then required. */
function recordingsBucket(e: z.infer<typeof EnvSchema>): ObjectStoreConfig | undefined {
  if (!e.S3_BUCKET) return undefined
  if (!e.S3_ACCESS_KEY_ID || !e.S3_SECRET_ACCESS_KEY)
    throw new ConfigError('S3_BUCKET is set: S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required too.')
  return {
    bucket: e.S3_BUCKET,
    endpoint: e.S3_ENDPOINT ?? `https://s3.${e.S3_REGION}.amazonaws.com`,
    region: e.S3_REGION,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
  }
}

/** Validates the environment; throws a ConfigError listing every bad variable. */
export function loadConfig(source: Record<string, string | undefined>): Config {
  const parsed = EnvSchema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid environment:\n${lines.join('\n')}`)
  }
  const e = parsed.data
  if (e.NODE_ENV === 'production' && !e.PITCREW_API_KEY) {
    throw new ConfigError(
      'PITCREW_API_KEY is required when NODE_ENV=production (it protects every /api route).',
    )
  }
  const dataDir = path.resolve(e.DATA_DIR)
  return {
    recordings: { s3: recordingsBucket(e) },
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    http: {
      host: e.HOST,
      port: e.PORT,
      apiKey: e.PITCREW_API_KEY,
      maxBodyBytes: e.MAX_BODY_BYTES,
      rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE,
      trustProxy: e.TRUST_PROXY === 'true',
      corsOrigins: e.CORS_ORIGINS,
    },
    dataDir,
    database: e.DATABASE_URL ? { databaseUrl: e.DATABASE_URL } : { pgliteDir: path.join(dataDir, 'pglite') },
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      devPort: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      namespace: e.TEMPORAL_NAMESPACE,
      taskQueue: e.TEMPORAL_TASK_QUEUE,
      cliPath: e.TEMPORAL_CLI_PATH,
      maxCachedWorkflows: e.TEMPORAL_MAX_CACHED_WORKFLOWS,
      metricsAddress: e.TEMPORAL_METRICS_ADDRESS,
    },
    toolsDir: e.PITCREW_TOOLS_DIR,
    dealershipTimeZone: e.DEALERSHIP_TZ,
    escalation: {
      acceptTimeoutMs: e.ESCALATION_ACCEPT_TIMEOUT_MS,
      callbackAcceptTimeoutMs: e.ESCALATION_CALLBACK_ACCEPT_TIMEOUT_MS,
      callbackAttempts: e.ESCALATION_CALLBACK_ATTEMPTS,
      callbackDelayCapMs: e.PITCREW_CALLBACK_DELAY_CAP_MS,
    },
    llm: { apiKey: e.OPENAI_API_KEY, baseUrl: e.LLM_BASE_URL, model: e.LLM_MODEL },
    analysis: {
      keywords: e.ANALYSIS_KEYWORDS ? parseKeywordList(e.ANALYSIS_KEYWORDS) : DEFAULT_ANALYSIS_KEYWORDS,
    },
    livekit: {
      url: e.LIVEKIT_URL,
      apiKey: e.LIVEKIT_API_KEY,
      apiSecret: e.LIVEKIT_API_SECRET,
      sipTrunkId: e.LIVEKIT_SIP_TRUNK_ID,
    },
    webhooks: {
      allowPrivate: e.WEBHOOK_ALLOW_PRIVATE === 'true',
      retry: {
        initialIntervalMs: e.WEBHOOK_RETRY_INITIAL_MS,
        maximumIntervalMs: e.WEBHOOK_RETRY_MAX_INTERVAL_MS,
        retryForMs: e.WEBHOOK_RETRY_FOR_MS,
        timeoutMs: e.WEBHOOK_TIMEOUT_MS,
      },
      dispatchIntervalMs: e.WEBHOOK_DISPATCH_INTERVAL_MS,
    },
    voice: {
      enabled: e.VOICE === 'on',
      devServer: {
        port: e.LIVEKIT_PORT,
        rtcTcpPort: e.LIVEKIT_RTC_TCP_PORT,
        rtcUdpPort: e.LIVEKIT_RTC_UDP_PORT,
      },
      serverPath: e.LIVEKIT_SERVER_PATH,
      apiUrl: e.PITCREW_API_URL,
      engines: e.VOICE_ENGINES,
      agentName: e.VOICE_AGENT_NAME,
      idleProcesses: e.VOICE_IDLE_PROCESSES,
    },
  }
}
