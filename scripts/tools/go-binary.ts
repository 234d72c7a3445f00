/**
 * Finds or builds a Go program that pitcrew runs as a tool (the Temporal CLI, LiveKit's server).
 * Nothing is ever downloaded as a binary: the only fallback is `go install` from the Go module proxy.
 */
import { spawn } from 'node:child_process'
import { accessSync, constants, statSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises'
import { homedir } from 'node:os'
import { delimiter, isAbsolute, join, resolve } from 'node:path'

/** What to look for and, failing that, what to build. */
export interface GoBinarySpec {
  /** File name of the binary on PATH and in the cache, e.g. `temporal`. */
  name: string
  /** Go package of the main program, e.g. `github.com/temporalio/cli/cmd/temporal`. */
  goPackage: string
  /** Module version to build, e.g. `v1.5.1`. */
  version: string
  /** Environment variable that may point at the binary, e.g. `TEMPORAL_CLI_PATH`. */
  envVar: string
}

/** Options of {@link ensureGoBinary}. */
export interface EnsureGoBinaryOptions extends GoBinarySpec {
  /** Cache folder; the binary lives in `<toolsDir>/bin/<name>`. Default: {@link defaultToolsDir}. */
  toolsDir?: string
  /** Progress lines (only printed when building). Default: stderr. */
  log?: (line: string) => void
  /** Value of `envVar` when the caller has read its configuration already. Default: `env[envVar]`. */
  envPath?: string
  /** Where PATH, the env var and the default tools dir come from. Default: `process.env`. */
  env?: NodeJS.ProcessEnv
}

const PROGRESS_EVERY_MS = 30_000
const TAIL_LINES = 40
// A build dir older than this belongs to a build that was killed, not to one still running.
const STALE_BUILD_MS = 60 * 60_000

/** The tools cache: `PITCREW_TOOLS_DIR`, else `$XDG_CACHE_HOME/pitcrew/tools`, else `~/.cache/pitcrew/tools`. */
export function defaultToolsDir(env: NodeJS.ProcessEnv): string {
  if (env.PITCREW_TOOLS_DIR) return resolve(env.PITCREW_TOOLS_DIR)
  // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
  if (env.XDG_CACHE_HOME && isAbsolute(env.XDG_CACHE_HOME))
    return join(env.XDG_CACHE_HOME, 'pitcrew', 'tools')
  return join(env.HOME || homedir(), '.cache', 'pitcrew', 'tools')
}

/** Why `file` is not an executable file, or undefined when it is one. */
function notExecutableReason(file: string): string | undefined {
  try {
    if (!statSync(file).isFile()) return 'is not a file'
  } catch {
    return 'does not exist'
  }
  try {
    accessSync(file, constants.X_OK)
  } catch {
    return 'is not executable'
  }
  return undefined
}

/** The absolute path of the first executable `name` in the PATH list `pathVar`, if any. */
export function findOnPath(name: string, pathVar: string | undefined): string | undefined {
  for (const dir of (pathVar ?? '').split(delimiter)) {
    // An empty PATH entry means the current directory; a tool lookup should not pick files up from there.
    if (!dir) continue
    const file = resolve(dir, name)
    if (notExecutableReason(file) === undefined) return file
  }
  return undefined
}

/**
 * Returns the absolute path of the tool, looking in this order: the env var (an error if it is set
 * but does not name an executable file), PATH, the tools cache; if none has it and `go` is on PATH,
 * builds it with `go install <goPackage>@<version>` into the cache (first time only, takes minutes).
 */
export async function ensureGoBinary(opts: EnsureGoBinaryOptions): Promise<string> {
  const env = opts.env ?? process.env
  const log = opts.log ?? ((line: string) => process.stderr.write(`${line}\n`))
  const { name, envVar } = opts

  const fromEnv = opts.envPath ?? env[envVar]
  if (fromEnv) {
    const file = resolve(fromEnv)
    const reason = notExecutableReason(file)
    if (reason) {
      throw new Error(
        `${envVar}=${fromEnv} ${reason}. Point ${envVar} at a ${name} binary, or unset it to use ` +
          `${name} from PATH or build it with Go.`,
      )
    }
    return file
  }

  const onPath = findOnPath(name, env.PATH)
  if (onPath) return onPath

  const binDir = join(opts.toolsDir ? resolve(opts.toolsDir) : defaultToolsDir(env), 'bin')
  const cached = join(binDir, name)
  const stampFile = join(binDir, `.${name}.version`)
  const wanted = `${opts.goPackage}@${opts.version}`
  const go = findOnPath('go', env.PATH)
  if (notExecutableReason(cached) === undefined) {
    // A binary without a stamp was put there by hand: trust it. A stamp from another version means
    // pitcrew moved to a new version, so rebuild when Go is there to do it.
    const stamp = await readFile(stampFile, 'utf8').catch(() => undefined)
    if (stamp === undefined || stamp.trim() === wanted) return cached
    if (!go) {
      log(`${name}: cached binary is ${stamp.trim()}, wanted ${wanted}; no Go to rebuild it, using it anyway`)
      return cached
    }
  }

  if (!go) {
    throw new Error(
      `${name} not found: ${envVar} is not set, there is no ${name} on PATH, nothing is cached at ` +
        `${cached}, and Go is not installed to build it. Install Go 1.23 or newer (from your OS ` +
        `packages, e.g. \`apt-get install golang-go\`, if its version is recent enough) and run again, ` +
        `or put a ${name} binary on PATH, or set ${envVar} to one.`,
    )
  }
  await buildWithGo({ ...opts, go, binDir, env, log })
  await writeFile(stampFile, `${wanted}\n`)
  return cached
}

interface BuildOptions extends GoBinarySpec {
  go: string
  binDir: string
  env: NodeJS.ProcessEnv
  log: (line: string) => void
}

async function buildWithGo(o: BuildOptions): Promise<void> {
  await mkdir(o.binDir, { recursive: true })
  await removeStaleBuildDirs(o.binDir, o.name)
  // go install writes into GOBIN under the package's own name (LiveKit's is `server`), so build
  // into a private folder and rename: a killed build never leaves a half-written cached binary.
  const buildDir = await mkdtemp(join(o.binDir, `.build-${o.name}-`))
  try {
    o.log(`building ${o.name} ${o.version} with Go, first time only, takes a few minutes...`)
    const started = Date.now()
    const timer = setInterval(() => {
      o.log(`still building ${o.name} (${Math.round((Date.now() - started) / 1000)} s)...`)
    }, PROGRESS_EVERY_MS)
    timer.unref()
    const target = `${o.goPackage}@${o.version}`
    let result: { code: number | null; signal: NodeJS.Signals | null; tail: string }
    try {
      result = await run(o.go, ['install', target], { ...o.env, GOBIN: buildDir, CGO_ENABLED: '0' })
    } finally {
      clearInterval(timer)
    }
    if (result.code !== 0) {
      const how = result.signal ? `killed by ${result.signal}` : `exit code ${result.code}`
      throw new Error(
        `go install ${target} failed (${how}). It needs Go 1.23+ and access to the Go module proxy; ` +
          `alternatively put a ${o.name} binary on PATH or set ${o.envVar}.\n--- go output (tail) ---\n` +
          result.tail,
      )
    }
    const built = await readdir(buildDir)
    const file = built[0]
    if (built.length !== 1 || file === undefined) {
      throw new Error(`go install ${target} left ${built.length} files in ${buildDir}, expected one program`)
    }
    await rename(join(buildDir, file), join(o.binDir, o.name))
    o.log(`built ${o.name} ${o.version} in ${Math.round((Date.now() - started) / 1000)} s`)
  } finally {
    await rm(buildDir, { recursive: true, force: true })
  }
}

async function removeStaleBuildDirs(binDir: string, name: string): Promise<void> {
  for (const entry of await readdir(binDir)) {
    if (!entry.startsWith(`.build-${name}-`)) continue
    const dir = join(binDir, entry)
    const info = await stat(dir).catch(() => undefined)
    if (info && Date.now() - info.mtimeMs > STALE_BUILD_MS) await rm(dir, { recursive: true, force: true })
  }
}

/** Runs a command, keeping the last lines of its combined output for error messages. */
function run(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; tail: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    let lines: string[] = []
    const keep = (chunk: Buffer) => {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean))
      if (lines.length > TAIL_LINES * 2) lines = lines.slice(-TAIL_LINES)
    }
    child.stdout.on('data', keep)
    child.stderr.on('data', keep)
    child.once('error', reject)
    child.once('close', (code, signal) =>
      resolvePromise({ code, signal, tail: lines.slice(-TAIL_LINES).join('\n') }),
    )
  })
}
