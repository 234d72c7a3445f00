/**
 * LLM mode's tool calling, end to end (API -> Temporal -> worker -> graph), against a FAKE
 * OpenAI-compatible server (tests/support/fake-openai-server.ts) that plays the model: it is offered
 * the crew's five tools as functions, calls them, gets their answers as tool messages, and recovers
 * from a tool error (bad arguments, a failed check digit) instead of the turn failing.
 */
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { callEvents, customers, customerVehicles } from '../db/schema'
import { ToolCall } from '../domain/tool-calls'
import { startCallStack } from './support/call-stack'
import * as fake from './support/fake-openai-server'
import { createSeededTestDatabase, type TestDatabase } from './support/postgres'

const NOW = new Date('2030-06-03T14:00:00Z')
const ACCORD = '1HGCM82633A004352'

let database: TestDatabase
let server: fake.FakeOpenAiServer
let stack: Awaited<ReturnType<typeof startCallStack>>

beforeAll(async () => {
  server = await fake.startFakeOpenAiServer()
  database = await createSeededTestDatabase('pitcrew_llm_tools')
  stack = await startCallStack({
    now: () => NOW,
    databaseUrl: database.url,
    llm: { apiKey: 'sk-test-not-a-real-key', baseUrl: server.baseUrl, model: 'fake-model' },
  })
}, 60_000)
afterAll(async () => {
  await stack?.stop()
  await server?.close()
  await database?.drop()
})
beforeEach(() => server.reset())

/** The tool messages of a request, parsed. */
const toolMessages = (req: fake.FakeRequest) =>
  (req.body.messages ?? [])
    .filter((m) => m.role === 'tool')
    .map((m) => JSON.parse(String(m.content)) as Record<string, unknown>)

/**
 * Plays the model: understanding fails (the offline NLU routes), phrasing says the reply back, and
 * tool-calling requests get `toolTurn`'s answer for the tool messages so far.
 */
function playModel(toolTurn: (tools: Record<string, unknown>[], req: fake.FakeRequest) => fake.FakeAnswer) {
  server.respond((req) => {
    const offered = fake.offeredTools(req)
    if (offered.includes('decode_vin')) return toolTurn(toolMessages(req), req)
    if (offered.includes('understanding')) return fake.httpError(503)
    const line = req.prompt.split('\n').find((l) => l.startsWith('The reply to say: '))
    return line
      ? fake.content(JSON.parse(line.slice('The reply to say: '.length)) as string)
      : fake.httpError(500)
  })
}

async function toolEvents(callId: string) {
  const rows = await stack.api.db
    .select({ data: callEvents.data })
    .from(callEvents)
    .where(and(eq(callEvents.callId, callId), eq(callEvents.type, 'tool_call')))
    .orderBy(callEvents.seq)
  return rows.map((r) => ToolCall.parse(r.data))
}

