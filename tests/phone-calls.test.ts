/**
 * Outbound phone calls, dialed by the call workflow on a real Temporal server and PostgreSQL, with
 * agent dispatch on the run's real LiveKit server. The phone network itself is a FAKE (no SIP service
 * runs here): busy, no-answer, ringing and answering follow a script per number. The last test uses
 * LiveKit's real SIP client, which fails for want of a SIP service, to prove failures are reported.
 * Escalation callbacks go the same way when a SIP trunk is configured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readCallEvents } from '../db/call-events'
import type { PhoneLeg } from '../domain/call-state'
import { startCallStack } from './support/call-stack'
import { fakePhoneNetwork } from './support/fake-phone-network'
import { testVoiceService } from './support/livekit'

type Stack = Awaited<ReturnType<typeof startCallStack>>
/** Dialing runs through timers and activities: on a loaded 2-core machine it takes its time. */
const PATIENCE = { timeout: 45_000 }

const BUSY_THEN_ANSWERS = '+12175550161'
const NEVER_ANSWERS = '+12175550162'
const RINGS_FOREVER = '+12175550163'
const BUSY_ONCE = '+12175550164'
const network = fakePhoneNetwork({
  [BUSY_THEN_ANSWERS]: ['busy', 'no-answer', 'answered'],
  [NEVER_ANSWERS]: ['no-answer'],
  [RINGS_FOREVER]: ['rings-forever'],
  [BUSY_ONCE]: ['busy', 'answered'],
})
const trunk = () => testVoiceService({ sipTrunkId: 'ST_fake_trunk', agentName: 'pitcrew-phone-test' })

let stack: Stack
beforeAll(async () => {
  stack = await startCallStack({
    voice: trunk(),
    voiceRooms: network.rooms,
    dialing: { maxAttempts: 3, retryDelayMs: 300 },
  })
})
afterAll(async () => {
  await stack?.stop()
})

async function dial(s: Stack, to: string, purpose?: string) {
  const res = await s.api.call('/api/calls', { json: { channel: 'phone', to, purpose } })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  expect(res.body.livekit).toBeUndefined()
  return res.body.callId as string
}

const stateOf = async (s: Stack, callId: string) => (await s.api.call(`/api/calls/${callId}`)).body

/** The phone legs the call's `call_status` events carried, in order. */
async function phoneProgress(s: Stack, callId: string) {
  const events = await readCallEvents(s.api.db, callId, 0)
  return events
    .filter((e) => e.type === 'call_status' && (e.data as { phone?: PhoneLeg }).phone)
    .map((e) => {
      const phone = (e.data as { phone: PhoneLeg }).phone
      return `${phone.attempt}:${phone.status}`
    })
}

describe('an outbound phone call', () => {
  it(
    'retries busy and no-answer, then greets with its purpose and runs the same conversation as chat',
    { timeout: 120_000 },
    async () => {
      const callId = await dial(stack, '(217) 555-0161', 'your brake inspection')
      await expect.poll(async () => (await stateOf(stack, callId)).phone?.status, PATIENCE).toBe('answered')
      expect(await phoneProgress(stack, callId)).toEqual([
        '1:dialing',
        '1:ringing',
        '1:busy',
        '2:dialing',
        '2:ringing',
        '2:no-answer',
        '3:dialing',
        '3:ringing',
        '3:answered',
      ])
      await expect.poll(async () => (await stateOf(stack, callId)).transcript.length, PATIENCE).toBe(1)
      const answered = await stateOf(stack, callId)
      expect(answered.phone).toMatchObject({ to: BUSY_THEN_ANSWERS, attempt: 3, maxAttempts: 3 })
      expect(answered.transcript).toEqual([
        expect.objectContaining({
          role: 'agent',
          text: expect.stringContaining('calling about your brake inspection'),
        }),
      ])

      const { state } = await stack.say(callId, 'I need an oil change tomorrow morning')
      expect(state.booking).toMatchObject({ appointmentType: 'service', serviceType: 'Oil Change' })
      expect(await stack.api.call(`/api/calls/${callId}/end`, { method: 'POST' })).toMatchObject({
        status: 202,
      })
      await expect.poll(async () => (await stateOf(stack, callId)).status, PATIENCE).toBe('ended')
      expect((await stateOf(stack, callId)).phone).toMatchObject({ status: 'completed', attempt: 3 })
    },
  )

  it('ends as not reached when nobody answers any attempt, saying so', { timeout: 120_000 }, async () => {
    const callId = await dial(stack, NEVER_ANSWERS)
    await expect.poll(async () => (await stateOf(stack, callId)).status, PATIENCE).toBe('ended')
    const ended = await stateOf(stack, callId)
    expect(ended.phone).toMatchObject({ status: 'no-answer', attempt: 3, detail: 'fake no-answer' })
    expect(ended.transcript).toEqual([])
    expect(network.dials.filter((d) => d.callId === callId)).toHaveLength(3)
    // Its post-call analysis says so too.
    await expect
      .poll(async () => (await stack.api.call(`/api/calls/${callId}/analysis`)).status, PATIENCE)
      .toBe(200)
    const analysis = (await stack.api.call(`/api/calls/${callId}/analysis`)).body
    expect(analysis).toMatchObject({ outcome: 'not_reached', turns: 0, outcomeEvidence: { turns: [] } })
    expect(analysis.summary).toBe('insufficient')
  })

  it('stops ringing when the call is ended while the phone rings', { timeout: 120_000 }, async () => {
    const callId = await dial(stack, RINGS_FOREVER)
    await expect.poll(async () => (await stateOf(stack, callId)).phone?.status, PATIENCE).toBe('ringing')
    await stack.api.call(`/api/calls/${callId}/end`, { method: 'POST' })
    await expect.poll(async () => (await stateOf(stack, callId)).status, PATIENCE).toBe('ended')
    await expect
      .poll(() => network.dials.filter((d) => d.callId === callId), PATIENCE)
      .toEqual([expect.objectContaining({ hungUp: true })])
  })

  it('keeps dialing after the worker dies between attempts', { timeout: 120_000 }, async () => {
    const patient = await startCallStack({
      voice: trunk(),
      voiceRooms: network.rooms,
      dialing: { maxAttempts: 2, retryDelayMs: 2_000 },
    })
    try {
      const callId = await dial(patient, BUSY_ONCE)
      await expect.poll(async () => (await stateOf(patient, callId)).phone?.status, PATIENCE).toBe('busy')
      await patient.stopWorker()
      await new Promise((r) => setTimeout(r, 2_500))
      // The durable wait ran out with no worker: nobody dialed, nothing was lost.
      expect((await stateOf(patient, callId)).phone).toMatchObject({ status: 'busy', attempt: 1 })
      await patient.startWorker()
      await expect.poll(async () => (await stateOf(patient, callId)).phone?.status, PATIENCE).toBe('answered')
      expect((await stateOf(patient, callId)).phone.attempt).toBe(2)
    } finally {
      await patient.stop()
    }
  })
})

