/** The call workflow's own behaviour: idle timeout, continue-as-new, ending, search attributes. */
import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { getTranscript } from '../db/transcript'
import {
  callOpenedUpdate,
  callStateQuery,
  endCallSignal,
  userTurnUpdate,
} from '../workflows/call-definitions'
import { callWorkflow, type CallWorkflowInput } from '../workflows/call-workflow'
import { searchKeys } from '../workflows/search-attribute-keys'
import { startCallStack } from './support/call-stack'

let stack: Awaited<ReturnType<typeof startCallStack>>
beforeAll(async () => {
  stack = await startCallStack({ now: () => new Date('2030-08-05T15:00:00Z') })
})
afterAll(() => stack.stop())

function start(extra: Partial<CallWorkflowInput> = {}) {
  const callId = `call-${randomUUID()}`
  return stack.client.workflow.start(callWorkflow, {
    workflowId: callId,
    taskQueue: stack.taskQueue,
    args: [{ callId, channel: 'chat', startedAt: new Date().toISOString(), ...extra }],
  })
}

describe('callWorkflow', () => {
  it('ends an abandoned call after the idle timeout', async () => {
    const handle = await start({ idleTimeoutMs: 1_500 })
    const final = await handle.result()
    expect(final.status).toBe('ended')
    const row = await stack.api.call(`/api/calls/${handle.workflowId}`)
    expect(row.body.status).toBe('ended')
    expect(row.body.endedAt).toEqual(expect.any(String))
  })

  it('continues as new and carries the state and transcript over', async () => {
    const handle = await start({ maxTurnsPerRun: 2 })
    const firstRun = (await handle.describe()).runId
    for (const text of ['hello', 'What are your hours?', 'Where are you located?']) {
      await handle.executeUpdate(userTurnUpdate, { args: [{ text }] })
    }
    const state = await handle.query(callStateQuery)
    expect(state.turnCount).toBe(3)
    expect((await handle.describe()).runId).not.toBe(firstRun)
    expect(await getTranscript(stack.api.db, handle.workflowId)).toHaveLength(6)
    await handle.signal(endCallSignal, { reason: 'test' })
    expect((await handle.result()).status).toBe('ended')
  })

  it('rejects empty text, too long text and turns after the end in the Update validator', async () => {
    const handle = await start()
    await handle.executeUpdate(callOpenedUpdate)
    await expect(handle.executeUpdate(userTurnUpdate, { args: [{ text: '  ' }] })).rejects.toThrow()
    await expect(
      handle.executeUpdate(userTurnUpdate, { args: [{ text: 'x'.repeat(4001) }] }),
    ).rejects.toThrow()
    await handle.signal(endCallSignal, { reason: 'test' })
    await handle.result()
    await expect(handle.executeUpdate(userTurnUpdate, { args: [{ text: 'hello' }] })).rejects.toThrow()
    expect(await getTranscript(stack.api.db, handle.workflowId)).toHaveLength(0)
  })

  it('keeps the search attributes operators filter on up to date', async () => {
    const res = await stack.api.call('/api/calls', {
      json: { channel: 'chat', customerPhone: '+12175550103' },
    })
    const callId = res.body.callId as string
    await stack.say(callId, 'I want to speak to someone')
    const described = await stack.client.workflow.getHandle(callId).describe()
    const attrs = described.typedSearchAttributes
    expect(attrs.get(searchKeys.callId)).toBe(callId)
    expect(attrs.get(searchKeys.customerPhone)).toBe('+12175550103')
    expect(attrs.get(searchKeys.channel)).toBe('chat')
    expect(attrs.get(searchKeys.callStatus)).toBe('escalated')
    expect(attrs.get(searchKeys.intent)).toBe('escalation')
  })
})
