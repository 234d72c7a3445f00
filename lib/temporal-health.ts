/** /health checks for the Temporal side: the frontend answers, and a worker polls our task queue. */
import type { Connection } from '@temporalio/client'
import proto from '@temporalio/proto'
import type { HealthCheck } from '../api/context'

/** Pollers report in at least every minute (long polls last 60 s); older ones are gone. */
const POLLER_FRESH_MS = 75_000

export function temporalHealthCheck(connection: Connection): HealthCheck {
  return {
    name: 'temporal',
    async check() {
      await connection.withDeadline(Date.now() + 1_500, () => connection.healthService.check({}))
    },
  }
}

/**
 * Ready when a worker polled the task queue within the last minute. `localState` (the in-process
 * worker's `getState()`) makes a stopped local worker count at once rather than a minute later.
 */
export function workerHealthCheck(
  connection: Connection,
  namespace: string,
  taskQueue: string,
  localState?: () => string,
): HealthCheck {
  return {
    name: 'worker',
    async check() {
      const state = localState?.()
      if (state !== undefined && state !== 'RUNNING') throw new Error(`the worker is ${state.toLowerCase()}`)
      const res = await connection.withDeadline(Date.now() + 1_500, () =>
        connection.workflowService.describeTaskQueue({
          namespace,
          taskQueue: {
            name: taskQueue,
            kind: proto.temporal.api.enums.v1.TaskQueueKind.TASK_QUEUE_KIND_NORMAL,
          },
          taskQueueType: proto.temporal.api.enums.v1.TaskQueueType.TASK_QUEUE_TYPE_WORKFLOW,
        }),
      )
      const now = Date.now()
      const fresh = (res.pollers ?? []).filter((p) => {
        const seconds = Number(p.lastAccessTime?.seconds ?? 0)
        return now - seconds * 1000 < POLLER_FRESH_MS
      })
      if (fresh.length === 0) throw new Error(`no worker is polling task queue "${taskQueue}"`)
    },
  }
}
