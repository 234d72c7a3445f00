import { createSignal, For, Show } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { formatDateTime, shortId } from '../lib/format'
import { navigate } from '../lib/router'
import type { TaskView } from '../lib/types'
import { useEscalationQueue } from '../stores/escalation-queue'
import { ConnectionIndicator } from './connection-indicator'
import { Link } from './link'
import { TASK_STATUS_LABELS, TaskFacts } from './task-list'
import { ErrorAlert } from './error-alert'

/** The human agents' queue: pending escalations and callbacks of every call, live. */
export function EscalationQueuePage() {
  const queue = useEscalationQueue()
  const [error, setError] = createSignal<string | null>(null)
  const [busy, setBusy] = createSignal<string | null>(null)

  const pending = () => queue.tasks()?.filter((t) => t.status === 'pending') ?? []
  const running = () => queue.tasks()?.filter((t) => t.status === 'running') ?? []
  const mine = (t: TaskView) => queue.me() !== null && t.humanAgentId === queue.me()!.id

  const run = async (task: TaskView, action: 'accept' | 'resolve') => {
    setError(null)
    setBusy(task.taskId)
    try {
      const body = action === 'accept' ? { humanAgentId: queue.me()!.id } : {}
      await api(`/api/escalations/${encodeURIComponent(task.taskId)}/${action}`, { body })
      // Whoever accepts an escalation is there to talk: straight to the call.
      if (action === 'accept') navigate(`/calls/${encodeURIComponent(task.callId)}`)
    } catch (err) {
      setError(errorMessage(err))
    } finally {
      setBusy(null)
    }
  }

  const Card = (p: { task: TaskView }) => (
    <li class="task task--queue" data-status={p.task.status} data-testid="queue-task">
      <div class="task__head">
        <span class="task__type">{p.task.taskType === 'callback' ? 'Callback' : 'Escalation'}</span>
        <span class="pill" data-tone={p.task.status}>
          {TASK_STATUS_LABELS[p.task.status]}
        </span>
      </div>
      <p class="task__call">
        Call{' '}
        <Link href={`/calls/${encodeURIComponent(p.task.callId)}`} class="mono">
          {shortId(p.task.callId)}
        </Link>{' '}
        · since {formatDateTime(p.task.createdAt)}
      </p>
      <TaskFacts task={p.task} />
      <div class="task__actions">
        <Show when={p.task.status === 'pending'}>
          <button
            type="button"
            class="button button--primary button--small"
            disabled={!queue.me() || busy() === p.task.taskId}
            title={queue.me() ? undefined : 'Pick who you are first (top right)'}
            onClick={() => void run(p.task, 'accept')}
          >
            {queue.me() ? `Accept as ${queue.me()!.name}` : 'Accept'}
          </button>
        </Show>
        <Show when={p.task.status === 'running' && mine(p.task)}>
          <Link href={`/calls/${encodeURIComponent(p.task.callId)}`} class="button button--small">
            Open call
          </Link>
          <button
            type="button"
            class="button button--small"
            disabled={busy() === p.task.taskId}
            onClick={() => void run(p.task, 'resolve')}
          >
            Resolve
          </button>
        </Show>
      </div>
    </li>
  )

  return (
    <div>
      <header class="page-head">
        <h1 class="page-title">Escalation queue</h1>
        <ConnectionIndicator status={queue.connection()} onRetry={queue.reconnect} />
      </header>
      <Show when={!queue.me()}>
        <p class="hint">Pick who you are (top right) to accept tasks.</p>
      </Show>
      <ErrorAlert message={error()} />
      <Show when={queue.tasks()} fallback={<p class="loading">Loading the queue…</p>}>
        <div class="queue">
          <section aria-labelledby="pending-title">
            <h2 id="pending-title" class="section-title">
              Waiting <span class="count">{pending().length}</span>
            </h2>
            <Show when={pending().length > 0} fallback={<p class="empty">Nobody is waiting for a person.</p>}>
              <ul class="tasks">
                <For each={pending()}>{(task) => <Card task={task} />}</For>
              </ul>
            </Show>
          </section>
          <section aria-labelledby="running-title">
            <h2 id="running-title" class="section-title">
              In progress <span class="count">{running().length}</span>
            </h2>
            <Show when={running().length > 0} fallback={<p class="empty">No task is in progress.</p>}>
              <ul class="tasks">
                <For each={running()}>{(task) => <Card task={task} />}</For>
              </ul>
            </Show>
          </section>
        </div>
      </Show>
    </div>
  )
}
