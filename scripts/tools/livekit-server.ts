/** LiveKit's media server, which `npm start` runs in dev mode when no LIVEKIT_URL is configured. */
import { ensureGoBinary, type EnsureGoBinaryOptions } from './go-binary'

/** Go package of the server's main program (`go install` names the binary `server`; we rename it). */
export const LIVEKIT_SERVER_PACKAGE = 'github.com/livekit/livekit-server/cmd/server'
/**
 * Pinned version. v1.13.6 and later (and v1.13.1) carry `replace` directives in go.mod, which
 * `go install pkg@version` refuses; v1.13.5 has none and builds with Go 1.26.
 */
export const LIVEKIT_SERVER_VERSION = 'v1.13.5'
/** Environment variable that may point at an existing `livekit-server` binary. */
export const LIVEKIT_SERVER_ENV = 'LIVEKIT_SERVER_PATH'

export type EnsureLivekitServerOptions = Pick<EnsureGoBinaryOptions, 'toolsDir' | 'log' | 'env' | 'envPath'>

/**
 * Absolute path of a `livekit-server` binary: `LIVEKIT_SERVER_PATH`, PATH, the tools cache, or built
 * with `go install` on first use (several minutes on two cores).
 */
export function ensureLivekitServer(opts: EnsureLivekitServerOptions = {}): Promise<string> {
  return ensureGoBinary({
    ...opts,
    name: 'livekit-server',
    goPackage: LIVEKIT_SERVER_PACKAGE,
    version: LIVEKIT_SERVER_VERSION,
    envVar: LIVEKIT_SERVER_ENV,
  })
}
