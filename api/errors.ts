/**
 * The one error shape of the API: `{"error": {"code", "message", "details"?}}`. Handlers throw
 * `ApiError`; `handleError` turns anything thrown into that shape, and never a 500 for bad input.
 */
import type { Context } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Logger } from '../lib/logger'
import { isMissingSearchAttribute, SETUP_HINT } from '../lib/temporal-setup'

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export const badRequest = (message: string, details?: unknown) =>
  new ApiError(400, 'invalid_request', message, details)
export const notFound = (message: string) => new ApiError(404, 'not_found', message)
export const conflict = (message: string, details?: unknown) =>
  new ApiError(409, 'conflict', message, details)

const CODE_BY_STATUS: Record<number, string> = {
  400: 'invalid_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'unavailable',
}

export function errorBody(code: string, message: string, details?: unknown) {
  return { error: details === undefined ? { code, message } : { code, message, details } }
}

export function handleError(log: Logger) {
  return (err: Error, c: Context) => {
    if (err instanceof ApiError) return c.json(errorBody(err.code, err.message, err.details), err.status)
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'internal' : 'invalid_request')
      return c.json(errorBody(code, err.message || 'Request rejected'), status)
    }
    if (isMissingSearchAttribute(err)) {
      log.error(
        { err: err.message, path: c.req.path, reqId: c.get('requestId') },
        'Temporal namespace not set up for pitcrew',
      )
      const message = `The Temporal namespace is not set up for pitcrew: ${SETUP_HINT}`
      return c.json(errorBody('not_set_up', message), 503)
    }
    log.error({ err, path: c.req.path, method: c.req.method, reqId: c.get('requestId') }, 'unhandled error')
    return c.json(errorBody('internal', 'Something went wrong on our side; it has been logged.'), 500)
  }
}
