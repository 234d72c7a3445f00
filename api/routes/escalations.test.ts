import { WorkflowUpdateFailedError, type Client } from '@temporalio/client'
import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCallLog } from '../../db/call-log'
import { insertTask, updateTask } from '../../db/escalations'
import { calls, humanAgents } from '../../db/schema'
import { newCallState } from '../../domain/call-state'
import { createTestApi, errorCode } from '../../tests/support/api'

// These tests share the run's database with others: they use calls of their own, never change the
// seeded agents, and give running tasks only to an unavailable agent of their own, so nobody else's
// choice of whom to offer a call to changes.
let api: Awaited<ReturnType<typeof createTestApi>>
const run = `${process.pid}-${Date.now().toString(36)}`
const callIds: string[] = []
let available: { id: number; name: string }
let away: { id: number; name: string }

const newCall = async () => {
  const callId = `call-esc-api-${run}-${callIds.length + 1}`
  callIds.push(callId)
  await openCallLog(api.db, newCallState({ callId, channel: 'chat', startedAt: new Date().toISOString() }))
  return callId
}
const newTask = async (
  callId: string,
  status: 'pending' | 'running' | 'completed' | 'failed' = 'pending',
  humanAgentId?: number,
) => {
  const taskId = `${callId}-escalation-${Math.random().toString(36).slice(2, 8)}`
  await insertTask(api.db, {
    taskId,
    callId,
    taskType: 'escalation',
    status: 'pending',
    reason: 'wants a person',
  })
  if (status !== 'pending') await updateTask(api.db, taskId, { status, humanAgentId }, `${taskId}:${status}`)
  return taskId
}
const accept = (taskId: string, body: unknown) =>
  api.call(`/api/escalations/${taskId}/accept`, { json: body })
const resolve = (taskId: string, body: unknown) =>
  api.call(`/api/escalations/${taskId}/resolve`, { json: body })

/** A Temporal client whose workflow handles answer Updates with `answer` and record what they got. */
function fakeClient(answer: (workflowId: string, args: unknown[]) => unknown) {
  const seen: { workflowId: string; update: string; args: unknown[] }[] = []
  const client = {
    workflow: {
      getHandle: (workflowId: string) => ({
        executeUpdate: async (def: { name: string }, options: { args: unknown[] }) => {
          seen.push({ workflowId, update: def.name, args: options.args })
          return answer(workflowId, options.args)
        },
      }),
    },
  } as unknown as Client
  return { client, seen }
}

beforeAll(async () => {
  api = await createTestApi()
  const [first] = await api.db.select().from(humanAgents).where(eq(humanAgents.available, true)).limit(1)
  available = first!
  const [row] = await api.db
    .insert(humanAgents)
    .values({ name: `Away ${run}`, email: `away-${run}@example.test`, role: 'sales', available: false })
    .returning()
  away = row!
})
afterAll(async () => {
  if (callIds.length > 0) await api.db.delete(calls).where(inArray(calls.id, callIds))
  if (away) await api.db.delete(humanAgents).where(eq(humanAgents.id, away.id))
  await api.close()
})

describe('GET /api/escalations', () => {
  it('lists tasks newest first, filtered by status and call', async () => {
    const callId = await newCall()
    const first = await newTask(callId, 'failed')
    const second = await newTask(callId)
    const all = await api.call(`/api/escalations?callId=${callId}`)
    expect(all.status).toBe(200)
    expect(all.body.items.map((t: { taskId: string }) => t.taskId)).toEqual([second, first])
    expect(all.body.items[0]).toEqual({
      taskId: second,
      callId,
      taskType: 'escalation',
      status: 'pending',
      reason: 'wants a person',
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    })
    const failed = await api.call(`/api/escalations?status=failed&callId=${callId}`)
    expect(failed.body.items.map((t: { taskId: string }) => t.taskId)).toEqual([first])
    const some = await api.call('/api/escalations?status=pending&limit=1')
    expect(some.body.items).toHaveLength(1)
  })

  it('rejects bad filters with 400', async () => {
    for (const q of ['status=lost', 'limit=0', 'limit=101', 'callId=a%20b', 'color=red']) {
      const res = await api.call(`/api/escalations?${q}`)
      expect(res.status, q).toBe(400)
      expect(errorCode(res.body)).toBe('invalid_request')
    }
  })
})

