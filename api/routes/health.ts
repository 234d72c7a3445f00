import { Hono } from 'hono'
import type { AppEnv, HealthCheck } from '../context'
import type { Operation } from '../openapi'

/** A part that does not answer within this long counts as down, so /health itself never hangs. */
const CHECK_TIMEOUT_MS = 2_000

const readiness = {
  tag: 'operations',
  auth: false,
  responses: {
    200: '{status: "ok", checks: {<part>: {ok, ms}}}',
    503: '{status: "unavailable", failing: [<part>], checks, error}',
  },
} as const

export const healthOperations: Operation[] = [
  {
    method: 'get',
    path: '/health',
    summary: 'For people: ready only when the database, Temporal (set up for pitcrew) and a worker are',
    ...readiness,
  },
  {
    method: 'get',
    path: '/readyz',
    summary: 'For load balancers: the same checks as /health; 503 takes this process out of rotation',
    ...readiness,
  },
  {
    method: 'get',
    path: '/metrics',
    summary:
      'Prometheus metrics: HTTP requests, turn latency, open calls, pending escalations, the Temporal SDK',
    tag: 'operations',
    auth: true,
    responses: { 200: 'text/plain Prometheus exposition format' },
  },
  {
    method: 'get',
    path: '/livez',
    summary: 'For supervisors: the process is up and serving (no dependency is asked)',
    tag: 'operations',
    auth: false,
    responses: { 200: '{status: "ok", version}' },
  },
]

/** Always 200 while the process can answer: restarting it would not fix a dependency that is down. */
export const livenessRoutes = new Hono<AppEnv>().get('/', (c) =>
  c.json({ status: 'ok', version: c.var.deps.version }),
)

async function runCheck(check: HealthCheck) {
  const started = performance.now()
  let timer: NodeJS.Timeout | undefined
  try {
    const status = await Promise.race([
      check.check(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${CHECK_TIMEOUT_MS} ms`)),
          CHECK_TIMEOUT_MS,
        )
      }),
    ])
    const ms = Math.round(performance.now() - started)
    return typeof status === 'string' ? { ok: true as const, ms, status } : { ok: true as const, ms }
  } catch (err) {
    return { ok: false as const, ms: Math.round(performance.now() - started), error: (err as Error).message }
  } finally {
    clearTimeout(timer)
  }
}

export const readinessRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const { health, version } = c.var.deps
  const results = await Promise.all(health.map(async (h) => [h.name, await runCheck(h)] as const))
  const checks = Object.fromEntries(results)
  const failing = results.filter(([, r]) => !r.ok).map(([name]) => name)
  if (failing.length === 0) return c.json({ status: 'ok', version, checks })
  const why = results
    .filter(([, r]) => !r.ok)
    .map(([name, r]) => `${name}: ${'error' in r ? r.error : ''}`)
    .join('; ')
  return c.json(
    {
      status: 'unavailable',
      version,
      failing,
      checks,
      error: { code: 'unavailable', message: `Not ready: ${why}` },
    },
    503,
  )
})
