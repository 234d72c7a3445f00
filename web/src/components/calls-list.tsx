import { createEffect, createSignal, For, on, Show } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { config, workflowUrl } from '../lib/config'
import { apiKey } from '../lib/api-key'
import {
  AGENT_LABELS,
  CHANNEL_LABELS,
  formatDateTime,
  INTENT_LABELS,
  OUTCOME_LABELS,
  SENTIMENT_LABELS,
  shortId,
} from '../lib/format'
import { navigate, search } from '../lib/router'
import type { CallStatus, CallSummary } from '../lib/types'
import { Link } from './link'

const FILTERS: { value: CallStatus | ''; label: string }[] = [
  { value: '', label: 'All' },
  { value: 'active', label: 'Active' },
  { value: 'escalated', label: 'With a person' },
  { value: 'ended', label: 'Ended' },
]
const PAGE = 25
/** Filters kept in the URL and passed to the API as they are (the analytics page links with them). */
const FILTER_KEYS = ['from', 'to', 'channel', 'outcome', 'sentiment', 'hour', 'intent', 'agentId'] as const

/** A search hit's snippet: escaped text with <mark>s, rendered without innerHTML. */
function Snippet(props: { html: string }) {
  const decode = (t: string) =>
    t
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
  const parts = () => props.html.split(/(<mark>.*?<\/mark>)/g)
  return (
    <span class="snippet">
      <For each={parts()}>
        {(part) =>
          part.startsWith('<mark>') ? <mark>{decode(part.slice(6, -7))}</mark> : <>{decode(part)}</>
        }
      </For>
    </span>
  )
}

/** Downloads the export with the API key (a plain link could not send it). */
async function downloadCsv(query: URLSearchParams) {
  const headers: Record<string, string> = {}
  const key = apiKey()
  if (key) headers.authorization = `Bearer ${key}`
  const res = await fetch(`/api/calls/export.csv?${query}`, { headers })
  if (!res.ok) throw new Error(`The export failed (HTTP ${res.status})`)
  const url = URL.createObjectURL(await res.blob())
  const a = document.createElement('a')
  a.href = url
  a.download = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'calls.csv'
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}

