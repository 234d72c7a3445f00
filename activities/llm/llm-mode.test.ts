/**
 * LLM mode against a FAKE OpenAI-compatible server on loopback (tests/support/fake-openai-server.ts):
 * the model's understanding is used when valid, cleaned against the dealership's data, and every
 * provider failure falls back to the offline NLU without costing the turn. Phrasing: llm-phraser.test.ts.
 */
import { pino } from 'pino'
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it, vi } from 'vitest'
import { openDb, type DbHandle } from '../../db/client'
import { newCallState, type CompactCallState } from '../../domain/call-state'
import * as fake from '../../tests/support/fake-openai-server'
import { createCatalogCache } from '../catalog-cache'
import { buildTurnGraph, runTurnGraph } from '../graph'
import { createUnderstander, type UnderstanderDeps } from '../understander'
import { createChatModel, createLlmUnderstand } from '.'

const TZ = 'America/Chicago'
// Monday 2030-06-03, 9:00 in Chicago.
const NOW = new Date('2030-06-03T14:00:00Z')
const API_KEY = 'sk-test-not-a-real-key-1234'
/** The offline NLU reads this as `general`; a model can tell it is a check-engine light. */
const CHECK_ENGINE = 'the thing on my dash with the little engine is lit up, can I bring it by tomorrow?'

let server: fake.FakeOpenAiServer
let db: DbHandle
let logLines: string[] = []
const log = pino({ level: 'debug' }, { write: (line: string) => void logLines.push(line) })
const catalog = () => catalogCache()
let catalogCache: ReturnType<typeof createCatalogCache>

beforeAll(async () => {
  server = await fake.startFakeOpenAiServer()
  db = await openDb({ databaseUrl: inject('databaseUrl'), maxConnections: 2 })
  catalogCache = createCatalogCache(db.db)
})
afterAll(async () => {
  await server?.close()
  await db?.close()
})
beforeEach(() => {
  server.reset()
  logLines = []
})

function understander(llm: UnderstanderDeps['llm'] = { apiKey: API_KEY, baseUrl: server.baseUrl }) {
  return createUnderstander({ log, dealershipTimeZone: TZ, now: () => NOW, catalog, llm })
}
const offline = () => understander({})
const fastLlm = () =>
  understander({ apiKey: API_KEY, baseUrl: server.baseUrl, understandTimeoutMs: 300, phraseTimeoutMs: 300 })

/** One full turn through the agent graph (router -> agent -> response) with the given understander. */
async function turn(u: ReturnType<typeof createUnderstander>, text: string, call = freshCall()) {
  const graph = buildTurnGraph({
    db: db.db,
    timeZone: TZ,
    now: () => NOW,
    catalog,
    ...u,
    dealershipName: 'Springfield Auto',
  })
  return runTurnGraph(graph, { call, text, turn: call.turnCount + 1, recent: [] })
}
const freshCall = (): CompactCallState =>
  newCallState({ callId: `call-llm-${Math.random()}`, channel: 'chat', startedAt: NOW.toISOString() })

/** The `reason` of the first warning whose message starts with `msg`. */
function warningReason(msg: string): string | undefined {
  const lines = logLines.map((l) => JSON.parse(l) as { level: number; msg: string; reason?: string })
  return lines.find((l) => l.level === 40 && l.msg.startsWith(msg))?.reason
}

/** Phrasing requests: the fake says the reply back unchanged. */
function echoReply(req: fake.FakeRequest): fake.FakeAnswer {
  const line = req.prompt.split('\n').find((l) => l.startsWith('The reply to say: '))
  return fake.content(JSON.parse(line!.slice('The reply to say: '.length)) as string)
}
const DIAGNOSTIC = {
  intent: 'book_service',
  confidence: 0.9,
  slots: { appointmentType: 'service', serviceType: 'Diagnostic', date: '2030-06-04' },
}

