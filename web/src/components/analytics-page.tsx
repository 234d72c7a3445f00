/**
 * The Analytics page: stat cards over the last 7, 30 or 90 days, calls and bookings per day,
 * outcomes, busiest hours, sentiment over time. Every figure links to the calls behind it (the calls
 * list, filtered). The charts are uPlot in a chunk of their own (analytics-chart.tsx).
 */
import { createResource, For, lazy, Show, Suspense } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { callsHref, shiftDate, todayOf } from '../lib/analytics-links'
import { config } from '../lib/config'
import { CHANNEL_LABELS, INTENT_LABELS, OUTCOME_LABELS, SENTIMENT_LABELS } from '../lib/format'
import { navigate, search } from '../lib/router'
import type { AnalyticsReport, Intent } from '../lib/types'
import { Link } from './link'

const AnalyticsChart = lazy(() => import('./analytics-chart'))
const SPANS = [7, 30, 90] as const

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`)
const secs = (v: number | null) =>
  v === null ? '—' : v < 60 ? `${Math.round(v)} s` : `${Math.floor(v / 60)} min ${Math.round(v % 60)} s`
const msec = (v: number | null) => (v === null ? '—' : `${Math.round(v)} ms`)

export function AnalyticsPage() {
  const params = () => new URLSearchParams(search())
  const days = () => {
    const d = Number(params().get('days'))
    return (SPANS as readonly number[]).includes(d) ? d : 30
  }
  const channel = () => params().get('channel') ?? ''
  const range = () => {
    const to = todayOf(config())
    return { from: shiftDate(to, -(days() - 1)), to, channel: channel() }
  }
  const [reports] = createResource(range, async (r) => {
    const q = (groupBy: string) => {
      const p = new URLSearchParams({ from: r.from, to: r.to, groupBy })
      if (r.channel) p.set('channel', r.channel)
      return api<AnalyticsReport>(`/api/analytics?${p}`)
    }
    const [byDay, byHour] = await Promise.all([q('day'), q('hour')])
    return { byDay, byHour }
  })
  const setParam = (key: string, value: string) => {
    const p = new URLSearchParams(search())
    if (value) p.set(key, value)
    else p.delete(key)
    navigate(`/analytics${p.size ? `?${p}` : ''}`, { replace: true })
  }
  const scope = () => ({ from: range().from, to: range().to, channel: channel() || undefined })

  return (
    <div class="analytics">
      <header class="page-head">
        <div>
          <h1 class="page-title">Analytics</h1>
          <p class="subtitle">
            {range().from} to {range().to}
            <Show when={config()?.timeZone}>{(tz) => <span class="muted">({tz()})</span>}</Show>
          </p>
        </div>
        <div class="toolbar toolbar--inline">
          <div class="tabs" role="group" aria-label="Period">
            <For each={SPANS}>
              {(d) => (
                <button
                  type="button"
                  class="tab"
                  aria-pressed={days() === d}
                  onClick={() => setParam('days', d === 30 ? '' : String(d))}
                >
                  {d} days
                </button>
              )}
            </For>
          </div>
          <label class="field field--inline">
            <span>Channel</span>
            <select value={channel()} onChange={(e) => setParam('channel', e.currentTarget.value)}>
              <option value="">All</option>
              <For each={Object.entries(CHANNEL_LABELS)}>{([v, l]) => <option value={v}>{l}</option>}</For>
            </select>
          </label>
        </div>
      </header>
      <Show when={reports.error}>
        <p class="alert" role="alert">
          Could not load analytics: {errorMessage(reports.error)}
        </p>
      </Show>
      <Show when={reports()} fallback={<Show when={!reports.error}>{<p class="loading">Loading…</p>}</Show>}>
        {(r) => {
          const t = () => r().byDay.totals
          const labelsOfDays = () => r().byDay.series.map((p) => p.key!.slice(5))
          const dayAt = (i: number) => r().byDay.series[i]?.key ?? undefined
          return (
            <>
              <section class="stat-cards" aria-label="Totals">
                <Stat label="Calls" value={String(t().calls)} href={callsHref(scope())} />
                <Stat
                  label="Avg duration"
                  value={secs(t().avgDurationSeconds)}
                  note={`p90 ${secs(t().p90DurationSeconds)}`}
                />
                <Stat label="Contained" value={pct(t().containmentRate)} note="ended without a person" />
                <Stat label="Escalated" value={pct(t().escalationRate)} note={`${t().escalated} calls`} />
                <Stat
                  label="Booking conversion"
                  value={pct(t().bookingConversion)}
                  note={`${t().converted} of ${t().wantedBooking}`}
                  href={callsHref({ ...scope(), outcome: 'booked' })}
                />
                <Stat
                  label="Callbacks kept"
                  value={`${t().callbacks.kept} / ${t().callbacks.promised}`}
                  note="completed / promised"
                />
                <Stat
                  label="Turn latency"
                  value={msec(t().turnLatencyMs.p50)}
                  note={`p95 ${msec(t().turnLatencyMs.p95)}`}
                />
              </section>
              <div class="chart-grid">
                <ChartCard title="Calls and bookings per day" hint="Click a day for its calls">
                  <AnalyticsChart
                    title="Calls and bookings per day"
                    labels={labelsOfDays()}
                    series={[
                      {
                        label: 'Calls',
                        values: r().byDay.series.map((p) => p.calls),
                        color: '#9db4d8',
                        width: 0.8,
                      },
                      {
                        label: 'Booked',
                        values: r().byDay.series.map((p) => p.booked),
                        color: '#2f7d4f',
                        width: 0.4,
                      },
                    ]}
                    onPick={(i) => navigate(callsHref({ ...scope(), from: dayAt(i), to: dayAt(i) }))}
                  />
                </ChartCard>
                <ChartCard title="Busiest hours" hint="Click an hour for its calls">
                  <AnalyticsChart
                    title="Calls by hour of day"
                    labels={r().byHour.series.map((p) => p.key ?? '')}
                    series={[
                      { label: 'Calls', values: r().byHour.series.map((p) => p.calls), color: '#5b7fb8' },
                    ]}
                    onPick={(i) => navigate(callsHref({ ...scope(), hour: i }))}
                  />
                </ChartCard>
                <ChartCard title="Sentiment over time" hint="Click a day for its calls">
                  <AnalyticsChart
                    title="Calls by sentiment per day"
                    labels={labelsOfDays()}
                    series={[
                      {
                        label: 'Positive',
                        values: r().byDay.series.map((p) => p.sentiment.positive),
                        color: '#2f7d4f',
                        kind: 'line',
                      },
                      {
                        label: 'Neutral',
                        values: r().byDay.series.map((p) => p.sentiment.neutral),
                        color: '#8a94a6',
                        kind: 'line',
                      },
                      {
                        label: 'Negative',
                        values: r().byDay.series.map((p) => p.sentiment.negative),
                        color: '#c2410c',
                        kind: 'line',
                      },
                    ]}
                    onPick={(i) => navigate(callsHref({ ...scope(), from: dayAt(i), to: dayAt(i) }))}
                  />
                </ChartCard>
                <section class="card chart-card" aria-labelledby="outcomes-title">
                  <h2 class="section-title" id="outcomes-title">
                    Outcomes
                  </h2>
                  <BarList
                    label="Outcomes"
                    items={Object.entries(t().outcomes)
                      .sort((a, b) => b[1] - a[1])
                      .map(([outcome, n]) => ({
                        label: OUTCOME_LABELS[outcome as keyof typeof OUTCOME_LABELS] ?? outcome,
                        n,
                        href: callsHref({ ...scope(), outcome }),
                      }))}
                  />
                  <h2 class="section-title">Sentiment</h2>
                  <BarList
                    label="Sentiment"
                    items={(['positive', 'neutral', 'negative', 'insufficient'] as const).map((s) => ({
                      label: SENTIMENT_LABELS[s],
                      n: t().sentiment[s],
                      href: callsHref({ ...scope(), sentiment: s }),
                    }))}
                  />
                </section>
                <section class="card chart-card" aria-labelledby="intents-title">
                  <h2 class="section-title" id="intents-title">
                    Top intents
                  </h2>
                  <BarList
                    label="Top intents"
                    items={t().topIntents.map((i) => ({
                      label: INTENT_LABELS[i.intent as Intent] ?? i.intent,
                      n: i.calls,
                      href: callsHref({ ...scope(), intent: i.intent }),
                    }))}
                  />
                  <h2 class="section-title">Top keywords</h2>
                  <BarList
                    label="Top keywords"
                    items={t().topKeywords.map((k) => ({
                      label: `${k.keyword} (${k.mentions}×)`,
                      n: k.calls,
                      href: callsHref({ ...scope(), q: k.keyword }),
                    }))}
                  />
                </section>
              </div>
            </>
          )
        }}
      </Show>
    </div>
  )
}

function Stat(props: { label: string; value: string; note?: string; href?: string }) {
  const body = (
    <>
      <span class="stat__label">{props.label}</span>
      <span class="stat__value">{props.value}</span>
      <Show when={props.note}>
        <span class="stat__note">{props.note}</span>
      </Show>
    </>
  )
  return (
    <div class="stat card" data-testid="stat">
      <Show when={props.href} fallback={body}>
        {(href) => <Link href={href()}>{body}</Link>}
      </Show>
    </div>
  )
}

function ChartCard(props: { title: string; hint: string; children: unknown }) {
  return (
    <section class="card chart-card">
      <h2 class="section-title">{props.title}</h2>
      <p class="muted small">{props.hint}</p>
      <Suspense fallback={<p class="loading">Loading chart…</p>}>{props.children as never}</Suspense>
    </section>
  )
}

/** Horizontal bars as links: readable without the chart library, and each one opens its calls. */
function BarList(props: { label: string; items: { label: string; n: number; href: string }[] }) {
  const max = () => Math.max(1, ...props.items.map((i) => i.n))
  return (
    <Show when={props.items.length > 0} fallback={<p class="muted small">No calls.</p>}>
      <ul class="bar-list" aria-label={props.label}>
        <For each={props.items}>
          {(item) => (
            <li>
              <Link href={item.href}>
                <span class="bar-list__label">{item.label}</span>
                <span class="bar-list__bar" style={{ width: `${(item.n / max()) * 100}%` }} />
                <span class="bar-list__n">{item.n}</span>
              </Link>
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}
