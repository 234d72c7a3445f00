/**
 * Human escalation end to end on a real Temporal server: offers, accept, a person talking in the
 * call, resolve, double accept, timeouts -> callback, closed hours, a requested callback time, and
 * an unanswered callback failing visibly. Uses a database of its own (it changes who is busy).
 */
import { eq, inArray } from 'drizzle-orm'
import { randomUUID } from 'node:crypto'
import { WithStartWorkflowOperation } from '@temporalio/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertTask } from '../db/escalations'
import { humanAgents } from '../db/schema'
import {
  acceptTaskUpdate,
  escalationWorkflowId,
  resolveTaskUpdate,
} from '../workflows/escalation-definitions'
import { escalationWorkflow } from '../workflows/escalation-workflow'
import { startCallStack } from './support/call-stack'
import { createSeededTestDatabase, type TestDatabase } from './support/postgres'

type Stack = Awaited<ReturnType<typeof startCallStack>>
// Wednesday 2030-12-04, 10:00 in Chicago (open) and Sunday 2030-12-08, 9:00 (closed).
const WEDNESDAY = () => new Date('2030-12-04T16:00:00Z')
const SUNDAY = () => new Date('2030-12-08T15:00:00Z')

let database: TestDatabase
let patient: Stack
let impatient: Stack
let closed: Stack

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_escalation')
  const databaseUrl = database.url
  patient = await startCallStack({ now: WEDNESDAY, databaseUrl, escalation: { acceptTimeoutMs: 60_000 } })
  impatient = await startCallStack({
    now: WEDNESDAY,
    databaseUrl,
    escalation: {
      acceptTimeoutMs: 700,
      callbackDelayCapMs: 500,
      callbackAcceptTimeoutMs: 60_000,
      callbackAttempts: 2,
    },
  })
  closed = await startCallStack({
    now: SUNDAY,
    databaseUrl,
    escalation: { callbackDelayCapMs: 1_500, callbackAcceptTimeoutMs: 500, callbackAttempts: 2 },
  })
})
afterAll(async () => {
  await Promise.all([patient, impatient, closed].filter(Boolean).map((s) => s.stop()))
  await database?.drop()
})

async function escalate(stack: Stack, text = 'I want to speak to someone') {
  const callId = await stack.startCall({ channel: 'chat', customerPhone: '+12175550107' })
  const { state } = await stack.say(callId, text)
  expect(state.status).toBe('escalated')
  return { callId, taskId: state.tasks[0].taskId as string }
}

async function tasksOf(stack: Stack, callId: string) {
  const res = await stack.api.call(`/api/escalations?callId=${callId}`)
  expect(res.status).toBe(200)
  return res.body.items as Array<
    Record<string, unknown> & { taskId: string; taskType: string; status: string }
  >
}

async function waitForTask(stack: Stack, callId: string, match: (t: Record<string, unknown>) => boolean) {
  let found: Record<string, unknown> | undefined
  await expect
    .poll(async () => (found = (await tasksOf(stack, callId)).find(match)) !== undefined, { timeout: 20_000 })
    .toBe(true)
  return found!
}

const transcriptOf = async (stack: Stack, callId: string) =>
  (await stack.api.call(`/api/calls/${callId}`)).body.transcript as Array<{ role: string; text: string }>

