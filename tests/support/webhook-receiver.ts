/**
 * A real webhook receiver for tests: a node:http server on loopback that verifies every request's
 * Standard Webhooks signature with the `standardwebhooks` library (as a customer's server would),
 * answers 204 when it is valid and 401 when not, and keeps what it got. It can be stopped (the port
 * then refuses connections) and started again on the same port, or told to hold requests unanswered.
 */
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import type { WebhookPayload } from '../../domain/webhooks'

export interface ReceivedWebhook {
  id: string
  timestamp: string
  payload: WebhookPayload
}

export async function startWebhookReceiver() {
  let secret: string | null = null
  /** Requests that verified and were answered 2xx, in arrival order. */
  const accepted: ReceivedWebhook[] = []
  /** Requests whose signature did not verify (must stay empty). */
  const rejected: { headers: http.IncomingHttpHeaders; body: string; error: string }[] = []
  /** Requests received, answered or not. */
  let received = 0
  let hold: ((id: string) => boolean) | null = null
  const held: http.ServerResponse[] = []

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received++
      const body = Buffer.concat(chunks).toString()
      const headers = {
        'webhook-id': String(req.headers['webhook-id'] ?? ''),
        'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
        'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
      }
      try {
        if (!secret) throw new Error('the receiver has no secret yet')
        const payload = new Webhook(secret).verify(body, headers) as WebhookPayload
        if (hold?.(headers['webhook-id'])) {
          held.push(res)
          return
        }
        accepted.push({ id: headers['webhook-id'], timestamp: headers['webhook-timestamp'], payload })
        res.writeHead(204).end()
      } catch (err) {
        rejected.push({ headers: req.headers, body, error: (err as Error).message })
        res.writeHead(401).end()
      }
    })
  })
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject)
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject)
        resolve((server.address() as AddressInfo).port)
      })
    })
  const port = await listen(0)

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    accepted,
    rejected,
    received: () => received,
    setSecret(s: string) {
      secret = s
    },
    /** Holds (never answers) the requests `which` picks; `release` lets them go unanswered. */
    holdWhen(which: ((id: string) => boolean) | null) {
      hold = which
    },
    heldCount: () => held.length,
    /** How many times each event id was accepted. */
    countsById() {
      const counts = new Map<string, number>()
      for (const a of accepted) counts.set(a.id, (counts.get(a.id) ?? 0) + 1)
      return counts
    },
    /** Stops listening and drops open connections: new deliveries get "connection refused". */
    async stop() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await closed
    },
    /** Listens again on the same port. */
    async start() {
      await listen(port)
    },
  }
}
