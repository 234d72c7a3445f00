/** Starts the pitcrew worker for a process. Used by `npm start` and worker/main.ts. */
import type { VoiceRooms } from '../activities/phone-activities'
import type { Config } from '../config/env'
import type { Db } from '../db/client'
import type { Logger } from '../lib/logger'
import { Client, Connection } from '@temporalio/client'
import { createObjectStore } from '../lib/object-store'
import { sharedVinDecoder } from '../lib/vin'
import { createWorker } from './create-worker'
import { startWebhookDispatcher } from './webhook-dispatcher'

export async function startWorker(o: {
  config: Config
  address: string
  db: Db
  log: Logger
  /** LiveKit, for placing phone calls and closing voice rooms; unset when voice is off. */
  voiceRooms?: VoiceRooms
}) {
  const { worker, connection } = await createWorker({
    address: o.address,
    namespace: o.config.temporal.namespace,
    taskQueue: o.config.temporal.taskQueue,
    maxCachedWorkflows: o.config.temporal.maxCachedWorkflows,
    metricsAddress: o.config.temporal.metricsAddress,
    deps: {
      db: o.db,
      log: o.log,
      dealershipTimeZone: o.config.dealershipTimeZone,
      llm: o.config.llm,
      analysis: o.config.analysis,
      voiceRooms: o.voiceRooms,
      webhooks: { allowPrivate: o.config.webhooks.allowPrivate },
      // Voice messages: their audio is kept where recordings are, heard and spoken by the same engines.
      dataDir: o.config.dataDir,
      recordingsBucket: o.config.recordings.s3 && createObjectStore(o.config.recordings.s3),
      speech: {
        engines: o.config.voice.engines,
        openai: { apiKey: o.config.llm.apiKey, baseUrl: o.config.llm.baseUrl },
      },
    },
  })
  // Open the VIN database now (unpacking it on a machine's first start), not during a caller's turn.
  sharedVinDecoder().catch((err: unknown) => o.log.warn({ err }, 'the offline VIN decoder did not open'))
  const running = worker.run()
  running.catch((err) => o.log.fatal({ err }, 'the Temporal worker stopped'))
  // Webhook events committed but not yet sent (also after a crash) are dispatched from here.
  const clientConnection = await Connection.connect({ address: o.address })
  const dispatcher = startWebhookDispatcher({
    db: o.db,
    client: new Client({ connection: clientConnection, namespace: o.config.temporal.namespace }),
    taskQueue: o.config.temporal.taskQueue,
    retry: o.config.webhooks.retry,
    intervalMs: o.config.webhooks.dispatchIntervalMs,
    log: o.log,
  })
  return {
    state: () => worker.getState(),
    /** Workflows in the worker's cache, for benchmarks (bench/memory.ts). */
    cachedWorkflows: () => worker.getStatus().numCachedWorkflows,
    /** Also resolves when the worker failed: there is nothing left to stop then. */
    finished: running.then(
      () => undefined,
      () => undefined,
    ),
    async stop() {
      await dispatcher.stop()
      await clientConnection.close()
      if (worker.getState() === 'RUNNING') worker.shutdown()
      await running.catch(() => {})
      await connection.close()
    },
  }
}
