import { createEffect, createSignal, For, on, Show } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { config, workflowUrl } from '../lib/config'
import { AGENT_LABELS, CHANNEL_LABELS, formatDateTime, INTENT_LABELS, shortId } from '../lib/format'
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

/** Active and past calls, newest first; the filter and search live in the URL. */
export function CallsList() {
  const params = () => new URLSearchParams(search())
  const status = () => (params().get('status') ?? '') as CallStatus | ''
  const q = () => params().get('q') ?? ''
  const [items, setItems] = createSignal<CallSummary[] | null>(null)
  const [cursor, setCursor] = createSignal<string | null>(null)
  const [loading, setLoading] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)
  const [draft, setDraft] = createSignal(q())

  const load = async (more: boolean) => {
    setLoading(true)
    setError(null)
    const query = new URLSearchParams({ limit: String(PAGE) })
    if (status()) query.set('status', status())
    if (q()) query.set('q', q())
    if (more && cursor()) query.set('cursor', cursor()!)
    try {
      const page = await api<{ items: CallSummary[]; nextCursor: string | null }>(`/api/calls?${query}`)
      setItems(more ? [...(items() ?? []), ...page.items] : page.items)
      setCursor(page.nextCursor)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setLoading(false)
    }
  }
  createEffect(on([status, q], () => void load(false)))

  const setFilter = (next: { status?: string; q?: string }) => {
    const p = new URLSearchParams()
    const s = next.status ?? status()
    const text = (next.q ?? q()).trim()
    if (s) p.set('status', s)
    if (text) p.set('q', text)
    navigate(`/calls${p.size ? `?${p}` : ''}`, { replace: true })
  }

  return (
    <div>
      <header class="page-head">
        <h1 class="page-title">Calls</h1>
        <button
          type="button"
          class="button button--small"
          onClick={() => void load(false)}
          disabled={loading()}
        >
          Refresh
        </button>
      </header>
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
              <p class="empty">{q() || status() ? 'No call matches.' : 'No calls yet. Start one.'}</p>
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
                        <td>{c.customerName ?? c.customerPhone ?? <span class="muted">unknown</span>}</td>
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
