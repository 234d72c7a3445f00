/**
 * A customer asked for a person. This workflow outlives the call (ABANDON): it offers the call to
 * the available humans one after another, and if nobody takes it (or nobody is there, or the
 * dealership is closed) it tells the customer the truth, waits on a durable timer for the callback
 * time and then puts "call this customer back" in front of the team until someone does.
 */
import {
  condition,
  executeChild,
  getExternalWorkflowHandle,
  ParentClosePolicy,
  patched,
  proxyActivities,
  setCurrentDetails,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow'
import type { Activities } from '../activities'
import type { TaskPatch } from '../activities/escalation-activities'
import { sayDate, sayTime } from '../domain/format'
import {
  acceptTaskUpdate,
  currentTaskQuery,
  humanJoinedSignal,
  humanLeftSignal,
  resolveTaskUpdate,
  taskChangedSignal,
  tellCallerSignal,
  type EscalationInput,
  type EscalationSettings,
  type TaskView,
} from './escalation-definitions'
import { callSearchAttributes } from './call-definitions'
import type { callWorkflow } from './call-workflow'
import { searchKeys } from './search-attribute-keys'

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '20 seconds',
  retry: { initialInterval: '500 milliseconds', maximumInterval: '30 seconds' },
})

/** A version of this workflow's code (a Temporal patch); see docs/durability.md. */
const CALLBACK_BY_PHONE_PATCH = 'callback-by-phone'

const DEFAULT_ACCEPT_TIMEOUT_MS = 2 * 60_000
const DEFAULT_CALLBACK_ACCEPT_TIMEOUT_MS = 60 * 60_000
const DEFAULT_CALLBACK_ATTEMPTS = 3
/** A human has the call until they resolve it; after this long the task is closed anyway. */
const HUMAN_HOLD_LIMIT_MS = 8 * 60 * 60_000

