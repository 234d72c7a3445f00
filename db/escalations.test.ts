import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTestDb, TEST_DRIVERS } from '../tests/support/postgres'
import { readCallEvents } from './call-events'
import { agentWorkload, getTask, insertTask, listTasks, tasksOfCall, updateTask } from './escalations'
import { calls, escalationTasks, humanAgents } from './schema'

// A database of its own: these tests change agents' availability and workload, which the shared
// run database's other files rely on.
describe.each(TEST_DRIVERS)('escalation tasks on %s', (driver) => {
  let handle: Awaited<ReturnType<typeof openTestDb>>
  let n = 0
  const newCall = async () => {
    const id = `call-esc-${driver}-${++n}`
    await handle.db.insert(calls).values({ id, channel: 'chat' })
    return id
  }
  const agent = async (name: string, available = true) => {
    const [row] = await handle.db
      .insert(humanAgents)
      .values({ name, email: `${name.toLowerCase()}@example.test`, role: 'sales', available })
      .returning()
    return row!
  }

  beforeAll(async () => {
    handle = await openTestDb(driver)
    await handle.migrate()
  })
  afterAll(() => handle?.dispose())

  it('writes one task event per dedupeKey, and a retried step does not undo a later one', async () => {
    const callId = await newCall()
    const ann = await agent('Ann')
    const taskId = `${callId}-escalation-1`
    const base = {
      taskId,
      callId,
      taskType: 'escalation',
      status: 'pending',
      reason: 'wants a person',
    } as const
    await insertTask(handle.db, base)
    await insertTask(handle.db, { ...base, reason: 'a retry' })
    expect((await getTask(handle.db, taskId))?.reason).toBe('wants a person')

    const offered = await updateTask(handle.db, taskId, { offeredTo: 'Ann' }, `${taskId}:offer:1`)
    expect(offered).toMatchObject({ status: 'pending', offeredTo: 'Ann', callId })
    const acceptedAt = new Date('2030-01-07T16:00:00Z')
    const patch = { status: 'running', humanAgentId: ann.id, offeredTo: null, acceptedAt } as const
    const accepted = await updateTask(handle.db, taskId, patch, `${taskId}:accepted`)
    expect(accepted).toMatchObject({ status: 'running', humanAgentName: 'Ann', humanAgentId: ann.id })
    expect(accepted).not.toHaveProperty('offeredTo')
    // The same step again (a retried activity): no second event, and the row is not touched.
    const again = await updateTask(
      handle.db,
      taskId,
      { ...patch, acceptedAt: new Date() },
      `${taskId}:accepted`,
    )
    expect(again).toEqual(accepted)
    const resolved = await updateTask(
      handle.db,
      taskId,
      { status: 'completed', outcome: 'resolved', notes: 'sold a car' },
      `${taskId}:resolved`,
    )
    // A late retry of "offered" must not put the resolved task back to offering.
    await updateTask(handle.db, taskId, { offeredTo: 'Ann' }, `${taskId}:offer:1`)
    expect(await getTask(handle.db, taskId)).toEqual(resolved)

    const events = await readCallEvents(handle.db, callId, 0)
    expect(events.map((e) => [e.type, (e.data as { status: string }).status])).toEqual([
      ['task', 'pending'],
      ['task', 'running'],
      ['task', 'completed'],
    ])
    // Events carry the domain Task, not the API's view of it.
    expect(events[1]!.data).toEqual({
      taskId,
      taskType: 'escalation',
      status: 'running',
      humanAgentName: 'Ann',
      reason: 'wants a person',
    })
    const [row] = await handle.db.select().from(escalationTasks).where(eq(escalationTasks.taskId, taskId))
    expect(row!.acceptedAt).toEqual(acceptedAt)
    expect(await tasksOfCall(handle.db, callId)).toEqual([events[2]!.data])
    await expect(updateTask(handle.db, 'no-such-task', {}, 'k')).rejects.toThrow(/No escalation task/)
  })

  it('writes one event when the same step runs twice at once', async () => {
    const callId = await newCall()
    const taskId = `${callId}-escalation-1`
    await insertTask(handle.db, { taskId, callId, taskType: 'escalation', status: 'pending', reason: 'x' })
    await Promise.all([1, 2, 3].map(() => updateTask(handle.db, taskId, { offeredTo: 'Bo' }, 'offer')))
    expect(await readCallEvents(handle.db, callId, 0)).toHaveLength(1)
  })

  it('lists tasks newest first with filters, callbacks with their time', async () => {
    const callId = await newCall()
    const other = await newCall()
    const at = new Date('2030-01-08T15:00:00Z')
    await insertTask(handle.db, {
      taskId: 'l-1',
      callId,
      taskType: 'escalation',
      status: 'failed',
      reason: 'a',
    })
    await insertTask(handle.db, {
      taskId: 'l-1-callback',
      callId,
      taskType: 'callback',
      status: 'pending',
      reason: 'b',
      callbackScheduled: at,
    })
    await insertTask(handle.db, {
      taskId: 'l-2',
      callId: other,
      taskType: 'escalation',
      status: 'pending',
      reason: 'c',
    })
    await handle.db
      .update(escalationTasks)
      .set({ createdAt: new Date('2020-01-01T00:00:00Z') })
      .where(eq(escalationTasks.taskId, 'l-1'))

    const { items } = await listTasks(handle.db, { callId, limit: 10 })
    expect(items.map((t) => t.taskId)).toEqual(['l-1-callback', 'l-1'])
    expect(items[0]).toEqual({
      taskId: 'l-1-callback',
      taskType: 'callback',
      status: 'pending',
      reason: 'b',
      callbackScheduled: at.toISOString(),
      callId,
      createdAt: expect.any(String),
    })
    const pending = await listTasks(handle.db, { status: 'pending', limit: 10 })
    expect(pending.items.every((t) => t.status === 'pending')).toBe(true)
    expect(pending.items.map((t) => t.taskId)).toEqual(expect.arrayContaining(['l-1-callback', 'l-2']))
    expect((await listTasks(handle.db, { status: 'pending', limit: 1 })).items).toHaveLength(1)
    expect(await tasksOfCall(handle.db, callId)).toMatchObject([
      { taskId: 'l-1' },
      { taskId: 'l-1-callback' },
    ])
  })

  it('ranks available agents least busy first, then by id', async () => {
    // Agents of earlier tests of this file are busy with nothing running now, except Ann's task.
    await handle.db.update(humanAgents).set({ available: false })
    const [a, b, c] = [await agent('Cy'), await agent('Di'), await agent('Ed')]
    await agent('Fay', false)
    const callId = await newCall()
    const run = async (taskId: string, humanAgentId: number, status: 'running' | 'completed' = 'running') => {
      await insertTask(handle.db, { taskId, callId, taskType: 'escalation', status: 'pending', reason: 'r' })
      await updateTask(handle.db, taskId, { status, humanAgentId }, `${taskId}:${status}`)
    }
    expect(await agentWorkload(handle.db)).toEqual([
      { id: a.id, name: 'Cy', running: 0 },
      { id: b.id, name: 'Di', running: 0 },
      { id: c.id, name: 'Ed', running: 0 },
    ])
    await run('w-1', a.id)
    await run('w-2', a.id)
    await run('w-3', c.id)
    await run('w-4', b.id, 'completed')
    expect(await agentWorkload(handle.db)).toEqual([
      { id: b.id, name: 'Di', running: 0 },
      { id: c.id, name: 'Ed', running: 1 },
      { id: a.id, name: 'Cy', running: 2 },
    ])
    await handle.db
      .update(escalationTasks)
      .set({ status: 'completed' })
      .where(and(eq(escalationTasks.callId, callId), eq(escalationTasks.humanAgentId, a.id)))
    expect((await agentWorkload(handle.db)).map((r) => r.name)).toEqual(['Cy', 'Di', 'Ed'])
  })
})