describe('a person takes over', () => {
  it('takes an accept that lands before the escalation has run at all (a busy worker)', async () => {
    // The turn that escalates writes the task's row, so the dashboard shows it "pending" before its
    // workflow has run; on a loaded worker a person can press "accept" in that gap.
    const callId = await patient.startCall({ channel: 'chat', customerPhone: '+12175550107' })
    const taskId = `task-early-${randomUUID()}`
    const reason = 'asked for a person'
    await insertTask(patient.api.db, { taskId, callId, taskType: 'escalation', status: 'pending', reason })
    // Update-with-start: the accept is in the workflow's very first activation, before any activity.
    const start = new WithStartWorkflowOperation(escalationWorkflow, {
      workflowId: escalationWorkflowId(taskId),
      taskQueue: patient.taskQueue,
      workflowIdConflictPolicy: 'FAIL',
      args: [{ taskId, callId, reason, customer: {}, acceptTimeoutMs: 60_000 }],
    })
    const accepted = await patient.client.workflow.executeUpdateWithStart(acceptTaskUpdate, {
      args: [{ taskId, humanAgentId: 2, humanAgentName: 'Early Bird' }],
      startWorkflowOperation: start,
    })
    expect(accepted).toMatchObject({ taskId, status: 'running', humanAgentId: 2 })
    const handle = await start.workflowHandle()
    await handle.executeUpdate(resolveTaskUpdate, { args: [{ taskId }] })
    expect((await handle.result()).status).toBe('completed')
  })

  it('offers the call, a human accepts, talks to the customer while the AI is quiet, then resolves', async () => {
    const { callId, taskId } = await escalate(patient)
    const offered = await waitForTask(
      patient,
      callId,
      (t) => t.taskId === taskId && typeof t.offeredTo === 'string',
    )
    expect(offered.status).toBe('pending')

    const accepted = await patient.api.call(`/api/escalations/${taskId}/accept`, {
      json: { humanAgentId: 2 },
    })
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200)
    expect(accepted.body).toMatchObject({ taskId, status: 'running', humanAgentName: expect.any(String) })
    await expect
      .poll(async () => (await patient.api.call(`/api/calls/${callId}`)).body.currentAgent)
      .toBe('human')

    const human = await patient.api.call(`/api/calls/${callId}/messages`, {
      json: {
        text: 'Hi, this is a person from the service desk. How can I help?',
        author: 'human',
        humanAgentId: 2,
      },
    })
    expect(human.status, JSON.stringify(human.body)).toBe(200)
    expect(human.body.reply).toBeNull()
    const quiet = await patient.say(callId, 'My car makes a weird noise when I brake')
    expect(quiet.reply).toBeNull()
    expect((await transcriptOf(patient, callId)).slice(-3).map((t) => t.role)).toEqual([
      'agent',
      'human',
      'user',
    ])
    const stranger = await patient.api.call(`/api/calls/${callId}/messages`, {
      json: { text: 'hello', author: 'human', humanAgentId: 3 },
    })
    expect(stranger.status).toBe(409)

    const resolved = await patient.api.call(`/api/escalations/${taskId}/resolve`, {
      json: { notes: 'Booked a brake check by hand.' },
    })
    expect(resolved.status).toBe(200)
    expect(resolved.body).toMatchObject({ status: 'completed', outcome: 'resolved' })
    await expect
      .poll(async () => (await patient.api.call(`/api/calls/${callId}`)).body.currentAgent)
      .toBe('router')
    const back = await patient.say(callId, 'What are your hours?')
    expect(back.state.currentAgent).toBe('faq')
    expect((await patient.api.call(`/api/escalations/${taskId}/resolve`, { json: {} })).status).toBe(409)
  })

  it('lets exactly one of two people who accept at once have the call', async () => {
    const { callId, taskId } = await escalate(patient)
    await waitForTask(patient, callId, (t) => t.taskId === taskId && typeof t.offeredTo === 'string')
    const [a, b] = await Promise.all([
      patient.api.call(`/api/escalations/${taskId}/accept`, { json: { humanAgentId: 1 } }),
      patient.api.call(`/api/escalations/${taskId}/accept`, { json: { humanAgentId: 3 } }),
    ])
    expect([a.status, b.status].sort()).toEqual([200, 409])
    const loser = a.status === 409 ? a : b
    expect(loser.body.error.code).toBe('conflict')
    await patient.api.call(`/api/escalations/${taskId}/resolve`, { json: {} })
  })
})