export async function escalationWorkflow(input: EscalationInput): Promise<TaskView> {
  let current: TaskView | null = null
  let acceptedBy: { humanAgentId: number; humanAgentName: string } | null = null
  let resolvedNotes: { notes?: string } | null = null
  // Open to takers from the start: the task's row (which the dashboard shows) is written before this
  // workflow next runs, and on a busy worker a person can press "accept" in between.
  let waitingForTaker = true

  setHandler(currentTaskQuery, () => current)
  setHandler(
    acceptTaskUpdate,
    async ({ humanAgentId, humanAgentName }) => {
      acceptedBy = { humanAgentId, humanAgentName }
      await condition(() => current?.status === 'running' || current?.status === 'failed')
      return current!
    },
    {
      validator: ({ taskId }) => {
        if (taskId !== (current?.taskId ?? input.taskId)) throw new Error(`task ${taskId} is not open`)
        if (!waitingForTaker || acceptedBy !== null)
          throw new Error(`task ${taskId} is not waiting to be accepted`)
      },
    },
  )
  setHandler(
    resolveTaskUpdate,
    async ({ notes }) => {
      resolvedNotes = { notes }
      await condition(() => current?.status === 'completed')
      return current!
    },
    {
      validator: ({ taskId }) => {
        const task = current
        if (!task || taskId !== task.taskId || task.status !== 'running' || resolvedNotes !== null) {
          throw new Error(`task ${taskId} is not being handled by a person`)
        }
      },
    },
  )

  const call = getExternalWorkflowHandle(input.callId)
  /** The call may have ended: then there is nobody to tell, and that is fine. */
  const tellCall = async (send: () => Promise<void>) => {
    await send().catch(() => undefined)
  }
  const record = async (
    taskId: string,
    patch: Parameters<Activities['updateEscalationTask']>[0]['patch'],
    step: string,
  ) => {
    const task = await acts.updateEscalationTask({ taskId, patch, key: `${taskId}:${step}` })
    current = task
    upsertSearchAttributes([
      { key: searchKeys.escalationStatus, value: task.status },
      ...(task.humanAgentName ? [{ key: searchKeys.humanAgent, value: task.humanAgentName }] : []),
    ])
    setCurrentDetails(describe(task, input))
    await tellCall(() => call.signal(taskChangedSignal, task))
    return task
  }

  /**
   * Runs `rounds` offers (each records who is asked, then waits up to `timeoutMs`) and returns true
   * when someone accepted. The task is open to takers for the whole phase, not only while a timer
   * runs: an accept that lands while an offer is being recorded is taken, not turned away with 409.
   */
  const offerInRounds = async (
    rounds: number,
    offer: (round: number) => Promise<unknown>,
    timeoutMs: number,
  ) => {
    waitingForTaker = true
    for (let round = 0; round < rounds && acceptedBy === null; round++) {
      await offer(round)
      await condition(() => acceptedBy !== null, timeoutMs)
    }
    waitingForTaker = false
    return acceptedBy !== null
  }

  /** A person has the task: the call is theirs until they resolve it. */
  const handle = async (taskId: string, isCallback: boolean) => {
    const taker = acceptedBy!
    await record(
      taskId,
      { status: 'running', humanAgentId: taker.humanAgentId, acceptedAt: 'now', offeredTo: null },
      'accepted',
    )
    if (!isCallback)
      await tellCall(() => call.signal(humanJoinedSignal, { taskId, humanAgentName: taker.humanAgentName }))
    const resolved = await condition(() => resolvedNotes !== null, HUMAN_HOLD_LIMIT_MS)
    const outcome = resolved ? 'resolved' : 'closed_after_hold_limit'
    const done = await record(
      taskId,
      { status: 'completed', outcome, notes: resolvedNotes?.notes ?? null, resolvedAt: 'now' },
      'resolved',
    )
    if (!isCallback) await tellCall(() => call.signal(humanLeftSignal, { taskId }))
    return done
  }

  const taskId = input.taskId
  const options = await acts.escalationOptions()
  current = await record(taskId, { status: 'pending', reason: input.reason }, 'opened')

  const agents = options.openNow ? options.agents : []
  const offerToAgent = (i: number) => record(taskId, { offeredTo: agents[i]!.name }, `offer:${agents[i]!.id}`)
  if (await offerInRounds(agents.length, offerToAgent, input.acceptTimeoutMs ?? DEFAULT_ACCEPT_TIMEOUT_MS))
    return handle(taskId, false)

  // Nobody took it: say so, and promise a callback at a time the dealership is open.
  const why = !options.openNow
    ? 'closed'
    : options.agents.length === 0
      ? 'nobody_available'
      : 'nobody_accepted'
  const callback = await acts.planCallback({ requested: input.requestedCallback })
  await record(
    taskId,
    { status: 'completed', outcome: `callback_scheduled:${why}`, offeredTo: null, resolvedAt: 'now' },
    'closed',
  )
  const callbackId = `${taskId}-callback`
  const callbackTask = await acts.createCallbackTask({
    taskId: callbackId,
    callId: input.callId,
    reason: `Call ${input.customer.name ?? 'the customer'} back at ${input.customer.phone ?? 'the number on the call'}: ${input.reason}`,
    callbackScheduled: callback.instant,
  })
  current = callbackTask
  await tellCall(() => call.signal(taskChangedSignal, callbackTask))
  await tellCall(() =>
    call.signal(tellCallerSignal, { key: `${taskId}:callback-promised`, text: promise(why, callback) }),
  )
  setCurrentDetails(describe(callbackTask, input))

  const wait = Math.max(0, new Date(callback.instant).getTime() - Date.now())
  await sleep(Math.min(wait, input.callbackDelayCapMs ?? wait))

  // With a SIP trunk the crew places the callback itself; if the customer is not reached (or there
  // is no trunk), calling back is a task for a person.
  // patched(): escalations that were already waiting for their callback when this was deployed
  // replay as they ran (a task for a person), new ones try the phone first.
  if (patched(CALLBACK_BY_PHONE_PATCH) && (await callBackByPhone(callbackId, input, record))) return current!
  const attempts = input.callbackAttempts ?? DEFAULT_CALLBACK_ATTEMPTS
  const callbackDue = (i: number) =>
    record(callbackId, { status: 'pending', outcome: `due:attempt_${i + 1}` }, `due:${i + 1}`)
  if (
    await offerInRounds(
      attempts,
      callbackDue,
      input.callbackAcceptTimeoutMs ?? DEFAULT_CALLBACK_ACCEPT_TIMEOUT_MS,
    )
  )
    return handle(callbackId, true)
  return record(callbackId, { status: 'failed', outcome: 'no_answer', resolvedAt: 'now' }, 'failed')
}

