/**
 * The system of `npm start` (scripts/start.ts: `startSystem`, API + worker + database in one process,
 * its own Temporal dev server), with an IPC channel through which bench/memory.ts asks this process
 * for its memory. Run by that bench only, with `--expose-gc`, so heap figures are after a collection.
 */
import { loadConfigOrExit, processLogger, stopOnSignals } from '../../scripts/entry'
import { startSystem } from '../../scripts/system'

export interface MemoryReport {
  rss: number
  /** The highest RSS so far (the kernel's high-water mark). */
  peakRss: number
  heapUsed: number
  external: number
  arrayBuffers: number
  cachedWorkflows: number
}

const config = loadConfigOrExit()
const log = processLogger(config, 'pitcrew')
const system = await startSystem(config, log)
stopOnSignals(log, system.stop)

process.on('message', (message) => {
  if (message !== 'memory') return
  // Only this thread's heap: the workflows run in the worker's own thread (a heap of its own), which
  // shows in the RSS and not in heapUsed.
  ;(globalThis as { gc?: () => void }).gc?.()
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage()
  const report: MemoryReport = {
    rss,
    peakRss: process.resourceUsage().maxRSS * 1024,
    heapUsed,
    external,
    arrayBuffers,
    cachedWorkflows: system.cachedWorkflows(),
  }
  process.send?.(report)
})
process.send?.({ apiUrl: system.apiUrl })
