/**
 * Every change to a call is applied exactly once, in arrival order, on the real Temporal server.
 * Each test holds the crew's first turn in the worker (tests/support/turn-gate.ts) while more
 * messages and signals arrive, so they reach the workflow together: the moment the old
 * check-then-set lock let several handlers run at once, with the same turn number.
 */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getTranscript } from '../db/transcript'
import type { Task } from '../domain/call-state'
import { callStateQuery, userTurnUpdate } from '../workflows/call-definitions'
import { callWorkflow } from '../workflows/call-workflow'
import {
  humanJoinedSignal,
  humanLeftSignal,
  taskChangedSignal,
  tellCallerSignal,
} from '../workflows/escalation-definitions'
import { startCallStack } from './support/call-stack'
import { createTurnGate } from './support/turn-gate'

const QUESTIONS = [
  'What are your hours?',
  'Where is the dealership located?',
  'Do you offer financing?',
  'Do you offer leases?',
  'How much is my trade-in worth?',
  'Do you sell extended warranties?',
  'How often should I change my oil?',
  'Do you take walk-ins for service?',
  'How much does a brake inspection cost?',
  'Do I need an appointment for a test drive?',
]
/** Long enough for messages sent together to reach the server while the first turn is held. */
const ARRIVAL_MS = 500
const LONG_TURN_MS = 9_500

const gate = createTurnGate()
let stack: Awaited<ReturnType<typeof startCallStack>>
beforeAll(async () => {
  stack = await startCallStack({
    now: () => new Date('2030-08-05T15:00:00Z'),
    hooks: { beforeSaveTurn: gate.hook },
  })
})
afterAll(() => stack?.stop())

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Sends a customer message over the API without waiting for its reply. */
function send(callId: string, text: string) {
  return stack.api.call(`/api/calls/${callId}/messages`, { json: { text } })
}

/** Starts a call whose first turn (`first`) is running and held in the worker. */
async function callWithTurnRunning(first: string) {
  const callId = await stack.startCall()
  gate.hold(callId)
  const firstReply = send(callId, first)
  await gate.entered(callId, 1)
  return { callId, firstReply }
}

const lines = async (callId: string) =>
  (await getTranscript(stack.api.db, callId)).map((l) => ({ role: l.role, text: l.text }))

describe('messages that arrive at the same moment', () => {
  it('keeps both of 2 sent to an idle call, each with its own turn and its own reply', async () => {
    const texts = QUESTIONS.slice(0, 2)
    const callId = await stack.startCall()
    await expectAllKept(callId, texts, await Promise.all(texts.map((text) => send(callId, text))))
  })

  it('keeps both of 2 that arrive while the call is still opening', async () => {
    // Both wait for the call to open (its first activity), so both are released at the same moment.
    const texts = QUESTIONS.slice(0, 2)
    const callId = `call-${randomUUID()}`
    const handle = await stack.client.workflow.start(callWorkflow, {
      workflowId: callId,
      taskQueue: stack.taskQueue,
      args: [{ callId, channel: 'chat', startedAt: new Date().toISOString() }],
    })
    const results = await Promise.all(
      texts.map((text) => handle.executeUpdate(userTurnUpdate, { args: [{ text }] })),
    )
    await expectAllKept(
      callId,
      texts,
      results.map((r) => ({ status: 200, body: { reply: r.reply } })),
    )
  })

  it.each([3, 10])('keeps all %i sent while a turn runs, each with its own turn and reply', async (count) => {
    const texts = QUESTIONS.slice(0, count)
    const { callId, firstReply } = await callWithTurnRunning(texts[0]!)
    const others = texts.slice(1).map((text) => send(callId, text))
    await pause(ARRIVAL_MS)
    gate.open(callId)
    await expectAllKept(callId, texts, await Promise.all([firstReply, ...others]))
  })

  /** Every message is a turn of its own whose reply answers it, right after it in the transcript. */
  async function expectAllKept(
    callId: string,
    texts: string[],
    answers: { status: number; body: { reply: string | null } }[],
  ) {
    const count = texts.length

    for (const a of answers) expect(a.status, JSON.stringify(a.body)).toBe(200)
    const replies = answers.map((a) => a.body.reply as string)
    expect(new Set(replies).size, 'every question gets its own answer').toBe(count)
    const transcript = await lines(callId)
    // Sent at once, they have no order of their own: the workflow's order of arrival is the one kept.
    expect(
      transcript
        .filter((l) => l.role === 'user')
        .map((l) => l.text)
        .sort(),
    ).toEqual([...texts].sort())
    for (const [i, text] of texts.entries()) {
      const at = transcript.findIndex((l) => l.role === 'user' && l.text === text)
      expect(transcript[at + 1], `the line after "${text}"`).toEqual({ role: 'agent', text: replies[i] })
    }
    const final = await stack.api.call(`/api/calls/${callId}`)
    expect(final.body.turnCount).toBe(count)
  }
})