/**
 * Places the callback as an outbound phone call (a child call workflow, which dials with retries
 * and runs the same conversation). True when the customer answered; the task is then completed.
 */
async function callBackByPhone(
  callbackId: string,
  input: EscalationInput,
  record: (taskId: string, patch: TaskPatch, step: string) => Promise<TaskView>,
): Promise<boolean> {
  const to = input.customer.phone
  if (!to || !(await acts.escalationOptions()).canDial) return false
  const callId = `${callbackId}-call`
  await record(callbackId, { status: 'running', outcome: `calling:${callId}` }, 'calling')
  const ended = await executeChild<typeof callWorkflow>('callWorkflow', {
    workflowId: callId,
    args: [
      {
        callId,
        channel: 'phone',
        customerPhone: to,
        startedAt: new Date().toISOString(),
        dial: { ...input.callbackDialing, to, purpose: `the callback you asked for: ${input.reason}` },
        escalation: settingsOf(input),
      },
    ],
    typedSearchAttributes: callSearchAttributes({ callId, channel: 'phone', customerPhone: to }),
    parentClosePolicy: ParentClosePolicy.ABANDON,
  })
  const reached = ended.phone?.status === 'completed'
  await record(
    callbackId,
    reached
      ? { status: 'completed', outcome: `called_back:${callId}`, resolvedAt: 'now' }
      : { status: 'pending', outcome: `not_reached:${ended.phone?.status ?? 'not_dialed'}` },
    reached ? 'called-back' : 'not-reached',
  )
  return reached
}

/** The escalation settings a callback's own call passes on to escalations it starts. */
function settingsOf(input: EscalationInput): EscalationSettings {
  const { acceptTimeoutMs, callbackAcceptTimeoutMs, callbackAttempts, callbackDelayCapMs, callbackDialing } =
    input
  return { acceptTimeoutMs, callbackAcceptTimeoutMs, callbackAttempts, callbackDelayCapMs, callbackDialing }
}

function promise(why: 'closed' | 'nobody_available' | 'nobody_accepted', at: { date: string; time: string }) {
  const sorry =
    why === 'closed'
      ? "Our team isn't in right now, so I can't put you through."
      : "I'm sorry, nobody from our team is free to take your call right now."
  return `${sorry} Someone will call you back ${sayDate(at.date)} at ${sayTime(at.time)}.`
}

function describe(task: TaskView, input: EscalationInput): string {
  return [
    `**${task.taskType} ${task.status}** for call ${input.callId}`,
    `customer: ${input.customer.name ?? 'unknown'} ${input.customer.phone ?? ''}`,
    `reason: ${input.reason}`,
    task.offeredTo ? `offered to: ${task.offeredTo}` : '',
    task.humanAgentName ? `taken by: ${task.humanAgentName}` : '',
    task.callbackScheduled ? `callback: ${task.callbackScheduled}` : '',
    task.outcome ? `outcome: ${task.outcome}` : '',
  ]
    .filter(Boolean)
    .join('\n\n')
}
