import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { isProcessAlive } from '../lib/process-alive'

/**
 * Embedded PGlite and Temporal's SQLite file break if two processes open them, so one pitcrew at a
 * time owns a data dir. A lock left by a process that died is taken over. Returns the release.
 */
export function acquireDataDirLock(dataDir: string): () => void {
  const file = path.join(dataDir, 'pitcrew.pid')
  try {
    writeFileSync(file, String(process.pid), { flag: 'wx' })
  } catch {
    const owner = Number(readFileSync(file, 'utf8'))
    if (owner && owner !== process.pid && isProcessAlive(owner)) {
      throw new Error(`Another pitcrew (pid ${owner}) is running on ${dataDir}; stop it or set DATA_DIR`)
    }
    writeFileSync(file, String(process.pid))
  }
  return () => rmSync(file, { force: true })
}
