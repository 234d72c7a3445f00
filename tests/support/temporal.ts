/** Temporal pieces for tests: a client connection to the run's dev server and a real pitcrew worker. */
import { randomUUID } from 'node:crypto'
import { Connection } from '@temporalio/client'
import { inject } from 'vitest'
import type { Db } from '../../db/client'
import { createLogger } from '../../lib/logger'
import { bundleWorkflows, createWorker } from '../../worker/create-worker'
import type { ActivityDeps } from '../../activities'
import type { VoiceRooms } from '../../activities/phone-activities'

let bundle: ReturnType<typeof bundleWorkflows> | undefined

/** A task queue of its own, so tests never steal each other's tasks. */
export const uniqueTaskQueue = (prefix = 'test') => `${prefix}-${randomUUID().slice(0, 8)}`

export function connectClient(address = inject('temporalAddress')) {
  return Connection.connect({ address })
}

/** A connection without retries, as /health uses (see api/serve.ts). */
export function connectProbe(address = inject('temporalAddress')) {
  return Connection.connect({ address, interceptors: [] })
}

/** Starts a pitcrew worker polling `taskQueue`; `stop()` shuts it down and waits. */
export async function startTestWorker(
  db: Db,
  taskQueue: string,
  options: {
    address?: string
    /** A namespace of the test's own (default: 'default'). */
    namespace?: string
    now?: () => Date
    voiceRooms?: VoiceRooms
    hooks?: ActivityDeps['hooks']
    webhooks?: ActivityDeps['webhooks']
    /** Where voice message audio is kept (DATA_DIR, or the bucket). */
    dataDir?: string
    recordingsBucket?: ActivityDeps['recordingsBucket']
    /** Voice message speech engines; unset = offline. */
    speech?: ActivityDeps['speech']
    llm?: ActivityDeps['llm']
  } = {},
) {
  bundle ??= bundleWorkflows()
  const { worker, connection } = await createWorker({
    address: options.address ?? inject('temporalAddress'),
    namespace: options.namespace ?? 'default',
    taskQueue,
    deps: {
      db,
      log: createLogger('silent'),
      dealershipTimeZone: 'America/Chicago',
      now: options.now,
      voiceRooms: options.voiceRooms,
      hooks: options.hooks,
      webhooks: options.webhooks,
      dataDir: options.dataDir,
      recordingsBucket: options.recordingsBucket,
      speech: options.speech,
      llm: options.llm,
    },
    workflowBundle: await bundle,
  })
  const running = worker.run()
  return {
    worker,
    async stop() {
      if (worker.getState() === 'RUNNING') worker.shutdown()
      await running
      await connection.close()
    },
  }
}
