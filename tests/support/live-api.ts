/** The API over real HTTP on a free loopback port, with a live event feed: for the SSE route tests. */
import { serve, type ServerType } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createApp } from '../../api/app'
import type { CallEventFeed } from '../../api/context'
import type { Db } from '../../db/client'
import { createLogger } from '../../lib/logger'

export interface LiveApi {
  base: string
  /** Closes open streams too, so a test's leftover SSE client does not hold the server open. */
  close(): Promise<void>
}

export async function serveLiveApi(
  db: Db,
  events: CallEventFeed,
  options: { apiKey: string; sseHeartbeatMs?: number },
): Promise<LiveApi> {
  const app = createApp({
    db,
    log: createLogger('silent'),
    dealershipTimeZone: 'America/Chicago',
    apiKey: options.apiKey,
    maxBodyBytes: 64 * 1024,
    health: [],
    events,
    ...(options.sseHeartbeatMs !== undefined ? { sseHeartbeatMs: options.sseHeartbeatMs } : {}),
    version: 'test',
  })
  return listen(app)
}

/** Serves `app` over HTTP on a free loopback port. */
export async function listen(app: {
  fetch: (request: Request) => Response | Promise<Response>
}): Promise<LiveApi> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
  })
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      if ('closeAllConnections' in server) server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}
