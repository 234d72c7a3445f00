/** Starts the pitcrew worker for a process. Used by `npm start` and worker/main.ts. */
import type { VoiceRooms } from '../activities/phone-activities'
import type { Config } from '../config/env'
import type { Db } from '../db/client'
import type { Logger } from '../lib/logger'
import { sharedVinDecoder } from '../lib/vin'
import { createWorker } from './create-worker'

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
    deps: {
      db: o.db,
      log: o.log,
      dealershipTimeZone: o.config.dealershipTimeZone,
      llm: o.config.llm,
      voiceRooms: o.voiceRooms,
    },
  })
  // Open the VIN database now (unpacking it on a machine's first start), not during a caller's turn.
  sharedVinDecoder().catch((err: unknown) => o.log.warn({ err }, 'the offline VIN decoder did not open'))
  const running = worker.run()
  running.catch((err) => o.log.fatal({ err }, 'the Temporal worker stopped'))
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
      if (worker.getState() === 'RUNNING') worker.shutdown()
      await running.catch(() => {})
      await connection.close()
    },
  }
}
