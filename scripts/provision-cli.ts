/**
 * `npm run provision`: makes sure the Temporal CLI is available (building it with Go the first time)
 * and prints where it is and which version it is. Reads TEMPORAL_CLI_PATH, PITCREW_TOOLS_DIR,
 * XDG_CACHE_HOME and PATH from the environment.
 */
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { defaultToolsDir } from './tools/go-binary'
import { ensureTemporalCli } from './tools/temporal-cli'

async function main(): Promise<void> {
  const env = process.env
  const path = await ensureTemporalCli({
    env,
    toolsDir: defaultToolsDir(env),
    log: (line) => console.error(line),
  })
  const { stdout } = await promisify(execFile)(path, ['--version'], { timeout: 30_000 })
  console.log(`temporal: ${path}`)
  console.log(`version:  ${stdout.trim()}`)
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err)
  process.exitCode = 1
})
