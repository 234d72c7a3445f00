import { For, Show } from 'solid-js'
import type { ToolCall } from '../lib/types'

/** One line of what a tool answered: the car a VIN decoded to, how many rows, or the error. */
function summary(call: ToolCall): string {
  if (call.error) return call.error
  const r = call.result as Record<string, unknown> | unknown[] | null
  if (r === null || r === undefined) return 'nothing found'
  if (Array.isArray(r)) return `${r.length} found`
  if (typeof r.description === 'string')
    return `${r.created === false ? 'already on record: ' : ''}${r.description}`
  if (typeof r.total === 'number') return `${r.total} found`
  if (typeof r.name === 'string') return String(r.name)
  return 'done'
}

function args(call: ToolCall): string {
  return Object.entries(call.arguments)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ')
}

/** The tools the crew called, as part of the agent pipeline: tool, arguments, answer, time. */
export function ToolCalls(props: { calls: ToolCall[] }) {
  return (
    <Show when={props.calls.length > 0}>
      <h3 class="tool-calls__title">Tool calls</h3>
      <ol class="tool-calls" aria-label="Tool calls">
        <For each={[...props.calls].reverse()}>
          {(call) => (
            <li
              classList={{ 'tool-call': true, 'tool-call--error': Boolean(call.error) }}
              data-tool={call.tool}
            >
              <code class="tool-call__name">
                {call.tool}({args(call)})
              </code>
              <span class="tool-call__result">
                {call.error ? '✗ ' : '→ '}
                {summary(call)}
              </span>
              <span class="tool-call__meta">
                turn {call.turn} · {call.by === 'llm' ? 'LLM' : 'rules'} · {call.ms} ms
              </span>
            </li>
          )}
        </For>
      </ol>
    </Show>
  )
}
