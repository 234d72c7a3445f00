/**
 * Starts the whole of pitcrew in one process, as `npm start` does: the Temporal dev server (unless
 * TEMPORAL_ADDRESS names a cluster), the database (PGlite unless DATABASE_URL is set) with migrations
 * and seed, the Temporal worker and the HTTP API. Embedded PGlite can only be opened by one process,
 * which is why the worker and the API share this one.
 */
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { Connection } from '@temporalio/client'
import { startApiServer } from '../api/serve'
import type { Config } from '../config/env'
import { createCallEventFeed } from '../db/call-event-feed'
import { openDb } from '../db/client'
import { seed } from '../db/seed'
import { SEARCH_ATTRIBUTES } from '../domain/search-attributes'
import type { Logger } from '../lib/logger'
import { startWorker } from '../worker/run-worker'
import { acquireDataDirLock } from './data-dir-lock'
import { startVoice } from './livekit/voice-system'
import { startTemporalDevServer } from './temporal/dev-server'
import { registerSearchAttributes } from './temporal/register-search-attributes'
import { getFreePort } from './tools/free-port'
import { ensureTemporalCli } from './tools/temporal-cli'
import { version } from './version'
import { ensureDashboardBuilt } from './web/build-dashboard'

export interface RunningSystem {
  apiUrl: string
  temporalAddress: string
  temporalUiUrl?: string
  dataDir: string
  database: string
  voice: string
  /** Calls (workflows) the in-process worker holds in memory. */
  cachedWorkflows(): number
  stop(): Promise<void>
}

export async function startSystem(config: Config, log: Logger): Promise<RunningSystem> {
  const cleanups: Array<() => Promise<unknown> | unknown> = []
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        await cleanup()
      } catch (err) {
        log.warn({ err }, 'error while shutting down')
      }
    }
  }
  try {
    mkdirSync(config.dataDir, { recursive: true })
    cleanups.push(acquireDataDirLock(config.dataDir))
    // Built while Temporal and the database start; without it the API still runs, minus the dashboard.
    const dashboard = ensureDashboardBuilt((line) => log.info(line)).catch((err: unknown) => {
      log.error({ err }, 'the dashboard could not be built; the API runs without it')
      return undefined
    })

    const temporal = await startTemporal(config, log)
    cleanups.push(temporal.stop)

    const dbHandle = await openDb(config.database)
    cleanups.push(() => dbHandle.close())
    await dbHandle.migrate()
    const { seeded } = await seed(dbHandle.db)
    log.info({ driver: dbHandle.driver, seeded }, seeded ? 'database seeded' : 'database ready')

    const events = createCallEventFeed(dbHandle, log.child({ part: 'events' }))
    cleanups.push(() => events.close())
    await events.ready

    const client = await Connection.connect({ address: temporal.address })
    cleanups.push(() => client.close())
    if (!temporal.managed)
      await registerSearchAttributes(client, config.temporal.namespace, SEARCH_ATTRIBUTES)

    const voice = await startVoice(config, log.child({ part: 'voice' }))
    cleanups.push(() => voice.stop())

    // The in-process worker's SDK metrics, served on loopback for the API's /metrics to append.
    const sdkMetrics = config.temporal.metricsAddress ?? `127.0.0.1:${await getFreePort()}`
    const worker = await startWorker({
      config: { ...config, temporal: { ...config.temporal, metricsAddress: sdkMetrics } },
      voiceRooms: voice.service,
      address: temporal.address,
      db: dbHandle.db,
      log: log.child({ part: 'worker' }),
    })
    cleanups.push(() => worker.stop())

    const api = await startApiServer({
      config,
      db: dbHandle.db,
      connection: client,
      temporalAddress: temporal.address,
      events,
      log: log.child({ part: 'api' }),
      version,
      workerState: worker.state,
      temporalSdkMetricsUrl: `http://${sdkMetrics}/metrics`,
      webDir: await dashboard,
      temporalUiUrl: temporal.uiUrl,
      voice: voice.service,
      health: [voice.health],
    })
    cleanups.push(() => api.close())
    await voice.startWorker(api.url)

    return {
      apiUrl: api.url,
      temporalAddress: temporal.address,
      temporalUiUrl: temporal.uiUrl,
      dataDir: config.dataDir,
      database:
        'pgliteDir' in config.database
          ? `PGlite in ${config.database.pgliteDir}`
          : 'PostgreSQL (DATABASE_URL)',
      voice: voice.summary,
      cachedWorkflows: worker.cachedWorkflows,
      stop,
    }
  } catch (err) {
    await stop()
    throw err
  }
}

async function startTemporal(config: Config, log: Logger) {
  if (config.temporal.address) {
    return { address: config.temporal.address, managed: false, uiUrl: undefined, stop: async () => {} }
  }
  const cliPath = await ensureTemporalCli({
    envPath: config.temporal.cliPath,
    toolsDir: config.toolsDir,
    log: (line) => log.info(line),
  })
  const server = await startTemporalDevServer({
    cliPath,
    port: config.temporal.devPort,
    uiPort: config.temporal.uiPort,
    namespace: config.temporal.namespace,
    dbFile: path.join(config.dataDir, 'temporal.sqlite'),
    searchAttributes: SEARCH_ATTRIBUTES,
    onOutput: (line) => log.debug({ part: 'temporal' }, line),
  })
  return { address: server.address, managed: true, uiUrl: server.uiUrl, stop: () => server.stop() }
}