/** Active and past calls, newest first; the filter and search live in the URL. */
export function CallsList() {
  const params = () => new URLSearchParams(search())
  const status = () => (params().get('status') ?? '') as CallStatus | ''
  const q = () => params().get('q') ?? ''
  const filters = () => {
    const f = new URLSearchParams()
    for (const k of FILTER_KEYS) {
      const v = params().get(k)
      if (v) f.set(k, v)
    }
    return f
  }
  const [total, setTotal] = createSignal<number | null>(null)
  const [items, setItems] = createSignal<CallSummary[] | null>(null)
  const [cursor, setCursor] = createSignal<string | null>(null)
  const [loading, setLoading] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const [draft, setDraft] = createSignal(q())

  // Filters change faster than answers come back: only the newest request's answer is shown, so a
  // slow answer to an older filter can never replace the list the current one asked for.
  let latest = 0
  const load = async (more: boolean) => {
    const request = ++latest
    setLoading(true)
    setError(null)
    const query = new URLSearchParams(filters())
    query.set('limit', String(PAGE))
    if (status()) query.set('status', status())
    if (q()) query.set('q', q())
    if (more && cursor()) query.set('cursor', cursor()!)
    try {
      const page = await api<{ items: CallSummary[]; nextCursor: string | null; total: number }>(
        `/api/calls?${query}`,
      )
      if (request !== latest) return
      setItems(more ? [...(items() ?? []), ...page.items] : page.items)
      setTotal(page.total)
      setCursor(page.nextCursor)
    } catch (err) {
      if (request === latest) setError(errorMessage(err))
    } finally {
      if (request === latest) setLoading(false)
    }
  }
  createEffect(on([status, q, () => filters().toString()], () => void load(false)))

  const setFilter = (next: { status?: string; q?: string } & Partial<Record<string, string>>) => {
    const p = new URLSearchParams(filters())
    const s = next.status ?? status()
    const text = (next.q ?? q()).trim()
    if (s) p.set('status', s)
    if (text) p.set('q', text)
    for (const k of FILTER_KEYS) {
      const v = next[k]
      if (v === undefined) continue
      if (v) p.set(k, v)
      else p.delete(k)
    }
    navigate(`/calls${p.size ? `?${p}` : ''}`, { replace: true })
  }
  const exportQuery = () => {
    const p = new URLSearchParams(filters())
    if (status()) p.set('status', status())
    if (q()) p.set('q', q())
    return p
  }
  const select = (key: (typeof FILTER_KEYS)[number], label: string, options: Record<string, string>) => (
    <label class="field field--inline">
      <span>{label}</span>
      <select value={params().get(key) ?? ''} onChange={(e) => setFilter({ [key]: e.currentTarget.value })}>
        <option value="">All</option>
        <For each={Object.entries(options)}>{([v, l]) => <option value={v}>{l}</option>}</For>
      </select>
    </label>
  )

  return (
    <div>
      <header class="page-head">
        <h1 class="page-title">Calls</h1>
        <div class="page-head__actions">
          <Show when={total() !== null}>
            <span class="muted" data-testid="calls-total">
              {total()} {total() === 1 ? 'call' : 'calls'}
            </span>
          </Show>
          <button
            type="button"
            class="button button--small"
            onClick={() => downloadCsv(exportQuery()).catch((err) => setError(errorMessage(err)))}
          >
            Export CSV
          </button>
          <button
            type="button"
            class="button button--small"
            onClick={() => void load(false)}
            disabled={loading()}
          >
            Refresh
          </button>
        </div>
      </header>
      <div class="toolbar filters" aria-label="Filters">
        <label class="field field--inline">
          <span>From</span>
          <input
            type="date"
            value={params().get('from') ?? ''}
            onChange={(e) => setFilter({ from: e.currentTarget.value })}
          />
        </label>
        <label class="field field--inline">
          <span>To</span>
          <input
            type="date"
            value={params().get('to') ?? ''}
            onChange={(e) => setFilter({ to: e.currentTarget.value })}
          />
        </label>
        {select('channel', 'Channel', CHANNEL_LABELS)}
        {select('outcome', 'Outcome', OUTCOME_LABELS)}
        {select('sentiment', 'Sentiment', SENTIMENT_LABELS)}
        <Show when={params().get('hour') || params().get('intent')}>
          <button
            type="button"
            class="button button--small"
            onClick={() => setFilter({ hour: '', intent: '' })}
          >
            {params().get('hour') ? `Hour ${params().get('hour')}:00` : ''}
            {params().get('intent') ? ` Intent ${params().get('intent')}` : ''} ×
          </button>
        </Show>
      </div>
      <div class="toolbar">
        <div class="tabs" role="group" aria-label="Status">
          <For each={FILTERS}>
            {(f) => (
              <button
                type="button"
                class="tab"
                aria-pressed={status() === f.value}
                onClick={() => setFilter({ status: f.value })}
              >
                {f.label}
              </button>
            )}
          </For>
        </div>
        <form
          class="search"
          role="search"
          onSubmit={(e) => {
            e.preventDefault()
            setFilter({ q: draft() })
          }}
        >
          <label class="visually-hidden" for="call-search">
            Search calls
          </label>
          <input
            id="call-search"
            type="search"
            placeholder="Phone, name, call id or words said"
            value={draft()}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <button type="submit" class="button button--small">
            Search
          </button>
        </form>
      </div>
      <Show when={error()}>
        <p class="alert" role="alert">
          Could not load calls: {error()}
        </p>
      </Show>
      <Show when={items()} fallback={<Show when={!error()}>{<p class="loading">Loading calls…</p>}</Show>}>
        {(rows) => (
          <Show
            when={rows().length > 0}
            fallback={
              <p class="empty">
                {q() || status() || filters().size ? 'No call matches.' : 'No calls yet. Start one.'}
              </p>
            }
          >
            <div class="table-wrap">
              <table class="calls">
                <thead>
                  <tr>
                    <th scope="col">Call</th>
                    <th scope="col">Customer</th>
                    <th scope="col">Channel</th>
                    <th scope="col">Status</th>
                    <th scope="col">Intent · agent</th>
                    <th scope="col">Turns</th>
                    <th scope="col">Outcome</th>
                    <th scope="col">Sentiment</th>
                    <th scope="col">Started</th>
                    <th scope="col">
                      <span class="visually-hidden">Temporal</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(c) => (
                      <tr data-testid="call-row" data-status={c.status}>
                        <td>
                          <Link href={`/calls/${encodeURIComponent(c.callId)}`} class="mono">
                            {shortId(c.callId)}
                          </Link>
                        </td>
                        <td>
                          {c.customerName ?? c.customerPhone ?? <span class="muted">unknown</span>}
                          <Show when={c.hit}>
                            {(hit) => (
                              <div class="hit" data-testid="call-hit">
                                <Snippet html={hit().snippet} />
                              </div>
                            )}
                          </Show>
                        </td>
                        <td data-testid="call-channel">{CHANNEL_LABELS[c.channel]}</td>
                        <td>
                          <span class="pill" data-tone={c.status}>
                            {c.status === 'escalated' ? 'with a person' : c.status}
                          </span>
                        </td>
                        <td>
                          {c.intent ? INTENT_LABELS[c.intent] : '—'} · {AGENT_LABELS[c.currentAgent]}
                        </td>
                        <td>{c.turnCount}</td>
                        <td data-testid="call-outcome">
                          {c.outcome ? OUTCOME_LABELS[c.outcome] : <span class="muted">—</span>}
                        </td>
                        <td data-testid="call-sentiment">
                          <Show when={c.sentiment} fallback={<span class="muted">—</span>}>
                            {(s) => (
                              <span class="pill" data-tone={`sentiment-${s()}`}>
                                {SENTIMENT_LABELS[s()]}
                                {c.sentimentScore !== null ? ` ${c.sentimentScore.toFixed(2)}` : ''}
                              </span>
                            )}
                          </Show>
                        </td>
                        <td>{formatDateTime(c.startedAt)}</td>
                        <td>
                          <Show when={workflowUrl(config(), c.callId)}>
                            {(url) => (
                              <a
                                href={url()}
                                target="_blank"
                                rel="noreferrer"
                                title="Workflow in the Temporal UI"
                              >
                                Temporal ↗
                              </a>
                            )}
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </div>
            <Show when={cursor()}>
              <button
                type="button"
                class="button load-more"
                onClick={() => void load(true)}
                disabled={loading()}
              >
                {loading() ? 'Loading…' : 'Load more'}
              </button>
            </Show>
          </Show>
        )}
      </Show>
    </div>
  )
}