describe('LLM understanding', () => {
  it("(a) uses the model's understanding, asked with the catalog and today's date", async () => {
    server.respond((req) => (req.structured ? fake.toolCall(DIAGNOSTIC) : echoReply(req)))
    const off = await offline().understand(CHECK_ENGINE, freshCall(), [])
    expect(off.intent).toBe('general')

    const u = await understander().understand(CHECK_ENGINE, freshCall(), [])
    expect(u).toMatchObject({
      intent: 'book_service',
      confidence: 0.9,
      slots: { serviceType: 'Diagnostic', date: '2030-06-04' },
    })
    const [req] = server.requests
    expect(req).toMatchObject({
      path: '/v1/chat/completions',
      structured: true,
      body: { model: 'gpt-4o-mini' },
    })
    expect(req!.body.tool_choice).toEqual({ type: 'function', function: { name: 'understanding' } })
    expect(req!.headers.authorization).toBe(`Bearer ${API_KEY}`)
    expect(req!.prompt).toContain('Today is Monday 2030-06-03')
    expect(req!.prompt).toContain('Tuesday 2030-06-04')
    for (const name of ['Oil Change', 'Diagnostic', 'Brake Inspection', 'Toyota Camry', 'Honda Civic'])
      expect(req!.prompt).toContain(name)
    expect(req!.prompt).toContain(JSON.stringify(CHECK_ENGINE))
    expect(logLines.join('')).not.toContain(API_KEY)

    // End to end: the booking agent takes the turn with the model's slots.
    server.reset()
    server.respond((req) => (req.structured ? fake.toolCall(DIAGNOSTIC) : echoReply(req)))
    const out = await turn(understander(), CHECK_ENGINE)
    expect(out.call).toMatchObject({
      currentAgent: 'booking',
      intent: 'book_service',
      booking: { serviceType: 'Diagnostic', preferredDate: '2030-06-04' },
    })
    expect(out.reply).toContain('June 4')
    expect(server.requests.map((r) => r.structured)).toEqual([true, false])
  })

  it('tells the model what the agent is expecting, the booking so far and the times offered', async () => {
    server.respond(fake.toolCall({ intent: 'book_service', confidence: 0.8, slots: { choice: 2 } }))
    const call = freshCall()
    call.booking = {
      status: 'collecting',
      appointmentType: 'service',
      serviceType: 'Oil Change',
      preferredDate: '2030-06-04',
    }
    call.dialog = {
      ...call.dialog,
      expecting: 'slot_choice',
      pendingAction: 'book',
      offered: [
        { date: '2030-06-04', time: '09:00' },
        { date: '2030-06-04', time: '10:30' },
      ],
    }
    const recent = [
      {
        seq: 1,
        role: 'agent' as const,
        text: 'On Tuesday I have 9:00 AM or 10:30 AM.',
        at: NOW.toISOString(),
      },
    ]
    const u = await understander().understand('the later one', call, recent)
    expect(u.slots.choice).toBe(2)
    const prompt = server.requests[0]!.prompt
    expect(prompt).toContain('expecting: slot_choice')
    expect(prompt).toContain('In-progress intent: book_service')
    expect(prompt).toContain('"serviceType":"Oil Change"')
    expect(prompt).toContain('1. 2030-06-04 09:00; 2. 2030-06-04 10:30')
    expect(prompt).toContain('Agent: On Tuesday I have 9:00 AM or 10:30 AM.')
  })

  it('(b) drops what the dealership does not offer and what cannot be true', async () => {
    server.respond(
      fake.toolCall({
        intent: 'book_service',
        confidence: 7,
        frustration: -1,
        slots: {
          serviceType: 'Unicorn Polish',
          date: '2030-06-01',
          time: '25:00',
          customerPhone: '12',
          customerEmail: 'nope',
          customerName: 'Jane Doe',
          choice: 0,
        },
      }),
    )
    const u = await understander().understand('whatever', freshCall(), [])
    expect(u).toEqual({
      intent: 'book_service',
      confidence: 1,
      frustration: 0,
      isCorrection: false,
      wantsHuman: false,
      slots: { customerName: 'Jane Doe' },
    })

    server.respond(
      fake.toolCall({
        intent: 'book_test_drive',
        confidence: 0.8,
        slots: {
          serviceType: 'oil change',
          date: '2030-06-03',
          time: '9:30',
          customerPhone: '(217) 555-0142',
          vehicleInterest: 'Toyota Tacoma',
          timeOfDay: null,
        },
        affirmation: null,
      }),
    )
    const v = await understander().understand('whatever', freshCall(), [])
    expect(v.slots).toEqual({
      serviceType: 'Oil Change',
      date: '2030-06-03',
      time: '09:30',
      customerPhone: '+12175550142',
      vehicleInterest: 'Toyota Tacoma',
      inventoryVehicleId: expect.any(Number),
    })
  })

  it('an intent outside the list is invalid output: the offline NLU answers', async () => {
    server.respond(fake.toolCall({ intent: 'buy_a_car', confidence: 0.9, slots: {} }))
    const u = await understander().understand('Hello there', freshCall(), [])
    expect(u).toEqual(await offline().understand('Hello there', freshCall(), []))
    expect(warningReason('LLM understanding failed')).toMatch(/^invalid output: intent: Invalid option/)
    expect(logLines.join('')).not.toContain('buy_a_car')
  })

  describe('(c) provider failures fall back to the offline NLU and the turn still answers', () => {
    const FAQ = 'What are your hours on Saturday?'
    const cases: [string, fake.FakeAnswer, RegExp][] = [
      ['HTTP 500', fake.httpError(500), /500/],
      ['a timeout', fake.delayed(3_000, fake.toolCall(DIAGNOSTIC)), /timed out after 300 ms/],
      [
        'malformed function arguments',
        fake.malformedToolCall(),
        /^invalid output: function arguments are not valid JSON$/,
      ],
    ]
    for (const [name, answer, reason] of cases) {
      it(name, async () => {
        server.respond((req) => (req.structured ? answer : fake.httpError(500)))
        const started = performance.now()
        const u = await fastLlm().understand(CHECK_ENGINE, freshCall(), [])
        expect(performance.now() - started).toBeLessThan(1_500)
        expect(u).toEqual(await offline().understand(CHECK_ENGINE, freshCall(), []))

        const expected = await turn(offline(), FAQ)
        const out = await turn(fastLlm(), FAQ)
        expect(out.reply).toBe(expected.reply)
        expect(out.call.currentAgent).toBe('faq')
        expect(warningReason('LLM understanding failed')).toMatch(reason)
        expect(logLines.join('')).not.toContain(API_KEY)
      })
    }
  })
})

describe('(e) no key and no base URL: offline only', () => {
  it('creates no model and sends no request, even with OpenAI variables in the environment', async () => {
    vi.stubEnv('OPENAI_API_KEY', API_KEY)
    vi.stubEnv('OPENAI_BASE_URL', server.baseUrl)
    try {
      expect(createChatModel(undefined)).toBeNull()
      expect(createChatModel({ model: 'gpt-4o' })).toBeNull()
      const u = understander({})
      expect(u.phrase).toBeUndefined()
      const out = await turn(u, 'What are your hours on Saturday?')
      expect(out.reply).not.toBe('')
      expect(server.requests).toHaveLength(0)
    } finally {
      vi.unstubAllEnvs()
    }
  })

  it('a base URL alone is enough (local servers), with a placeholder key', async () => {
    const chat = createChatModel({ baseUrl: server.baseUrl, model: 'llama3' })!
    expect(chat.model).toBe('llama3')
    server.respond(fake.content('hello'))
    await createLlmUnderstand({
      chat,
      catalog,
      timeZone: TZ,
      now: () => NOW,
      offline: offline().understand,
      log,
    })('hi', freshCall(), [])
    expect(server.requests[0]!.headers.authorization).toBe('Bearer no-key')
  })
})
