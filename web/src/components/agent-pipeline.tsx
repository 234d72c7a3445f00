import { For, Show } from 'solid-js'
import { AGENT_LABELS, INTENT_LABELS, percent } from '../lib/format'
import type { AgentName, Intent, ToolCall } from '../lib/types'
import { ToolCalls } from './tool-calls'

const BRANCHES = ['faq', 'booking', 'escalation'] as const

/** Which nodes the last turn went through, for the given answering agent. */
function pathOf(agent: AgentName): AgentName[] {
  if (agent === 'human') return ['human']
  if (agent === 'router') return ['router']
  if (agent === 'response') return ['router', 'response']
  return ['router', agent, 'response']
}

/**
 * The crew as a graph: router → FAQ / booking / escalation → response, and the human who can take
 * over. The node that answered is highlighted, the path the turn took is lit.
 */
export function AgentPipeline(props: {
  current: AgentName
  intent: Intent | null
  confidence: number
  thinking?: boolean
  /** The crew's tool calls (decode_vin, add_vehicle, ...), newest last. */
  toolCalls?: ToolCall[]
}) {
  const onPath = (a: AgentName) => pathOf(props.current).includes(a)
  const Node = (p: { agent: AgentName }) => (
    <li
      class="node"
      data-agent={p.agent}
      classList={{ 'node--active': props.current === p.agent, 'node--path': onPath(p.agent) }}
      aria-current={props.current === p.agent ? 'step' : undefined}
    >
      {AGENT_LABELS[p.agent]}
    </li>
  )
  return (
    <section class="panel" aria-labelledby="pipeline-title">
      <h2 id="pipeline-title" class="panel__title">
        Agent pipeline
        <Show when={props.thinking}>
          <span class="thinking">thinking…</span>
        </Show>
      </h2>
      <ol class="pipeline" aria-label={`Active agent: ${AGENT_LABELS[props.current]}`}>
        <Node agent="router" />
        <li class="pipeline__arrow" aria-hidden="true">
          →
        </li>
        <li class="pipeline__branches">
          <ol>
            <For each={BRANCHES}>{(agent) => <Node agent={agent} />}</For>
          </ol>
        </li>
        <li class="pipeline__arrow" aria-hidden="true">
          →
        </li>
        <Node agent="response" />
      </ol>
      <ol class="pipeline pipeline--human">
        <Node agent="human" />
        <li class="pipeline__note">
          {props.current === 'human' ? 'A person is talking; the crew is quiet' : 'Takes over on escalation'}
        </li>
      </ol>
      <dl class="intent">
        <dt>Intent</dt>
        <dd data-testid="intent">
          {props.intent ? INTENT_LABELS[props.intent] : 'Waiting for the first message'}
        </dd>
        <dt>Confidence</dt>
        <dd>
          <span
            class="meter"
            role="meter"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={Math.round(props.confidence * 100)}
            aria-label="Confidence"
          >
            <span class="meter__fill" style={{ width: percent(props.confidence) }} />
          </span>
          <span class="meter__value">{props.intent ? percent(props.confidence) : '—'}</span>
        </dd>
      </dl>
      <ToolCalls calls={props.toolCalls ?? []} />
    </section>
  )
}
