import { createMemo, onCleanup, onMount, Show, type JSX } from 'solid-js'
import { Dynamic } from 'solid-js/web'
import { AnalyticsPage } from './components/analytics-page'
import { ApiKeyForm } from './components/api-key-form'
import { AppointmentsPage } from './components/appointments-page'
import { CallConsole } from './components/call-console'
import { CallsList } from './components/calls-list'
import { EscalationQueuePage } from './components/escalation-queue'
import { HumanAgentPicker } from './components/human-agent-picker'
import { Link } from './components/link'
import { StartCall } from './components/start-call'
import { loadConfig } from './lib/config'
import { matchRoute, pathname } from './lib/router'
import { EventSourceContext, type EventSourceFactory } from './lib/event-stream'
import { createEscalationQueue, EscalationQueueContext } from './stores/escalation-queue'

/** Every page of the dashboard, in one table. */
const ROUTES: { pattern: RegExp; page: (params: string[]) => JSX.Element }[] = [
  { pattern: /^\/$/, page: () => <StartCall /> },
  { pattern: /^\/calls\/?$/, page: () => <CallsList /> },
  // Keyed by the id: another call gets a fresh store and stream.
  {
    pattern: /^\/calls\/([^/]+)$/,
    page: ([id]) => (
      <Show when={id} keyed>
        {(callId) => <CallConsole callId={callId} />}
      </Show>
    ),
  },
  { pattern: /^\/queue\/?$/, page: () => <EscalationQueuePage /> },
  { pattern: /^\/analytics\/?$/, page: () => <AnalyticsPage /> },
  { pattern: /^\/appointments\/?$/, page: () => <AppointmentsPage /> },
]

function NotFound() {
  return (
    <div class="empty-page">
      <h1 class="page-title">Nothing here</h1>
      <p>
        <Link href="/">Start a call</Link> or open the <Link href="/calls">calls</Link>.
      </p>
    </div>
  )
}

export function App(props: { createSource?: EventSourceFactory }) {
  const queue = createEscalationQueue(props.createSource)
  onCleanup(queue.close)
  onMount(loadConfig)
  const route = createMemo(() => matchRoute(ROUTES, pathname()))
  const pendingCount = () => queue.tasks()?.filter((t) => t.status === 'pending').length ?? 0
  const section = () => {
    const path = pathname()
    if (path === '/') return 'new'
    for (const s of ['queue', 'analytics', 'appointments'] as const) if (path.startsWith(`/${s}`)) return s
    return 'calls'
  }

  return (
    <EventSourceContext.Provider value={props.createSource}>
      <EscalationQueueContext.Provider value={queue}>
        <a class="skip-link" href="#main">
          Skip to content
        </a>
        <header class="topbar">
          <Link href="/" class="brand">
            <span class="brand__mark" aria-hidden="true">
              ◆
            </span>
            <span>
              pitcrew <span class="brand__sub">Springfield Auto</span>
            </span>
          </Link>
          <nav class="nav" aria-label="Main">
            <Link href="/" aria-current={section() === 'new' ? 'page' : undefined}>
              New call
            </Link>
            <Link href="/calls" aria-current={section() === 'calls' ? 'page' : undefined}>
              Calls
            </Link>
            <Link href="/queue" aria-current={section() === 'queue' ? 'page' : undefined}>
              Queue
              <Show when={pendingCount() > 0}>
                <span class="badge" aria-label={`${pendingCount()} waiting`} data-testid="queue-badge">
                  {pendingCount()}
                </span>
              </Show>
            </Link>
            <Link href="/appointments" aria-current={section() === 'appointments' ? 'page' : undefined}>
              Appointments
            </Link>
            <Link href="/analytics" aria-current={section() === 'analytics' ? 'page' : undefined}>
              Analytics
            </Link>
          </nav>
          <div class="topbar__tools">
            <HumanAgentPicker />
            <ApiKeyForm onSaved={() => location.reload()} />
          </div>
        </header>
        <main id="main" class="main">
          <Show when={route()} keyed fallback={<NotFound />}>
            {(r) => <Dynamic component={() => r.page(r.params)} />}
          </Show>
        </main>
      </EscalationQueueContext.Provider>
    </EventSourceContext.Provider>
  )
}
