/** Links from analytics figures to the calls behind them: the calls list with the matching filters. */
export interface CallsFilter {
  from?: string
  to?: string
  channel?: string
  outcome?: string
  sentiment?: string
  hour?: number
  intent?: string
  q?: string
}

export function callsHref(f: CallsFilter): string {
  const p = new URLSearchParams()
  for (const [k, v] of Object.entries(f)) if (v !== undefined && v !== '') p.set(k, String(v))
  return `/calls${p.size ? `?${p}` : ''}`
}

/** The date `days` after a YYYY-MM-DD date (negative for before). */
export function shiftDate(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10)
}

/** The dealership's date today, from the config; the browser's own date until the config is read. */
export function todayOf(cfg: { today?: string } | null | undefined): string {
  if (cfg?.today) return cfg.today
  const now = new Date()
  return new Date(now.getTime() - now.getTimezoneOffset() * 60_000).toISOString().slice(0, 10)
}