describe('POST /api/escalations/:taskId/accept', () => {
  it('answers 400 for a bad body or an unknown agent, 404 for an unknown task', async () => {
    const taskId = await newTask(await newCall())
    for (const body of [{}, { humanAgentId: 'one' }, { humanAgentId: 1.5 }, { humanAgentId: 1, extra: 1 }]) {
      const res = await accept(taskId, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(errorCode(res.body)).toBe('invalid_request')
    }
    const unknownAgent = await accept(taskId, { humanAgentId: 999_999 })
    expect(unknownAgent.status).toBe(400)
    expect(unknownAgent.body.error.message).toContain('unknown humanAgentId')
    const unknownTask = await accept('call-nope-escalation-1', { humanAgentId: available.id })
    expect(unknownTask.status).toBe(404)
    expect(errorCode(unknownTask.body)).toBe('not_found')
  })

  it('answers 409 when the agent is not available or the task is not pending', async () => {
    const callId = await newCall()
    const pending = await newTask(callId)
    const res = await accept(pending, { humanAgentId: away.id })
    expect(res.status).toBe(409)
    expect(errorCode(res.body)).toBe('conflict')
    expect(res.body.error.message).toContain('not available')
    for (const status of ['running', 'completed', 'failed'] as const) {
      const taskId = await newTask(callId, status, status === 'running' ? away.id : undefined)
      const taken = await accept(taskId, { humanAgentId: available.id })
      expect(taken.status, status).toBe(409)
      expect(taken.body.error.message).toContain(`is ${status}`)
    }
  })

  it('sends the acceptTask Update; the workflow decides a race, the loser gets 409', async () => {
    const callId = await newCall()
    const taskId = await newTask(callId)
    let taken = false
    const fake = fakeClient(() => {
      if (taken) throw new WorkflowUpdateFailedError('Update failed', new Error('already accepted'))
      taken = true
      return { taskId, callId, status: 'running', humanAgentName: available.name }
    })
    const app = await createTestApi({ temporal: { client: fake.client, taskQueue: 'unused' } })
    try {
      const call = () =>
        app.call(`/api/escalations/${taskId}/accept`, { json: { humanAgentId: available.id } })
      const [a, b] = await Promise.all([call(), call()])
      expect([a.status, b.status].sort()).toEqual([200, 409])
      expect((a.status === 200 ? a : b).body).toMatchObject({ taskId, status: 'running' })
      expect((a.status === 200 ? b : a).body.error.message).toContain('already accepted')
      expect(fake.seen[0]).toEqual({
        workflowId: taskId,
        update: 'acceptTask',
        args: [{ taskId, humanAgentId: available.id, humanAgentName: available.name }],
      })
    } finally {
      await app.close()
    }
  })

  it('answers 503 when the task could be taken but there is no Temporal client', async () => {
    const res = await accept(await newTask(await newCall()), { humanAgentId: available.id })
    expect(res.status).toBe(503)
  })
})

describe('POST /api/escalations/:taskId/resolve', () => {
  it('answers 400 for long notes, 404 for an unknown task, 409 unless running', async () => {
    const callId = await newCall()
    const pending = await newTask(callId)
    const long = await resolve(pending, { notes: 'x'.repeat(2001) })
    expect(long.status).toBe(400)
    expect(long.body.error.details[0].path).toBe('notes')
    expect((await resolve('call-nope-escalation-1', {})).status).toBe(404)
    for (const taskId of [pending, await newTask(callId, 'completed')]) {
      const res = await resolve(taskId, { notes: 'done' })
      expect(res.status).toBe(409)
      expect(res.body.error.message).toContain('not running')
    }
    // No body at all is a resolve without notes: it gets as far as the state check.
    const bare = await api.call(`/api/escalations/${pending}/resolve`, { method: 'POST' })
    expect(bare.status).toBe(409)
  })

  it('sends the resolveTask Update to the workflow that owns the task', async () => {
    const callId = await newCall()
    const taskId = await newTask(callId, 'running', away.id)
    const fake = fakeClient(() => ({ taskId, callId, status: 'completed', outcome: 'resolved' }))
    const app = await createTestApi({ temporal: { client: fake.client, taskQueue: 'unused' } })
    try {
      const res = await app.call(`/api/escalations/${taskId}/resolve`, {
        json: { notes: 'booked a test drive' },
      })
      expect(res.status).toBe(200)
      expect(res.body).toMatchObject({ taskId, status: 'completed' })
      expect(fake.seen).toEqual([
        { workflowId: taskId, update: 'resolveTask', args: [{ taskId, notes: 'booked a test drive' }] },
      ])
    } finally {
      await app.close()
    }
  })
})

describe('POST /api/calls/:id/messages by a human', () => {
  const say = (callId: string, body: object, app = api) =>
    app.call(`/api/calls/${callId}/messages`, { json: { text: 'Hi, this is Sam from sales', ...body } })

  it('needs humanAgentId with author human (and only then), and a known agent', async () => {
    const callId = await newCall()
    for (const body of [{ author: 'human' }, { humanAgentId: away.id }, { author: 'robot' }]) {
      const res = await say(callId, body)
      expect(res.status, JSON.stringify(body)).toBe(400)
      expect(errorCode(res.body)).toBe('invalid_request')
    }
    const unknown = await say(callId, { author: 'human', humanAgentId: 999_999 })
    expect(unknown.status).toBe(400)
    expect(unknown.body.error.message).toContain('unknown humanAgentId')
  })

  it('answers 409 unless the agent is working on a running task of that call', async () => {
    const callId = await newCall()
    const res = await say(callId, { author: 'human', humanAgentId: away.id })
    expect(res.status).toBe(409)
    expect(errorCode(res.body)).toBe('conflict')
    expect(res.body.error.message).toContain('no running task')
    await newTask(callId, 'completed', away.id)
    await newTask(await newCall(), 'running', away.id)
    expect((await say(callId, { author: 'human', humanAgentId: away.id })).status).toBe(409)
  })

  it("sends the message as the human's turn", async () => {
    const callId = await newCall()
    await newTask(callId, 'running', away.id)
    const state = newCallState({ callId, channel: 'chat', startedAt: new Date().toISOString() })
    const fake = fakeClient(() => ({ reply: null, state }))
    const app = await createTestApi({ temporal: { client: fake.client, taskQueue: 'unused' } })
    try {
      const res = await say(callId, { author: 'human', humanAgentId: away.id }, app)
      expect(res.status).toBe(200)
      expect(fake.seen).toEqual([
        {
          workflowId: callId,
          update: 'userTurn',
          args: [{ text: 'Hi, this is Sam from sales', author: 'human' }],
        },
      ])
    } finally {
      await app.close()
    }
  })
})
