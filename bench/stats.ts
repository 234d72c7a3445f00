import { loadavg } from 'node:os'

/** Percentiles of a list of milliseconds, for benchmark tables. */
export function summarize(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: sorted.at(-1) ?? NaN }
}

export type Summary = ReturnType<typeof summarize>

export const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(1) : '—')

/** The 1, 5 and 15 minute load averages: benchmark figures on a shared machine need them beside. */
export const loadAverage = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')