describe('changes from outside a turn while a turn runs', () => {
  it("keeps a human agent's message and the customer's next one", async () => {
    const { callId, firstReply } = await callWithTurnRunning(QUESTIONS[0]!)
    const handle = stack.client.workflow.getHandle(callId)
    const customer = send(callId, QUESTIONS[1]!)
    await pause(ARRIVAL_MS / 2)
    const human = handle.executeUpdate(userTurnUpdate, {
      args: [{ text: 'This is Dana from service, I can help too.', author: 'human' }],
    })
    await pause(ARRIVAL_MS)
    gate.open(callId)
    await Promise.all([firstReply, customer, human])

    const transcript = await lines(callId)
    expect(transcript.map((l) => l.role)).toEqual(['user', 'agent', 'user', 'agent', 'human'])
    expect(transcript[4]!.text).toBe('This is Dana from service, I can help too.')
    expect((await stack.api.call(`/api/calls/${callId}`)).body).toMatchObject({
      turnCount: 3,
      currentAgent: 'human',
    })
  })

  it('keeps a person joining, and leaving, that arrive with a queued message', async () => {
    const { callId, firstReply } = await callWithTurnRunning(QUESTIONS[0]!)
    const handle = stack.client.workflow.getHandle(callId)
    const second = send(callId, QUESTIONS[1]!)
    await pause(ARRIVAL_MS / 2)
    await handle.signal(humanJoinedSignal, { taskId: 'task-join', humanAgentName: 'Dana' })
    await pause(ARRIVAL_MS)
    gate.open(callId)
    await Promise.all([firstReply, second])
    await expect
      .poll(async () => (await stack.api.call(`/api/calls/${callId}`)).body)
      .toMatchObject({ currentAgent: 'human', status: 'escalated', turnCount: 2 })

    // The person leaves while the customer's next message is queued behind a running turn.
    gate.hold(callId)
    const third = handle.executeUpdate(userTurnUpdate, { args: [{ text: 'Thanks Dana', author: 'human' }] })
    await gate.entered(callId, 3)
    const fourth = send(callId, QUESTIONS[2]!)
    await pause(ARRIVAL_MS / 2)
    await handle.signal(humanLeftSignal, { taskId: 'task-join' })
    await pause(ARRIVAL_MS)
    gate.open(callId)
    await Promise.all([third, fourth])
    // Whichever of the two the workflow took first, neither is lost: the person is gone and both
    // messages are turns (the customer's answered by the crew if it came after the person left).
    await expect
      .poll(async () => (await stack.api.call(`/api/calls/${callId}`)).body)
      .toMatchObject({ currentAgent: expect.not.stringMatching(/^human$/), status: 'active', turnCount: 4 })
    const said = (await lines(callId)).map((l) => `${l.role}: ${l.text}`)
    expect(said).toEqual(expect.arrayContaining(['human: Thanks Dana', `user: ${QUESTIONS[2]}`]))
  })

  it('keeps a task change that arrives during a long turn', async () => {
    const { callId, firstReply } = await callWithTurnRunning(QUESTIONS[0]!)
    const task: Task = { taskId: 'task-during-turn', taskType: 'callback', status: 'pending', reason: 'test' }
    await stack.client.workflow.getHandle(callId).signal(taskChangedSignal, task)
    // A turn longer than 80 % of the 10 s workflow task timeout (an LLM can take that long): the worker
    // then heartbeats the workflow task, and the signal is delivered while the turn is still running.
    await pause(LONG_TURN_MS)
    gate.open(callId)
    await firstReply
    // The workflow's own state: what the turn that was running would have written over.
    await expect
      .poll(async () => (await stack.client.workflow.getHandle(callId).query(callStateQuery)).tasks)
      .toEqual([task])
  })

  it('says a notice once, after the turn that was running, never inside a turn', async () => {
    const { callId, firstReply } = await callWithTurnRunning(QUESTIONS[0]!)
    const second = send(callId, QUESTIONS[1]!)
    await pause(ARRIVAL_MS / 2)
    const notice = 'Nobody is free right now; someone will call you back.'
    const handle = stack.client.workflow.getHandle(callId)
    await handle.signal(tellCallerSignal, { key: 'notice-1', text: notice })
    await handle.signal(tellCallerSignal, { key: 'notice-1', text: notice }) // a retried sender
    await pause(ARRIVAL_MS)
    gate.open(callId)
    await Promise.all([firstReply, second])
    await expect.poll(async () => (await lines(callId)).length).toBe(5)
    const texts = (await lines(callId)).map((l) => l.text)
    expect(texts.filter((t) => t === notice)).toHaveLength(1)
    // After the turn that was running; the queued message and the notice are taken in the order the
    // server hands them over, but a message and its reply always stay together.
    expect(texts.slice(0, 2)).toEqual([QUESTIONS[0], expect.any(String)])
    const at = texts.indexOf(QUESTIONS[1]!)
    expect(texts[at + 1]).not.toBe(notice)
  })
})
