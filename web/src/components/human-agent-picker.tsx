import { For, onMount, Show } from 'solid-js'
import { useEscalationQueue } from '../stores/escalation-queue'

/** "Who am I": the human agent this browser acts as when accepting tasks and replying. */
export function HumanAgentPicker() {
  const queue = useEscalationQueue()
  onMount(() => {
    if (!queue.agents()) void queue.loadAgents()
  })
  return (
    <div class="picker">
      <label for="human-agent">You are</label>
      <select
        id="human-agent"
        value={queue.me()?.id ?? ''}
        onChange={(e) => queue.setMeId(e.currentTarget.value ? Number(e.currentTarget.value) : null)}
      >
        <option value="">Supervisor (watching)</option>
        <For each={queue.agents() ?? []}>
          {(a) => (
            <option value={a.id}>
              {a.name}
              {a.available ? '' : ' (away)'}
            </option>
          )}
        </For>
      </select>
      <Show when={queue.agentsError()}>
        <span class="muted" role="status">
          staff list unavailable
        </span>
      </Show>
    </div>
  )
}
