/** The Appointments page: today's or this week's appointments by status, each linked to the call that booked it. */
import { createResource, For, Show } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { shiftDate, todayOf } from '../lib/analytics-links'
import { config } from '../lib/config'
import { formatDay, formatTime, shortId } from '../lib/format'
import { navigate, search } from '../lib/router'
import type { Appointment } from '../lib/types'
import { Link } from './link'

const STATUSES: { value: Appointment['status']; label: string }[] = [
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'completed', label: 'Completed' },
  { value: 'no_show', label: 'No-show' },
  { value: 'cancelled', label: 'Cancelled' },
]

export function AppointmentsPage() {
  const week = () => new URLSearchParams(search()).get('range') === 'week'
  const range = () => {
    const from = todayOf(config())
    return { from, to: week() ? shiftDate(from, 6) : from }
  }
  const [page] = createResource(range, (r) =>
    api<{ appointments: Appointment[]; total: number }>(
      `/api/appointments?${new URLSearchParams({ from: r.from, to: r.to, order: 'soonest', limit: '500' })}`,
    ),
  )
  const byStatus = (status: Appointment['status']) =>
    (page()?.appointments ?? []).filter((a) => a.status === status)

  return (
    <div>
      <header class="page-head">
        <div>
          <h1 class="page-title">Appointments</h1>
          <p class="subtitle">
            {week() ? `${formatDay(range().from)} – ${formatDay(range().to)}` : formatDay(range().from)}
            <Show when={page()}>{(p) => <span class="muted">· {p().total} in all</span>}</Show>
          </p>
        </div>
        <div class="tabs" role="group" aria-label="Period">
          <button
            type="button"
            class="tab"
            aria-pressed={!week()}
            onClick={() => navigate('/appointments', { replace: true })}
          >
            Today
          </button>
          <button
            type="button"
            class="tab"
            aria-pressed={week()}
            onClick={() => navigate('/appointments?range=week', { replace: true })}
          >
            This week
          </button>
        </div>
      </header>
      <Show when={page.error}>
        <p class="alert" role="alert">
          Could not load appointments: {errorMessage(page.error)}
        </p>
      </Show>
      <Show when={page()} fallback={<Show when={!page.error}>{<p class="loading">Loading…</p>}</Show>}>
        <div class="appointment-groups">
          <For each={STATUSES}>
            {(s) => (
              <section class="card appointment-group" data-status={s.value} aria-label={s.label}>
                <h2 class="section-title">
                  {s.label} <span class="muted">{byStatus(s.value).length}</span>
                </h2>
                <Show when={byStatus(s.value).length > 0} fallback={<p class="muted small">None.</p>}>
                  <ul class="appointment-list">
                    <For each={byStatus(s.value)}>
                      {(a) => (
                        <li data-testid="appointment">
                          <span class="appointment__when">
                            <Show when={week()}>{formatDay(a.date)}, </Show>
                            {formatTime(a.time)}
                          </span>
                          <span class="appointment__who">{a.customerName}</span>
                          <span class="appointment__what">
                            {a.appointmentType === 'service'
                              ? (a.serviceType ?? 'Service')
                              : `Test drive${a.vehicleDescription ? `: ${a.vehicleDescription}` : ''}`}
                          </span>
                          <Show
                            when={a.callId}
                            fallback={<span class="muted small">not booked by a call</span>}
                          >
                            {(callId) => (
                              <Link href={`/calls/${encodeURIComponent(callId())}`} class="mono">
                                call {shortId(callId())}
                              </Link>
                            )}
                          </Show>
                        </li>
                      )}
                    </For>
                  </ul>
                </Show>
              </section>
            )}
          </For>
        </div>
      </Show>
    </div>
  )
}
