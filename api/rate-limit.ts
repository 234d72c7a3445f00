/**
 * Requests per minute on /api (RATE_LIMIT_PER_MINUTE; 0 = off), with rate-limiter-flexible: per
 * client address, and per API key for requests that send one (a website's key serves many
 * addresses; one address may try many keys). Behind a load balancer set TRUST_PROXY=true so the
 * address is the first of `X-Forwarded-For`, not the balancer's. Counted in each API process's
 * memory: N processes behind a round-robin balancer let a client make up to N times as many.
 * Over a limit: 429 `rate_limited` with `Retry-After` (seconds), before anything else runs.
 * Requests from this machine's loopback (the voice worker, a dashboard opened on the server, the
 * benchmarks) are not limited: behind a proxy on the same host, TRUST_PROXY is what makes limits work.
 */
import { createHash } from 'node:crypto'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible'
import { ApiError } from './errors'

export interface RateLimitOptions {
  perMinute: number
  /** Take the client's address from X-Forwarded-For (set only behind a proxy that writes it). */
  trustProxy?: boolean
}

export function rateLimit(o: RateLimitOptions): MiddlewareHandler {
  const byAddress = new RateLimiterMemory({ points: o.perMinute, duration: 60 })
  const byKey = new RateLimiterMemory({ points: o.perMinute, duration: 60 })
  return async (c, next) => {
    const address = addressOf(c, o.trustProxy ?? false)
    if (address === LOOPBACK) return next()
    const key = apiKeyOf(c)
    try {
      const left = await byAddress.consume(address)
      const keyLeft = key ? await byKey.consume(key) : left
      c.header('RateLimit-Limit', String(o.perMinute))
      c.header('RateLimit-Remaining', String(Math.min(left.remainingPoints, keyLeft.remainingPoints)))
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err
      const seconds = Math.max(1, Math.ceil(err.msBeforeNext / 1000))
      c.header('Retry-After', String(seconds))
      throw new ApiError(
        429,
        'rate_limited',
        `Too many requests: at most ${o.perMinute} a minute per address and per API key. Try again in ${seconds} s.`,
      )
    }
    await next()
  }
}

/** A digest, never the key itself, so no secret sits in the limiter's memory. */
function apiKeyOf(c: Context): string | undefined {
  const bearer = c.req.header('authorization')?.match(/^Bearer\s+(.+)$/i)?.[1] ?? c.req.query('access_token')
  return bearer && createHash('sha256').update(bearer).digest('hex').slice(0, 32)
}

const LOOPBACK = Symbol('loopback')
const isLoopback = (address: string) =>
  address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.')

function addressOf(c: Context, trustProxy: boolean): string | typeof LOOPBACK {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
    if (forwarded) return forwarded
  }
  try {
    const address = getConnInfo(c).remote.address ?? 'unknown'
    return isLoopback(address) ? LOOPBACK : address
  } catch {
    // Not served by @hono/node-server (app.request in tests): one shared bucket.
    return 'unknown'
  }
}
