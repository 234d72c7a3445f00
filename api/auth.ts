import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { ApiError } from './errors'

const digest = (s: string) => createHash('sha256').update(s).digest()
/** Routes a browser opens without being able to set a header: SSE streams, a recording's or voice message's audio. */
const QUERY_TOKEN_PATHS = /(\/events|\/recordings\/[^/]+|\/voice-messages\/audio\/[^/]+)$/

/**
 * Bearer-token auth for /api routes. EventSource and <audio> cannot send headers, so the SSE streams
 * and the recordings' and voice messages' audio may pass the key as `?access_token=` instead.
 */
export function requireApiKey(apiKey: string): MiddlewareHandler {
  const expected = digest(apiKey)
  return async (c, next) => {
    const header = c.req.header('authorization')
    const bearer = header?.match(/^Bearer\s+(.+)$/i)?.[1]
    const token = bearer ?? (QUERY_TOKEN_PATHS.test(c.req.path) ? c.req.query('access_token') : undefined)
    if (!token) {
      c.header('WWW-Authenticate', 'Bearer realm="pitcrew"')
      throw new ApiError(
        401,
        'unauthorized',
        'Missing API key: send "Authorization: Bearer <PITCREW_API_KEY>".',
      )
    }
    if (!timingSafeEqual(digest(token), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="pitcrew", error="invalid_token"')
      throw new ApiError(401, 'unauthorized', 'Invalid API key.')
    }
    await next()
  }
}
