/** GET /api/config, read once: where the Temporal Web UI is. */
import { createSignal } from 'solid-js'
import { api } from './api'
import type { AppConfig } from './types'

const [config, setConfig] = createSignal<AppConfig | null>(null)
export { config }

/** Loads it (again, e.g. after an API key was entered); without it, links to Temporal are hidden. */
export function loadConfig(): void {
  api<AppConfig>('/api/config').then(setConfig, () => setConfig(null))
}

/**
 * The call's workflow in the Temporal Web UI. The server knows the UI as 127.0.0.1 when it runs
 * it itself; a browser on another machine reaches it on the dashboard's host instead.
 */
export function workflowUrl(cfg: AppConfig | null | undefined, callId: string): string | null {
  if (!cfg?.temporalUi) return null
  const ui = new URL(cfg.temporalUi.url)
  const loopback = ['127.0.0.1', 'localhost', '::1', '[::1]'].includes(ui.hostname)
  if (loopback && typeof location !== 'undefined' && location.hostname) ui.hostname = location.hostname
  const base = ui.toString().replace(/\/$/, '')
  return `${base}/namespaces/${encodeURIComponent(cfg.temporalUi.namespace)}/workflows/${encodeURIComponent(callId)}`
}
