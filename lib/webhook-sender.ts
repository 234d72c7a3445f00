/**
 * POSTs one signed webhook. Signing is the Standard Webhooks scheme, done by its maintained library
 * (`standardwebhooks`): `webhook-id` (the event's stable id), `webhook-timestamp` (seconds, the time
 * of this attempt) and `webhook-signature` (`v1,` + base64 HMAC-SHA256 of `id.timestamp.body` with the
 * `whsec_` secret). node:http rather than fetch so the connection can use `safeLookup` (the address
 * checked is the address dialed), and redirects are never followed.
 */
import http from 'node:http'
import https from 'node:https'
import { Webhook } from 'standardwebhooks'
import type { WebhookPayload } from '../domain/webhooks'
import { assertPublicHost, safeLookup } from './webhook-address'

export interface WebhookSendResult {
  /** The receiver's HTTP status, or null when none came. */
  httpStatus: number | null
  /** Why no 2xx: a short description of the failure. */
  error: string | null
  durationMs: number
}

const USER_AGENT = 'pitcrew-webhooks/1'

/** The Standard Webhooks headers for `body`, signed now. */
export function signWebhook(secret: string, eventId: string, body: string, at = new Date()) {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(eventId, at, body),
  }
}

export async function sendWebhook(o: {
  url: string
  secret: string
  eventId: string
  payload: WebhookPayload
  timeoutMs: number
  allowPrivate: boolean
}): Promise<WebhookSendResult> {
  const started = performance.now()
  const done = (httpStatus: number | null, error: string | null): WebhookSendResult => ({
    httpStatus,
    error,
    durationMs: Math.round(performance.now() - started),
  })
  try {
    if (!o.allowPrivate) await assertPublicHost(o.url)
  } catch (err) {
    return done(null, (err as Error).message)
  }
  const body = JSON.stringify(o.payload)
  const url = new URL(o.url)
  const transport = url.protocol === 'https:' ? https : http
  return new Promise((resolve) => {
    const req = transport.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': USER_AGENT,
          ...signWebhook(o.secret, o.eventId, body),
        },
        ...(o.allowPrivate ? {} : { lookup: safeLookup }),
        signal: AbortSignal.timeout(o.timeoutMs),
      },
      (res) => {
        const status = res.statusCode ?? 0
        // The answer's body is not needed: drain it so the socket is freed.
        res.resume()
        res.on('error', () => {})
        const ok = status >= 200 && status < 300
        resolve(done(status, ok ? null : `HTTP ${status}`))
      },
    )
    req.on('error', (err: NodeJS.ErrnoException) => {
      const reason =
        err.name === 'AbortError' || err.name === 'TimeoutError'
          ? `no answer within ${o.timeoutMs} ms`
          : `${err.code ? `${err.code}: ` : ''}${err.message}`
      resolve(done(null, reason.slice(0, 500)))
    })
    req.end(body)
  })
}
