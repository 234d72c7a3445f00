import { For, Show, type JSX } from 'solid-js'
import { formatDateTime } from '../lib/format'
import type { Task } from '../lib/types'

export const TASK_STATUS_LABELS: Record<Task['status'], string> = {
  pending: 'Waiting for a person',
  running: 'In progress',
  completed: 'Done',
  failed: 'Failed',
}

/** One task's facts: who has it, when the callback is due, why it exists. */
export function TaskFacts(props: { task: Task }) {
  return (
    <dl class="facts">
      <Show when={props.task.reason}>
        <dt>Reason</dt>
        <dd>{props.task.reason}</dd>
      </Show>
      <Show when={props.task.offeredTo}>
        <dt>Offered to</dt>
        <dd>{props.task.offeredTo}</dd>
      </Show>
      <Show when={props.task.humanAgentName}>
        <dt>Human agent</dt>
        <dd>{props.task.humanAgentName}</dd>
      </Show>
      <Show when={props.task.callbackScheduled}>
        <dt>Callback</dt>
        <dd>{formatDateTime(props.task.callbackScheduled!)}</dd>
      </Show>
      <Show when={props.task.outcome}>
        <dt>Outcome</dt>
        <dd>{props.task.outcome!.replaceAll('_', ' ')}</dd>
      </Show>
    </dl>
  )
}

/** The call's background tasks (escalations and callbacks), updated live. */
export function TaskList(props: { tasks: Task[]; actions?: (task: Task) => JSX.Element }) {
  return (
    <section class="panel" aria-labelledby="tasks-title">
      <h2 id="tasks-title" class="panel__title">
        Background tasks
      </h2>
      <Show
        when={props.tasks.length > 0}
        fallback={<p class="empty">No escalations or callbacks on this call.</p>}
      >
        <ul class="tasks">
          <For each={props.tasks}>
            {(task) => (
              <li class="task" data-status={task.status} data-testid="task">
                <div class="task__head">
                  <span class="task__type">{task.taskType === 'callback' ? 'Callback' : 'Escalation'}</span>
                  <span class="pill" data-tone={task.status}>
                    {TASK_STATUS_LABELS[task.status]}
                  </span>
                </div>
                <TaskFacts task={task} />
                {props.actions?.(task)}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}
