/** What every entry file does first: validated config, a logger, and a clean exit on signals. */
import { ConfigError, loadConfig, type Config } from '../config/env'
import { createLogger, type Logger } from '../lib/logger'

export function loadConfigOrExit(): Config {
  try {
    return loadConfig(process.env)
  } catch (err) {
    console.error(err instanceof ConfigError ? err.message : err)
    process.exit(1)
  }
}

export function processLogger(config: Config, name: string): Logger {
  return createLogger(config.logLevel, { name, pretty: process.stdout.isTTY })
}

/** Runs `stop` once on SIGINT/SIGTERM, then exits. */
export function stopOnSignals(log: Logger, stop: () => Promise<void>) {
  let stopping = false
  const shutdown = async (signal: string) => {
    if (stopping) return
    stopping = true
    log.info({ signal }, 'stopping')
    await stop()
    process.exit(0)
  }
  process.on('SIGINT', () => void shutdown('SIGINT'))
  process.on('SIGTERM', () => void shutdown('SIGTERM'))
}

/** The API and the worker can run as their own processes only on a shared PostgreSQL and Temporal. */
export function requireSharedServices(
  config: Config,
  what: string,
): { databaseUrl: string; temporalAddress: string } {
  if (!('databaseUrl' in config.database) || !config.temporal.address) {
    console.error(
      `${what} on its own needs DATABASE_URL and TEMPORAL_ADDRESS (embedded PGlite belongs to one process). ` +
        'Use `npm start` to run everything in one process.',
    )
    process.exit(1)
  }
  return { databaseUrl: config.database.databaseUrl, temporalAddress: config.temporal.address }
}
