import { fileURLToPath } from 'node:url'
import {
  NativeConnection,
  Worker,
  bundleWorkflowCode,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker'
import { createActivities, type ActivityDeps } from '../activities'
import { installTemporalRuntime } from './runtime'

export const workflowsPath = fileURLToPath(new URL('../workflows/index.ts', import.meta.url))

export interface WorkerOptions {
  address: string
  namespace: string
  taskQueue: string
  deps: ActivityDeps
  /** Workflows kept in memory between their tasks (TEMPORAL_MAX_CACHED_WORKFLOWS); unset = the SDK's default. */
  maxCachedWorkflows?: number
  /** host:port where the SDK serves its Prometheus metrics (TEMPORAL_METRICS_ADDRESS); unset = nowhere. */
  metricsAddress?: string
  /** A pre-built bundle (tests share one); otherwise the workflows are bundled at start (~1 s). */
  workflowBundle?: WorkflowBundleWithSourceMap
}

/** Bundles the workflows once; reuse the result for several workers. */
export function bundleWorkflows() {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger })
}

const quietBundlerLogger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  log: () => {},
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
}

/** Connects and creates the pitcrew worker; call `run()` on the result and `shutdown()` to stop. */
export async function createWorker(
  options: WorkerOptions,
): Promise<{ worker: Worker; connection: NativeConnection }> {
  installTemporalRuntime(options.deps.log, options.metricsAddress)
  const connection = await NativeConnection.connect({ address: options.address })
  try {
    const worker = await Worker.create({
      connection,
      namespace: options.namespace,
      taskQueue: options.taskQueue,
      activities: createActivities(options.deps),
      workflowBundle: options.workflowBundle ?? (await bundleWorkflows()),
      // A worker that died holds its calls' next workflow task this long before another takes it:
      // short, because a caller is waiting on the line.
      stickyQueueScheduleToStartTimeout: '3s',
      // Most of the process's memory with many open calls (docs/performance.md, "Memory").
      // Undefined leaves the SDK's default.
      maxCachedWorkflows: options.maxCachedWorkflows,
    })
    return { worker, connection }
  } catch (err) {
    await connection.close()
    throw err
  }
}
