/**
 * Builds the SolidJS dashboard (web/) with Vite into web/dist, the folder the API serves at `/`.
 * `npm start` calls `ensureDashboardBuilt()`: it builds only when web/dist is missing or was built
 * from other sources (a hash of web/'s sources is stored beside the build), so a fresh clone and a
 * pulled change both show the current dashboard, and an unchanged one starts without building.
 */
import { createHash } from 'node:crypto'
import { existsSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const WEB_ROOT = fileURLToPath(new URL('../../web', import.meta.url))
export const WEB_DIST = path.join(WEB_ROOT, 'dist')
const STAMP = '.source-hash'

/** Files that change the build: sources and config, not tests or the build itself. */
function sourceFiles(dir = WEB_ROOT): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory())
        return entry.name === 'dist' || entry.name.startsWith('.') ? [] : sourceFiles(full)
      return /\.test\.tsx?$/.test(entry.name) ? [] : [full]
    })
    .sort()
}

export function dashboardSourceHash(): string {
  const hash = createHash('sha256')
  for (const file of sourceFiles())
    hash.update(path.relative(WEB_ROOT, file)).update('\0').update(readFileSync(file))
  return hash.digest('hex')
}

function isCurrent(hash: string): boolean {
  const stamp = path.join(WEB_DIST, STAMP)
  return (
    existsSync(path.join(WEB_DIST, 'index.html')) && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash
  )
}

/**
 * Builds into a folder of its own, then swaps it in, so a server reading web/dist never sees a
 * half-written build.
 */
export async function buildDashboard(hash = dashboardSourceHash()): Promise<void> {
  const { build } = await import('vite')
  const out = path.join(WEB_ROOT, `.dist-${process.pid}-${Date.now()}`)
  try {
    await keepingNodeEnv(() =>
      build({
        configFile: path.join(WEB_ROOT, 'vite.config.ts'),
        logLevel: 'warn',
        build: { outDir: out, emptyOutDir: true },
      }),
    )
    writeFileSync(path.join(out, STAMP), hash)
    const old = `${out}-old`
    if (existsSync(WEB_DIST)) renameSync(WEB_DIST, old)
    renameSync(out, WEB_DIST)
    rmSync(old, { recursive: true, force: true })
  } finally {
    rmSync(out, { recursive: true, force: true })
  }
}

/**
 * Runs `work` and puts NODE_ENV back as it was. Vite's build sets NODE_ENV=production in the process
 * when it is unset; `npm start` builds in-process, and every child it starts afterwards (the voice
 * worker) would inherit production mode and refuse to run without PITCREW_API_KEY.
 */
export async function keepingNodeEnv<T>(work: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV
  try {
    return await work()
  } finally {
    if (before === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = before
  }
}

/** Builds the dashboard unless web/dist holds a build of the current sources; returns web/dist. */
export async function ensureDashboardBuilt(log?: (line: string) => void): Promise<string> {
  const hash = dashboardSourceHash()
  if (isCurrent(hash)) return WEB_DIST
  const started = Date.now()
  log?.('building the dashboard (web/ changed or was never built)')
  await buildDashboard(hash)
  log?.(`dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s`)
  return WEB_DIST
}