describe('nobody takes it', () => {
  it('offers every agent in turn, then promises a callback soon and runs it when due', async () => {
    const { callId, taskId } = await escalate(impatient)
    const callback = await waitForTask(impatient, callId, (t) => t.taskType === 'callback')
    // 10:00 + 15 minutes, in Chicago: the next good time while the dealership is open.
    expect(callback.callbackScheduled).toBe('2030-12-04T16:15:00.000Z')
    const escalation = (await tasksOf(impatient, callId)).find((t) => t.taskId === taskId)!
    expect(escalation).toMatchObject({ status: 'completed', outcome: 'callback_scheduled:nobody_accepted' })
    const events = await impatient.api.db.query.callEvents.findMany({
      where: (e, { eq }) => eq(e.callId, callId),
    })
    const offeredTo = new Set(
      events
        .filter((e) => e.type === 'task')
        .map((e) => (e.data as { offeredTo?: string }).offeredTo)
        .filter(Boolean),
    )
    expect(offeredTo.size).toBe(3)
    await expect
      .poll(async () => (await transcriptOf(impatient, callId)).at(-1)?.text)
      .toMatch(/call you back .* at 10:15 AM/)

    const due = await waitForTask(
      impatient,
      callId,
      (t) => t.taskType === 'callback' && t.outcome === 'due:attempt_1',
    )
    expect(due.status).toBe('pending')
    const taken = await impatient.api.call(`/api/escalations/${callback.taskId}/accept`, {
      json: { humanAgentId: 1 },
    })
    expect(taken.status, JSON.stringify(taken.body)).toBe(200)
    const done = await impatient.api.call(`/api/escalations/${callback.taskId}/resolve`, {
      json: { notes: 'Called back.' },
    })
    expect(done.body).toMatchObject({ status: 'completed', outcome: 'resolved' })
  })
  it('promises a callback at once, offering nobody, when no human agent is available', async () => {
    const db = patient.api.db
    const wereAvailable = await db
      .select({ id: humanAgents.id })
      .from(humanAgents)
      .where(eq(humanAgents.available, true))
    await db.update(humanAgents).set({ available: false })
    try {
      // The patient stack waits a minute per offer: a callback within the poll's 20 s means no offer was made.
      const { callId, taskId } = await escalate(patient)
      const callback = await waitForTask(patient, callId, (t) => t.taskType === 'callback')
      expect(callback.callbackScheduled).toBe('2030-12-04T16:15:00.000Z')
      const escalation = (await tasksOf(patient, callId)).find((t) => t.taskId === taskId)!
      expect(escalation).toMatchObject({
        status: 'completed',
        outcome: 'callback_scheduled:nobody_available',
      })
      await expect
        .poll(async () => (await transcriptOf(patient, callId)).at(-1)?.text)
        .toMatch(/nobody from our team is free.*call you back .* at 10:15 AM/)
    } finally {
      await db
        .update(humanAgents)
        .set({ available: true })
        .where(
          inArray(
            humanAgents.id,
            wereAvailable.map((a) => a.id),
          ),
        )
    }
  })
})

describe('when the dealership is closed', () => {
  it('tells the truth and schedules the callback for the next opening (Monday 9:00)', async () => {
    const { callId } = await escalate(closed)
    const callback = await waitForTask(closed, callId, (t) => t.taskType === 'callback')
    expect(callback.callbackScheduled).toBe('2030-12-09T15:00:00.000Z')
    await expect
      .poll(async () => (await transcriptOf(closed, callId)).at(-1)?.text)
      .toMatch(/isn't in right now.*Monday, December 9 at 9:00 AM/)
  })

  it('keeps the time the customer asked for', async () => {
    const { callId } = await escalate(closed, 'Can a real person call me back tomorrow at 3pm?')
    const callback = await waitForTask(closed, callId, (t) => t.taskType === 'callback')
    expect(callback.callbackScheduled).toBe('2030-12-09T21:00:00.000Z')
  })

  it('fails an unanswered callback visibly after its attempts', async () => {
    const { callId } = await escalate(closed)
    const failed = await waitForTask(
      closed,
      callId,
      (t) => t.taskType === 'callback' && t.status === 'failed',
    )
    expect(failed.outcome).toBe('no_answer')
  })
})
