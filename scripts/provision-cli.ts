/**
 * `npm run provision`: makes sure the Temporal CLI and LiveKit's server are available (building them
 * with Go the first time, one after the other: two Go builds at once only fight over the cores) and
 * prints where they are and which versions they are. Reads TEMPORAL_CLI_PATH, LIVEKIT_SERVER_PATH,
 * PITCREW_TOOLS_DIR, XDG_CACHE_HOME and PATH from the environment.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { defaultToolsDir } from './tools/go-binary'
import { ensureLivekitServer } from './tools/livekit-server'
import { ensureTemporalCli } from './tools/temporal-cli'

async function main(): Promise<void> {
  const env = process.env
  const opts = { env, toolsDir: defaultToolsDir(env), log: (line: string) => console.error(line) }
  const temporal = await ensureTemporalCli(opts)
  const livekit = await ensureLivekitServer(opts)
  const versionOf = async (path: string) =>
    (await promisify(execFile)(path, ['--version'], { timeout: 30_000 })).stdout.trim()
  console.log(`temporal:       ${temporal}`)
  console.log(`version:        ${await versionOf(temporal)}`)
  console.log(`livekit-server: ${livekit}`)
  console.log(`version:        ${await versionOf(livekit)}`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
})
