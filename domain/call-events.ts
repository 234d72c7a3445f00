/**
 * The call event log: every change to a call is one `CallEvent`, appended once (call_events, seq per
 * call) together with its projections (the calls row, the transcript lines, the task rows) in the
 * same transaction. SSE sends these events as they are; `state` is the one event that is never
 * stored: the snapshot a client gets when it connects, valid at the seq it carries as its id.
 *
 * Isomorphic: the API, the dashboard, the voice worker and the tests parse with these schemas.
 */
import { z } from 'zod'
import { AgentState } from './voice'
import { CallState, CallStatus, PhoneLeg, Task, TranscriptEntry } from './call-state'
import { ToolCall } from './tool-calls'

/**
 * What a turn (or opening the call) changed in the call's own fields; only the fields that changed.
 * Status, phone, tasks and transcript have events of their own. The first event of every call is a
 * `call_updated` with all of these fields, so replaying a call's log from seq 1 rebuilds it.
 */
export const CallUpdate = CallState.pick({
  callId: true,
  channel: true,
  startedAt: true,
  endedAt: true,
  currentAgent: true,
  intent: true,
  confidence: true,
  customer: true,
  booking: true,
  turnCount: true,
}).partial()
export type CallUpdate = z.infer<typeof CallUpdate>

/**
 * A call's status changed, or (phone calls) how the dialing goes. `reason` says why a call ended
 * (domain/call-end.ts): the post-call analysis tells an idle timeout from a goodbye by it.
 */
export const CallStatusChange = z.object({
  status: CallStatus,
  phone: PhoneLeg.optional(),
  reason: z.string().optional(),
})
export type CallStatusChange = z.infer<typeof CallStatusChange>

/**
 * Voice calls: one stretch of speech, measured by the voice worker. A caller's utterance (VAD start
 * to end), or the agent's speech; `interrupted` marks agent speech the caller talked over (barge-in).
 * Talk time and interruptions of the post-call analysis are counted from these.
 */
export const SpeechSegment = z.strictObject({
  speaker: z.enum(['caller', 'agent']),
  /** Length in milliseconds (at most an hour). */
  ms: z.number().int().min(0).max(3_600_000),
  interrupted: z.boolean().optional(),
})
export type SpeechSegment = z.infer<typeof SpeechSegment>

const event = <T extends string, D extends z.ZodType>(type: T, data: D) =>
  z.object({ type: z.literal(type), data })

const loggedEvents = [
  event('call_updated', CallUpdate),
  event('call_status', CallStatusChange),
  event('transcript', TranscriptEntry),
  event('task', Task),
  event('agent_state', z.object({ state: AgentState })),
  event('speech', SpeechSegment),
  /** One call of a crew tool (decode_vin, add_vehicle, ...), written with the turn that made it. */
  event('tool_call', ToolCall),
] as const

/** The events stored in a call's log: everything but the connect-time snapshot. */
export const LoggedCallEvent = z.discriminatedUnion('type', [...loggedEvents])
export type LoggedCallEvent = z.infer<typeof LoggedCallEvent>

/** Every event a call's SSE stream sends, by its SSE name. */
export const CallEvent = z.discriminatedUnion('type', [event('state', CallState), ...loggedEvents])
export type CallEvent = z.infer<typeof CallEvent>
export type CallEventType = CallEvent['type']
export const CALL_EVENT_TYPES = CallEvent.options.map((o) => o.shape.type.value)

/** The fields of `next` that differ from `previous` (all of them when there is no previous). */
export function callUpdateOf(previous: CallUpdate | null, next: CallUpdate): CallUpdate {
  const keys = Object.keys(CallUpdate.shape) as (keyof CallUpdate)[]
  const changed: Record<string, unknown> = {}
  for (const key of keys) {
    if (next[key] === undefined) continue
    if (previous && JSON.stringify(previous[key]) === JSON.stringify(next[key])) continue
    changed[key] = next[key]
  }
  return changed as CallUpdate
}

/** The call after `event`: how every client (dashboard, tests) keeps a call from its events. */
export function applyCallEvent(call: CallState, e: CallEvent): CallState {
  switch (e.type) {
    case 'state':
      return e.data
    case 'call_updated':
      return { ...call, ...e.data }
    case 'call_status':
      return { ...call, status: e.data.status, ...(e.data.phone ? { phone: e.data.phone } : {}) }
    case 'transcript':
      return call.transcript.some((l) => l.seq === e.data.seq)
        ? call
        : { ...call, transcript: [...call.transcript, e.data].sort((a, b) => a.seq - b.seq) }
    case 'task': {
      const others = call.tasks.filter((t) => t.taskId !== e.data.taskId)
      const i = call.tasks.findIndex((t) => t.taskId === e.data.taskId)
      return {
        ...call,
        tasks: i === -1 ? [...others, e.data] : call.tasks.map((t, j) => (j === i ? e.data : t)),
      }
    }
    case 'agent_state':
    case 'speech':
    case 'tool_call':
      return call
  }
}