it('offers the five tools, recovers from bad arguments, reads the car back and adds it on yes', async () => {
  const [customer] = await stack.api.db
    .insert(customers)
    .values({ name: 'Lena Model', phone: '+12175550160' })
    .returning()
  const callId = await stack.startCall({ channel: 'chat', customerPhone: '217-555-0160' })

  playModel((tools) => {
    // First the model jumps ahead with a mileage that is not a number; the runner says so.
    if (tools.length === 0) return fake.toolCalls(['add_vehicle', { vin: ACCORD, mileage: 'about 120k' }])
    if (tools.length === 1) return fake.toolCalls(['decode_vin', { vin: ACCORD }])
    const car = tools[1]!
    return fake.content(`That's a ${String(car.description)}. Is that your car?`)
  })
  const first = await stack.say(callId, `My VIN is ${ACCORD}, it has about 120,000 miles`)
  expect(first.reply).toBe("That's a 2003 Honda Accord EX-V6. Is that your car?")
  const toolRequests = server.requests.filter((r) => fake.offeredTools(r).includes('decode_vin'))
  expect(toolRequests).toHaveLength(3)
  expect(fake.offeredTools(toolRequests[0]!).sort()).toEqual(
    ['add_vehicle', 'decode_vin', 'find_appointments', 'lookup_customer', 'search_inventory'].sort(),
  )
  expect(toolMessages(toolRequests[1]!)[0]!.error).toMatch(/Invalid arguments for add_vehicle: mileage/)
  expect(first.state.dialog.expecting).toBe('vin_confirmation')

  server.reset()
  playModel((tools) =>
    tools.length === 0
      ? fake.toolCalls(['add_vehicle', { vin: ACCORD, mileage: 120000 }])
      : fake.content('Done, your Accord is on your record.'),
  )
  const second = await stack.say(callId, 'yes')
  expect(second.reply).toBe('Done, your Accord is on your record.')
  const rows = await stack.api.db.select().from(customerVehicles).where(eq(customerVehicles.vin, ACCORD))
  expect(rows).toHaveLength(1)
  expect(rows[0]).toMatchObject({ customerId: customer!.id, mileage: 120000, model: 'Accord' })
  expect(second.state.customer.vehicles).toContainEqual({
    year: 2003,
    make: 'Honda',
    model: 'Accord',
    vin: ACCORD,
  })

  const events = await toolEvents(callId)
  expect(events.map((e) => [e.tool, e.by, e.turn, e.error === undefined])).toEqual([
    ['add_vehicle', 'llm', 1, false],
    ['decode_vin', 'llm', 1, true],
    ['add_vehicle', 'llm', 2, true],
  ])
  // The turn activity's result carries them too: turns are local activities, whose results are the
  // markers the Temporal UI shows in the call's history.
  const history = await stack.client.workflow.getHandle(callId).fetchHistory()
  const markers = history.events!.flatMap((e) => {
    const data = e.markerRecordedEventAttributes?.details?.result?.payloads?.[0]?.data
    return data ? [Buffer.from(data).toString('utf8')] : []
  })
  const turnResults = markers.filter((m) => m.includes('"toolCalls"'))
  expect(turnResults).toHaveLength(2)
  expect(turnResults[0]).toContain('"tool":"decode_vin","by":"llm"')
})

it('a failed check digit goes back to the model as the tool answer; the turn does not fail', async () => {
  await stack.api.db.insert(customers).values({ name: 'Chad Digit', phone: '+12175550161' })
  const callId = await stack.startCall({ channel: 'chat', customerPhone: '217-555-0161' })
  const wrong = '1HGCM82633A004353'
  playModel((tools) => {
    if (tools.length === 0) return fake.toolCalls(['decode_vin', { vin: wrong }])
    return fake.content(`Sorry, ${String(tools[0]!.error)} Could you read it again?`)
  })
  const { reply, state } = await stack.say(callId, `VIN ${wrong}`)
  expect(reply).toContain('The check digit (character 9) is 3, but the other characters give 5')
  expect(state.dialog.expecting).not.toBe('vin_confirmation')
  const [event] = await toolEvents(callId)
  expect(event).toMatchObject({
    tool: 'decode_vin',
    by: 'llm',
    error: expect.stringContaining('check digit'),
  })
  expect(
    await stack.api.db.select().from(customerVehicles).where(eq(customerVehicles.vin, wrong)),
  ).toHaveLength(0)
})

it('when the model fails, the rules call the same tools', async () => {
  await stack.api.db.insert(customers).values({ name: 'Rita Rules', phone: '+12175550162' })
  const callId = await stack.startCall({ channel: 'chat', customerPhone: '217-555-0162' })
  playModel(() => fake.httpError(500))
  const { reply } = await stack.say(callId, `my vin is ${ACCORD.replace('1HG', '1hg')}`)
  expect(reply).toContain('2003 Honda Accord EX-V6')
  expect((await toolEvents(callId)).map((e) => [e.tool, e.by])).toEqual([['decode_vin', 'rules']])
})
