/**
 * createCallStore: the live state of one call, fed only by its SSE stream. The stream starts at the
 * latest full `state` event (`replay=latest`), then applies each later event; a reconnect resumes
 * after the last event seen, so nothing is lost or applied twice.
 */
import { createSignal, type Accessor } from 'solid-js'
import { createStore, produce, reconcile } from 'solid-js/store'
import { openEventStream, type ConnectionStatus, type EventSourceFactory } from '../lib/event-stream'
import type {
  AgentState,
  CallEvent,
  CallState,
  CallStatusChange,
  Task,
  ToolCall,
  TranscriptEntry,
} from '../lib/types'

export type AgentActivity = AgentState

export interface CallStore {
  /** The call, or null until its first state arrives. */
  call: Accessor<CallState | null>
  connection: Accessor<ConnectionStatus>
  /** Voice calls say whether the agent listens, thinks or speaks; chat calls never do. */
  activity: Accessor<AgentActivity | null>
  /** The crew's tool calls seen since the console connected (`tool_call` events), newest last. */
  toolCalls: Accessor<ToolCall[]>
  reconnect(): void
  close(): void
}

/** The console shows the latest few; the call's whole log is GET /api/calls/:id/events?replay=all. */
const MAX_TOOL_CALLS = 20

export function createCallStore(callId: string, createSource?: EventSourceFactory): CallStore {
  const [store, setStore] = createStore<{ call: CallState | null }>({ call: null })
  const [activity, setActivity] = createSignal<AgentActivity | null>(null)
  const [toolCalls, setToolCalls] = createSignal<ToolCall[]>([])

  const stream = openEventStream<CallEvent>(
    `/api/calls/${encodeURIComponent(callId)}/events?replay=latest`,
    {
      // The whole call: reconcile keeps unchanged transcript rows (keyed by seq) as they are in the DOM.
      state: (data) => setStore('call', reconcile(data, { key: 'seq', merge: true })),
      call_updated: (data) =>
        setStore(
          'call',
          produce((call) => call && Object.assign(call, data)),
        ),
      transcript: (data) =>
        setStore(
          'call',
          produce((call) => call && addLine(call, data)),
        ),
      task: (data) =>
        setStore(
          'call',
          produce((call) => call && upsertTask(call, data)),
        ),
      call_status: (data) =>
        setStore(
          'call',
          produce((call) => call && applyStatus(call, data)),
        ),
      agent_state: (data) => setActivity(data.state),
      tool_call: (data) => setToolCalls((calls) => [...calls, data].slice(-MAX_TOOL_CALLS)),
    },
    createSource,
  )

  return {
    call: () => store.call,
    connection: stream.status,
    activity,
    toolCalls,
    reconnect: stream.reconnect,
    close: stream.close,
  }
}

/** Adds a transcript line in seq order; a line already there (seen in a state) is left alone. */
function addLine(call: CallState, line: TranscriptEntry) {
  const lines = call.transcript
  if (lines.some((l) => l.seq === line.seq)) return
  const after = lines.findLastIndex((l) => l.seq < line.seq)
  lines.splice(after + 1, 0, line)
}

/** A `call_status` event: the call's status, and for a phone call how the dialing goes. */
function applyStatus(call: CallState, event: CallStatusChange) {
  call.status = event.status
  if (event.phone) call.phone = event.phone
}

function upsertTask(call: CallState, task: Task) {
  const i = call.tasks.findIndex((t) => t.taskId === task.taskId)
  if (i === -1) call.tasks.push(task)
  else call.tasks[i] = task
}
