/**
 * The LLM summary of the post-call analysis against a FAKE OpenAI-compatible server
 * (tests/support/fake-openai-server.ts; no real model is reached): a grounded answer becomes the
 * summary and the analyser version names the model; an HTTP error, a timeout, or a summary that
 * invents a number falls back to the offline summary. The call itself is real (Temporal + PostgreSQL).
 */
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { MockActivityEnvironment } from '@temporalio/testing'
import { createAnalysisActivities } from '../activities/analysis-activities'
import { callAnalyses } from '../db/schema'
import { createLogger } from '../lib/logger'
import { startCallStack } from './support/call-stack'
import {
  content,
  delayed,
  httpError,
  startFakeOpenAiServer,
  type FakeOpenAiServer,
} from './support/fake-openai-server'

let stack: Awaited<ReturnType<typeof startCallStack>>
let fake: FakeOpenAiServer
let callId: string
let analyzeCall: ReturnType<typeof createAnalysisActivities>['analyzeCall']
/** The activity as Temporal runs it (it reads its own run's identity). */
const analyse = (id: string) =>
  new MockActivityEnvironment().run(analyzeCall, { callId: id }) as ReturnType<typeof analyzeCall>

beforeAll(async () => {
  stack = await startCallStack({ now: () => new Date('2030-11-04T15:00:00Z') })
  fake = await startFakeOpenAiServer()
  ;({ analyzeCall } = createAnalysisActivities({
    db: stack.api.db,
    log: createLogger('silent'),
    dealershipTimeZone: 'America/Chicago',
    llm: { baseUrl: fake.baseUrl, model: 'fake-summariser' },
    analysis: { summaryTimeoutMs: 1_500 },
  }))
  callId = await stack.startCall({ channel: 'chat', customerPhone: '217-555-0101' })
  await stack.say(callId, 'What are your hours?')
  await stack.say(callId, 'Do you have a recall on the 2019 Camry?')
  await stack.api.call(`/api/calls/${callId}/end`, { method: 'POST' })
  // The call's own (offline) analysis first, so ours below is a re-run that replaces it.
  const deadline = Date.now() + 60_000
  while ((await stack.api.call(`/api/calls/${callId}/analysis`)).status !== 200) {
    if (Date.now() > deadline) throw new Error('the call was never analysed')
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}, 120_000)
afterAll(async () => {
  await fake?.close()
  await stack?.stop()
})

const stored = async () => {
  const [row] = await stack.api.db.select().from(callAnalyses).where(eq(callAnalyses.callId, callId))
  return row!
}

describe('LLM summary', () => {
  it('uses a grounded summary from the model, and says which analyser made it', async () => {
    fake.reset()
    fake.respond(content('Michael Johnson asked about opening hours and a recall on his 2019 Camry.'))
    const result = await analyse(callId)
    expect(result.analyzerVersion).toBe('llm-1/fake-summariser')
    const row = await stored()
    expect(row.analyzerVersion).toBe('llm-1/fake-summariser')
    expect(row.analysis.summary).toEqual({
      text: 'Michael Johnson asked about opening hours and a recall on his 2019 Camry.',
      source: 'llm',
    })
    // The model was given the transcript and the facts to ground it.
    expect(fake.requests).toHaveLength(1)
    expect(fake.requests[0]!.prompt).toContain('Do you have a recall on the 2019 Camry?')
    expect(fake.requests[0]!.prompt).toContain('Facts:')
  })

  it.each([
    ['an HTTP error', httpError(500)],
    ['a summary that invents a number', content('The customer booked appointment #4711 for 3 PM.')],
    ['an answer slower than the deadline', delayed(5_000, content('Too late.'))],
    ['an empty answer', content('   ')],
  ])('falls back to the offline summary on %s', { timeout: 30_000 }, async (_, answer) => {
    fake.reset()
    fake.respond(answer)
    const result = await analyse(callId)
    expect(result.analyzerVersion).toBe('offline-1')
    const row = await stored()
    expect(row.analyzerVersion).toBe('offline-1')
    const summary = row.analysis.summary
    if (summary === 'insufficient') throw new Error('two customer turns are enough')
    expect(summary.source).toBe('offline')
    expect(summary.text).toContain('Michael Johnson')
    expect(fake.requests.length).toBeGreaterThanOrEqual(1)
  })
})
