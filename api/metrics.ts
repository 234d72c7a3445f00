/**
 * Prometheus metrics of one API process (prom-client), served at /metrics: HTTP requests by route
 * and status with their duration, the turn latency callers see, open calls and pending escalations
 * (read from PostgreSQL at scrape time, so every API process reports the same truth), Node's own
 * process metrics, and the Temporal SDK's metrics when the worker shares the process (its Rust core
 * serves them on a loopback port of its own; they are appended here).
 */
import { sql } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import { routePath } from 'hono/route'
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client'
import type { Db } from '../db/client'

export interface ApiMetrics {
  registry: Registry
  /** The userTurn Update's round trip in the messages route. */
  turnSeconds: Histogram
  middleware: MiddlewareHandler
  /** The exposition text: pitcrew's metrics, then the Temporal SDK's. */
  scrape(): Promise<string>
}

const LATENCY_BUCKETS = [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]

export function createApiMetrics(db: Db, options: { temporalSdkMetricsUrl?: string } = {}): ApiMetrics {
  const registry = new Registry()
  collectDefaultMetrics({ register: registry })
  const requests = new Counter({
    name: 'pitcrew_http_requests_total',
    help: 'HTTP requests answered, by method, route pattern and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  })
  const requestSeconds = new Histogram({
    name: 'pitcrew_http_request_duration_seconds',
    help: 'Time to the response headers, by method and route pattern (SSE streams: until they open)',
    labelNames: ['method', 'route'] as const,
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  const turnSeconds = new Histogram({
    name: 'pitcrew_turn_duration_seconds',
    help: "A turn as the caller's client waits for it: the message in, the crew's reply out",
    buckets: LATENCY_BUCKETS,
    registers: [registry],
  })
  const countOf = async (query: ReturnType<typeof sql>) => {
    const result: unknown = await db.execute(query)
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { n: number }[]
    return Number(rows[0]?.n ?? 0)
  }
  new Gauge({
    name: 'pitcrew_open_calls',
    help: 'Calls not ended yet, by status (active, escalated)',
    labelNames: ['status'] as const,
    registers: [registry],
    async collect() {
      this.reset()
      for (const status of ['active', 'escalated'] as const)
        this.set(
          { status },
          await countOf(sql`select count(*)::int as n from calls where status = ${status}`),
        )
    },
  })
  new Gauge({
    name: 'pitcrew_pending_escalations',
    help: 'Escalations and callbacks waiting for a person',
    registers: [registry],
    async collect() {
      this.set(await countOf(sql`select count(*)::int as n from escalation_tasks where status = 'pending'`))
    },
  })

  const middleware: MiddlewareHandler = async (c, next) => {
    const started = performance.now()
    await next()
    // The route pattern, never the raw path: ids in label values would grow the series without end.
    const route = c.res.status === 404 && routePath(c).endsWith('*') ? 'unmatched' : routePath(c)
    requests.inc({ method: c.req.method, route, status: String(c.res.status) })
    requestSeconds.observe({ method: c.req.method, route }, (performance.now() - started) / 1000)
  }

  return {
    registry,
    turnSeconds,
    middleware,
    async scrape() {
      const own = await registry.metrics()
      if (!options.temporalSdkMetricsUrl) return own
      const sdk = await fetch(options.temporalSdkMetricsUrl).then(
        (r) => (r.ok ? r.text() : ''),
        () => '',
      )
      return `${own}\n${sdk}`
    },
  }
}
