/** The Temporal CLI, whose `server start-dev` is pitcrew's embedded Temporal. */
import { ensureGoBinary, type EnsureGoBinaryOptions } from './go-binary'

/** Go package of the CLI's main program. */
export const TEMPORAL_CLI_PACKAGE = 'github.com/temporalio/cli/cmd/temporal'
/**
 * Pinned CLI version (Temporal Server 1.29, UI 2.42). Later versions carry a `replace` directive in
 * go.mod, which `go install pkg@version` refuses, so they cannot be built this way.
 */
export const TEMPORAL_CLI_VERSION = 'v1.5.1'
/** Environment variable that may point at an existing `temporal` binary. */
export const TEMPORAL_CLI_ENV = 'TEMPORAL_CLI_PATH'

/** Options of {@link ensureTemporalCli}: where to cache it, where to log, which environment to read. */
export type EnsureTemporalCliOptions = Pick<EnsureGoBinaryOptions, 'toolsDir' | 'log' | 'env' | 'envPath'>

/**
 * Absolute path of a `temporal` binary: `TEMPORAL_CLI_PATH`, PATH, the tools cache, or built with
 * `go install` on first use.
 */
export function ensureTemporalCli(opts: EnsureTemporalCliOptions = {}): Promise<string> {
  return ensureGoBinary({
    ...opts,
    name: 'temporal',
    goPackage: TEMPORAL_CLI_PACKAGE,
    version: TEMPORAL_CLI_VERSION,
    envVar: TEMPORAL_CLI_ENV,
  })
}
