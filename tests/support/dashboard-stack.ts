/**
 * The dashboard's end-to-end stack: the real API serving the built dashboard over HTTP, a real
 * pitcrew worker, the run's Temporal dev server, a PostgreSQL database of its own (seeded), and a
 * headless Debian Chromium driven by playwright-core. `now` pins the crew's clock, so "tomorrow
 * morning" and business hours do not depend on when the tests run. With `voice`, the API has a voice
 * service on the run's LiveKit server and `startVoiceWorker()` runs a voice worker for its calls;
 * `phone` puts phone calls through a (fake) phone network with its dialing settings;
 * `chromiumArgs` adds to Chromium's command line (e.g. a fake microphone).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { Client } from '@temporalio/client'
import type { Browser, Page } from 'playwright-core'
import { createApp } from '../../api/app'
import { createCallEventFeed } from '../../db/call-event-feed'
import { openDb } from '../../db/client'
import { seed } from '../../db/seed'
import { createLogger } from '../../lib/logger'
import { ensureDashboardBuilt } from '../../scripts/web/build-dashboard'
import { launchChromium } from '../../scripts/web/chromium'
import type { VoiceRooms } from '../../activities/phone-activities'
import type { VoiceWorkerProcess } from '../../scripts/livekit/voice-worker-process'
import type { DialingSettings } from '../../workflows/call-definitions'
import { testVoiceService } from './livekit'
import { createTestDatabase } from './postgres'
import { connectClient, startTestWorker, uniqueTaskQueue } from './temporal'
import { startTestVoiceWorker, uniqueAgentName } from './voice-stack'

export async function startDashboardStack(options: {
  now: () => Date
  voice?: boolean
  phone?: { network: VoiceRooms; dialing: DialingSettings }
  chromiumArgs?: string[]
}) {
  const cleanups: Array<() => Promise<unknown>> = []
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined)
  }
  try {
    const [webDir, database] = await Promise.all([ensureDashboardBuilt(), createTestDatabase('pitcrew_web')])
    cleanups.push(() => database.drop())
    const handle = await openDb({ databaseUrl: database.url, maxConnections: 8 })
    cleanups.push(() => handle.close())
    await handle.migrate()
    await seed(handle.db)
    const feed = createCallEventFeed(handle)
    cleanups.push(() => feed.close())
    await feed.ready

    const connection = await connectClient()
    cleanups.push(() => connection.close())
    const taskQueue = uniqueTaskQueue('dashboard')
    const agentName = uniqueAgentName()
    // The voice worker records calls here and the API serves the recordings from here.
    const voice = options.voice
      ? testVoiceService({ agentName, sipTrunkId: options.phone?.network.sipTrunkId })
      : undefined
    const dataDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-dashboard-data-'))
    cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }))
    const app = createApp({
      db: handle.db,
      log: createLogger('silent'),
      dealershipTimeZone: 'America/Chicago',
      maxBodyBytes: 64 * 1024,
      health: [],
      version: 'test',
      now: options.now,
      temporal: {
        client: new Client({ connection }),
        taskQueue,
        escalation: { acceptTimeoutMs: 120_000 },
        dialing: options.phone?.dialing,
      },
      events: feed,
      webDir,
      temporalUi: { url: 'http://127.0.0.1:8233', namespace: 'default' },
      voice,
      dataDir,
    })
    const server = await new Promise<ServerType>((resolve) => {
      const s = serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, () => resolve(s))
    })
    cleanups.push(
      () =>
        new Promise((resolve) => {
          if ('closeAllConnections' in server) server.closeAllConnections()
          server.close(resolve)
        }),
    )
    const worker = await startTestWorker(handle.db, taskQueue, {
      now: options.now,
      voiceRooms: options.phone?.network ?? voice,
      // Voice messages keep their audio where the API serves it from.
      dataDir,
    })
    cleanups.push(() => worker.stop())
    const browser = await launchChromium(options.chromiumArgs)
    cleanups.push(() => browser.close())

    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    return {
      base,
      browser,
      db: handle.db,
      /** A voice worker for this stack's calls (needs `voice`); stopped with the stack. */
      async startVoiceWorker(): Promise<VoiceWorkerProcess> {
        const voiceWorker = await startTestVoiceWorker({ apiUrl: base, agentName, dataDir })
        cleanups.push(() => voiceWorker.stop(5_000))
        return voiceWorker
      },
      /** Drops every open connection, as a flaky network would; EventSource reconnects by itself. */
      dropConnections: () => 'closeAllConnections' in server && server.closeAllConnections(),
      newPage: (viewport = { width: 1440, height: 900 }) => openPage(browser, viewport),
      stop,
    }
  } catch (err) {
    await stop()
    throw err
  }
}

/** A page in a context of its own (its own localStorage) that records console errors. */
async function openPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport })
  const page: Page = await context.newPage()
  page.setDefaultTimeout(30_000)
  const errors: string[] = []
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`)
  })
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  return { page, errors, close: () => context.close() }
}
