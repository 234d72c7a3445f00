import { Runtime, type LogLevel, type LogMetadata, type Logger as TemporalLogger } from '@temporalio/worker'
import type { Logger } from '../lib/logger'

let installed = false

/**
 * Routes the Temporal SDK's own logs (worker state changes, core warnings) into pitcrew's logger.
 * The SDK allows this once per process and before the first worker or native connection, so the
 * first caller's metrics address is the one that counts.
 */
export function installTemporalRuntime(log: Logger, metricsAddress?: string): void {
  if (installed) return
  installed = true
  const sdkLog = log.child({ part: 'temporal-sdk' })
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const method =
      level === 'TRACE'
        ? 'trace'
        : level === 'DEBUG'
          ? 'debug'
          : level === 'INFO'
            ? 'info'
            : level === 'WARN'
              ? 'warn'
              : 'error'
    sdkLog[method](meta ?? {}, message)
  }
  const logger: TemporalLogger = {
    log: write,
    trace: (m, meta) => write('TRACE', m, meta),
    debug: (m, meta) => write('DEBUG', m, meta),
    info: (m, meta) => write('INFO', m, meta),
    warn: (m, meta) => write('WARN', m, meta),
    error: (m, meta) => write('ERROR', m, meta),
  }
  Runtime.install({
    logger,
    // The SDK's Rust core serves its own metrics (workflow and activity task latencies, poll
    // results, cache size) on this address; the API's /metrics appends them when they share a process.
    ...(metricsAddress && {
      telemetryOptions: {
        metrics: {
          prometheus: {
            bindAddress: metricsAddress,
            countersTotalSuffix: true,
            useSecondsForDurations: true,
          },
        },
      },
    }),
  })
}
