/**
 * One call, from the first word to hang-up, as a durable workflow. Each turn is an Update whose
 * handler runs the agent graph in an activity; the state lives here, the transcript in Postgres.
 */
import {
  allHandlersFinished,
  condition,
  continueAsNew,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setCurrentDetails,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow'
import type { Activities } from '../activities'
import type { Channel, CompactCallState } from '../domain/call-state'
import { MAX_MESSAGE_CHARS, newCallState } from '../domain/new-call'
import { END_REASONS } from '../domain/call-end'
import { analyseEndedCall } from './call-analysis'
import {
  callOpenedUpdate,
  callStateQuery,
  endCallSignal,
  phoneRingingSignal,
  userTurnUpdate,
  type DialSettings,
  type TurnInput,
  type TurnResult,
} from './call-definitions'
import { legacyChanges, SERIALISED_CHANGES_PATCH, serialisedChanges } from './call-changes'
import { startEscalation, withTask } from './call-escalation'
import { dialUntilAnswered, finishedLeg } from './phone-dialing'
import { searchKeys } from './search-attribute-keys'
import {
  humanJoinedSignal,
  humanLeftSignal,
  taskChangedSignal,
  tellCallerSignal,
  type EscalationSettings,
} from './escalation-definitions'

export interface CallWorkflowInput {
  callId: string
  channel: Channel
  customerPhone?: string
  startedAt: string
  /** An outbound phone call: the workflow dials the customer (with retries) before anything else. */
  dial?: DialSettings
  /** A call with no turn for this long is ended as abandoned. */
  idleTimeoutMs?: number
  /**
   * How long one turn may take before Temporal retries it elsewhere (a worker that died mid-turn
   * is noticed after this long).
   */
  turnTimeoutMs?: number
  /** Continue-as-new after this many turns even if Temporal has not suggested it yet. */
  maxTurnsPerRun?: number
  /** Timeouts of the escalations this call starts. */
  escalation?: EscalationSettings
  /**
   * How long one try of the post-call analysis may take before Temporal retries it (on another
   * worker if this one died). Default 60 s.
   */
  analysisTimeoutMs?: number
  /** Set by continue-as-new: the state the previous run ended with. */
  carried?: CompactCallState
}

/** Versions of this workflow's code (Temporal patches); see docs/durability.md. */
const GREETING_PATCH = 'greeting-in-transcript'
const CLOSE_ROOM_PATCH = 'close-voice-room'
const ANALYSIS_PATCH = 'post-call-analysis'

const DEFAULT_IDLE_TIMEOUT_MS = 30 * 60_000
const DEFAULT_MAX_TURNS_PER_RUN = 500

const DEFAULT_TURN_TIMEOUT_MS = 15_000
const retry = {
  initialInterval: '200 milliseconds',
  maximumInterval: '5 seconds',
  maximumAttempts: 10,
} as const

export async function callWorkflow(input: CallWorkflowInput): Promise<CompactCallState> {
  const timeouts = { startToCloseTimeout: input.turnTimeoutMs ?? DEFAULT_TURN_TIMEOUT_MS, retry }
  const acts = proxyActivities<Activities>(timeouts)
  // Turns run as local activities: no round trip through the server to schedule and dispatch them,
  // which is most of a turn's latency. A turn is idempotent, so running it again after a crash is safe.
  const turns = proxyLocalActivities<Activities>(timeouts)
  // Best effort: a room LiveKit already closed (or cannot be reached) must not hold the call open.
  const { closeVoiceRoom: closeRoom } = proxyActivities<Activities>({
    startToCloseTimeout: '10 seconds',
    retry: { maximumAttempts: 3 },
  })
  let state = input.carried ?? newCallState(input)
  let endReason: string | null = null
  let turnsThisRun = 0
  let opened = input.carried !== undefined
  // patched(): calls that ran before the mutex keep replaying with the check-then-set they ran with.
  const changes = patched(SERIALISED_CHANGES_PATCH) ? serialisedChanges() : legacyChanges()

  setHandler(callStateQuery, () => state)
  setHandler(callOpenedUpdate, async () => {
    await condition(() => opened)
    return state
  })
  /**
   * Every handler that changes the call runs inside this, one at a time, in arrival order, once the
   * call is open: a turn awaits an activity, and without the lock held a second message (or a person
   * joining, a task changing) would interleave with it and one of the two changes would be lost.
   */
  const exclusive = <T>(work: () => Promise<T>): Promise<T> => changes.run(() => opened, work)
  /** Applies a change made outside a turn and stores it (unless the call is over). */
  const change = (key: string, next: (s: CompactCallState) => CompactCallState) =>
    exclusive(async () => {
      if (state.status === 'ended') return
      const previous = state
      state = next(state)
      if (state === previous) return
      await acts.saveState({ state, previous, key })
      publish(state)
    })

  setHandler(endCallSignal, ({ reason }) => {
    endReason ??= reason ?? 'ended by request'
  })
  setHandler(humanJoinedSignal, ({ taskId }) =>
    change(`human-joined:${taskId}`, (s) => ({ ...s, currentAgent: 'human', status: 'escalated' })),
  )
  setHandler(humanLeftSignal, ({ taskId }) =>
    change(`human-left:${taskId}`, (s) => ({ ...s, currentAgent: 'router', status: 'active' })),
  )
  setHandler(taskChangedSignal, (task) => {
    const apply = () => {
      state = { ...state, tasks: withTask(state.tasks, task) }
      publish(state)
    }
    // Inside the lock, so a turn that is running cannot write its older task list over this one.
    if (changes.serialised) return exclusive(async () => apply())
    apply()
  })
  setHandler(phoneRingingSignal, ({ attempt }) =>
    change(`phone:${attempt}:ringing`, (s) =>
      s.phone?.attempt === attempt && s.phone.status === 'dialing'
        ? { ...s, phone: { ...s.phone, status: 'ringing' } }
        : s,
    ),
  )
  setHandler(tellCallerSignal, ({ key, text }) =>
    exclusive(async () => {
      if (state.status !== 'ended') await acts.tellCaller({ callId: input.callId, key, text, state })
    }),
  )
  setHandler(
    userTurnUpdate,
    (turn: TurnInput): Promise<TurnResult> =>
      exclusive(async () => {
        const result = await turns.runAgentTurn({
          callId: input.callId,
          turn: state.turnCount + 1,
          text: turn.text.trim(),
          author: turn.author ?? 'user',
          state,
        })
        state = result.state
        turnsThisRun++
        if (result.endCall) endReason ??= END_REASONS.goodbye
        if (result.escalation) await startEscalation(state, result.escalation, input.escalation ?? {})
        publish(state)
        return { reply: result.reply, state }
      }),
    {
      validator: validateTurn(
        () => state,
        () => endReason,
      ),
    },
  )

  if (!input.carried) {
    state = await acts.openCall({
      callId: input.callId,
      channel: input.channel,
      customerPhone: input.customerPhone,
      startedAt: input.startedAt,
    })
    opened = true
    publish(state)
    // patched(): web calls started before the greeting was written keep replaying as they ran.
    if (input.channel === 'web' && patched(GREETING_PATCH)) await acts.greetCaller({ state })
    if (input.dial) {
      const answered = await dialUntilAnswered({
        callId: input.callId,
        dial: input.dial,
        hungUp: () => endReason !== null,
        setPhone: (phone, key) => change(key, (s) => ({ ...s, phone })),
      })
      if (answered) await acts.greetCaller({ state, purpose: input.dial.purpose })
      else endReason ??= `${END_REASONS.notReached} (${state.phone?.status ?? 'not dialed'})`
    }
  }

  const idleTimeoutMs = input.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS
  const maxTurnsPerRun = input.maxTurnsPerRun ?? DEFAULT_MAX_TURNS_PER_RUN
  for (;;) {
    const turnsBefore = turnsThisRun
    const woke = await condition(() => endReason !== null || turnsThisRun !== turnsBefore, idleTimeoutMs)
    if (!woke && !changes.busy()) endReason = END_REASONS.idleTimeout
    if (endReason !== null) break
    if (workflowInfo().continueAsNewSuggested || turnsThisRun >= maxTurnsPerRun) {
      await condition(() => allHandlersFinished() && !changes.busy())
      await continueAsNew<typeof callWorkflow>({ ...input, carried: state })
    }
  }

  await condition(() => allHandlersFinished() && !changes.busy())
  state = await acts.closeCall({ callId: input.callId, reason: endReason, phone: finishedLeg(state.phone) })
  publish(state)
  if (input.channel !== 'chat' && patched(CLOSE_ROOM_PATCH))
    await closeRoom({ callId: input.callId }).catch(() => undefined)
  // patched(): calls that ended before the analysis existed replay without it.
  if (patched(ANALYSIS_PATCH)) await analyseEndedCall(input.callId, input.analysisTimeoutMs)
  return state
}

function validateTurn(getState: () => CompactCallState, getEndReason: () => string | null) {
  return (turn: TurnInput) => {
    const text = typeof turn?.text === 'string' ? turn.text.trim() : ''
    if (!text) throw new Error('text must not be empty')
    if (text.length > MAX_MESSAGE_CHARS)
      throw new Error(`text must be at most ${MAX_MESSAGE_CHARS} characters`)
    if (getState().status === 'ended' || getEndReason() !== null) throw new Error('the call has ended')
  }
}

/** Makes the call findable and readable in the Temporal Web UI. */
function publish(state: CompactCallState) {
  upsertSearchAttributes([
    { key: searchKeys.callStatus, value: state.status },
    ...(state.intent ? [{ key: searchKeys.intent, value: state.intent }] : []),
    ...(state.customer?.phone ? [{ key: searchKeys.customerPhone, value: state.customer.phone }] : []),
  ])
  const who = state.customer?.name ?? state.customer?.phone ?? 'unknown caller'
  const booking = state.booking.appointmentId
    ? `appointment #${state.booking.appointmentId} ${state.booking.status}`
    : `booking ${state.booking.status}`
  setCurrentDetails(
    [
      `**${state.status}** ${state.channel} call with ${who}`,
      `agent: ${state.currentAgent} · intent: ${state.intent ?? '—'} (${Math.round(state.confidence * 100)}%) · turns: ${state.turnCount}`,
      booking,
      ...(state.phone
        ? [
            `phone ${state.phone.to}: ${state.phone.status} (attempt ${state.phone.attempt} of ${state.phone.maxAttempts})`,
          ]
        : []),
      ...state.tasks.map((t) => `${t.taskType} ${t.status}${t.reason ? `: ${t.reason}` : ''}`),
    ].join('\n\n'),
  )
}
