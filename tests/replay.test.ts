/**
 * Determinism guard: every recorded call history under tests/histories/ must replay against the
 * current workflow code. A change that would break running calls fails here, not in production.
 * Record new histories with `RECORD_HISTORIES=1 npx vitest run tests/replay.test.ts` (or a comma
 * list of names, e.g. `RECORD_HISTORIES=messages-at-once`, to keep the histories of older code).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { randomUUID } from 'node:crypto'
import { historyToJSON } from '@temporalio/common/lib/proto-utils'
import { Worker } from '@temporalio/worker'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { callOpenedUpdate, endCallSignal, userTurnUpdate } from '../workflows/call-definitions'
import { callWorkflow } from '../workflows/call-workflow'
import { workflowsPath } from '../worker/create-worker'
import { startCallStack } from './support/call-stack'

const dir = path.join(import.meta.dirname, 'histories')
let stack: Awaited<ReturnType<typeof startCallStack>>
beforeAll(async () => {
  stack = await startCallStack({ now: () => new Date('2030-11-04T15:00:00Z') })
})
afterAll(() => stack.stop())

const SCRIPTS: Record<string, string[]> = {
  'faq-then-booking': [
    'What are your hours?',
    'I need an oil change tomorrow',
    'the first one',
    'My name is Ann Lee',
    '217 555 0166',
    'yes',
    'thanks, bye',
  ],
  escalation: ['hello', 'I want to speak to someone'],
  /** Ends with a goodbye, then the post-call analysis (patch 'post-call-analysis'). */
  'analysed-call': ['What are your hours?', 'Do you have a recall on my car?', 'thanks, bye'],
}
/** Sent all at once after the first: the serialised-call-changes mutex queues them. */
const AT_ONCE: Record<string, string[]> = {
  'messages-at-once': [
    'hello',
    'What are your hours?',
    'Where is the dealership located?',
    'Do you offer leases?',
  ],
}
const recording = (name: string) =>
  process.env.RECORD_HISTORIES === '1' || (process.env.RECORD_HISTORIES ?? '').split(',').includes(name)

async function record(name: string, texts: string[], atOnce = false) {
  const callId = `call-${randomUUID()}`
  const handle = await stack.client.workflow.start(callWorkflow, {
    workflowId: callId,
    taskQueue: stack.taskQueue,
    args: [{ callId, channel: 'chat', startedAt: new Date().toISOString(), maxTurnsPerRun: 100 }],
  })
  await handle.executeUpdate(callOpenedUpdate)
  if (atOnce)
    await Promise.all(texts.map((text) => handle.executeUpdate(userTurnUpdate, { args: [{ text }] })))
  else
    for (const text of texts) {
      const turn = await handle.executeUpdate(userTurnUpdate, { args: [{ text }] })
      if (turn.state.status === 'ended') break
    }
  await handle.signal(endCallSignal, { reason: 'recorded' }).catch(() => {})
  await handle.result()
  return { name, history: await handle.fetchHistory() }
}

describe('workflow replay', () => {
  it('replays freshly recorded call histories', { timeout: 60_000 }, async () => {
    const scripts = [
      ...Object.entries(SCRIPTS).map(([name, texts]) => ({ name, texts, atOnce: false })),
      ...Object.entries(AT_ONCE).map(([name, texts]) => ({ name, texts, atOnce: true })),
    ]
    for (const { name, texts, atOnce } of scripts) {
      const { history } = await record(name, texts, atOnce)
      await Worker.runReplayHistory({ workflowsPath }, history, `${name}-fresh`)
      if (recording(name)) {
        mkdirSync(dir, { recursive: true })
        writeFileSync(path.join(dir, `${name}.json`), historyToJSON(history))
      }
    }
  })

  it('replays every committed history', { timeout: 60_000 }, async () => {
    const files = readdirSync(dir).filter((f) => f.endsWith('.json'))
    expect(files.length).toBeGreaterThanOrEqual(2)
    for (const file of files) {
      const history = JSON.parse(readFileSync(path.join(dir, file), 'utf8'))
      await Worker.runReplayHistory({ workflowsPath }, history, file)
    }
  })
})