describe('with LiveKit SIP and no SIP service behind it', () => {
  it('reports the dial as failed after its attempts and ends the call', { timeout: 120_000 }, async () => {
    const real = await startCallStack({ voice: trunk(), dialing: { maxAttempts: 2, retryDelayMs: 100 } })
    try {
      const callId = await dial(real, '217-555-0142')
      await expect.poll(async () => (await stateOf(real, callId)).status, { timeout: 60_000 }).toBe('ended')
      const ended = await stateOf(real, callId)
      expect(ended.phone).toMatchObject({ status: 'failed', attempt: 2, detail: expect.any(String) })
    } finally {
      await real.stop()
    }
  })
})

describe('a callback promised by an escalation', () => {
  // Sunday 2030-12-08, 9:00 in Chicago: closed, so the escalation promises a callback at once.
  const SUNDAY = () => new Date('2030-12-08T15:00:00Z')
  const ANSWERS_CALLBACK = '+12175550165'
  const MISSES_CALLBACK = '+12175550166'
  const callbacks = fakePhoneNetwork({ [ANSWERS_CALLBACK]: ['answered'], [MISSES_CALLBACK]: ['no-answer'] })
  let closed: Stack
  beforeAll(async () => {
    closed = await startCallStack({
      now: SUNDAY,
      voice: trunk(),
      voiceRooms: callbacks.rooms,
      escalation: {
        callbackDelayCapMs: 300,
        callbackAcceptTimeoutMs: 60_000,
        callbackDialing: { maxAttempts: 2, retryDelayMs: 100 },
      },
    })
  })
  afterAll(async () => {
    await closed?.stop()
  })

  async function escalatedChat(customerPhone: string) {
    const callId = await closed.startCall({ channel: 'chat', customerPhone })
    const { state } = await closed.say(callId, 'I want to speak to someone')
    expect(state.status).toBe('escalated')
    return callId
  }
  async function callbackOf(callId: string, match: (t: Record<string, string>) => boolean) {
    let found: Record<string, string> | undefined
    await expect
      .poll(async () => {
        const res = await closed.api.call(`/api/escalations?callId=${callId}`)
        found = (res.body.items as Array<Record<string, string>>).find(
          (t) => t.taskType === 'callback' && match(t),
        )
        return found !== undefined
      }, PATIENCE)
      .toBe(true)
    return found!
  }

  it(
    'is placed by the crew as a phone call when it is due, and completes when that call ends',
    { timeout: 120_000 },
    async () => {
      const callId = await escalatedChat(ANSWERS_CALLBACK)
      const calling = await callbackOf(callId, (t) => t.status === 'running')
      const phoneCallId = `${calling.taskId}-call`
      expect(calling.outcome).toBe(`calling:${phoneCallId}`)
      await expect.poll(async () => (await stateOf(closed, phoneCallId)).transcript.length, PATIENCE).toBe(1)
      const phoneCall = await stateOf(closed, phoneCallId)
      expect(phoneCall).toMatchObject({
        channel: 'phone',
        phone: { to: ANSWERS_CALLBACK, status: 'answered' },
      })
      expect(phoneCall.transcript[0].text).toMatch(/calling about the callback you asked for/)

      await closed.api.call(`/api/calls/${phoneCallId}/end`, { method: 'POST' })
      const done = await callbackOf(callId, (t) => t.status === 'completed')
      expect(done.outcome).toBe(`called_back:${phoneCallId}`)
    },
  )

  it(
    'goes back to the team as a task for a person when the customer does not answer',
    { timeout: 120_000 },
    async () => {
      const callId = await escalatedChat(MISSES_CALLBACK)
      const due = await callbackOf(callId, (t) => t.status === 'pending' && t.outcome === 'due:attempt_1')
      const phoneCall = await stateOf(closed, `${due.taskId}-call`)
      expect(phoneCall).toMatchObject({ status: 'ended', phone: { status: 'no-answer', attempt: 2 } })
      expect(callbacks.dials.filter((d) => d.to === MISSES_CALLBACK)).toHaveLength(2)
    },
  )
})
