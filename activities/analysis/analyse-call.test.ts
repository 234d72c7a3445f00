/**
 * The analyser on call records built by hand: the outcomes the real-stack tests
 * (tests/call-analysis.test.ts) cannot reach cheaply — rescheduled, cancelled, a callback, a phone
 * call nobody answered, a booking left unconfirmed — and a voice call's talk time and barge-ins.
 */
import { describe, expect, it } from 'vitest'
import type { AppointmentRow, CallRecord, EventRow, TaskRow, TurnRow } from '../../db/call-analyses'
import type { CallUpdate } from '../../domain/call-events'
import { newCallState, type CompactCallState } from '../../domain/call-state'
import { END_REASONS } from '../../domain/call-end'
import { createLogger } from '../../lib/logger'
import { analyseCall } from './analyse-call'

const CALL = 'call-test'
const START = new Date('2030-11-04T15:00:00Z')
const at = (s: number) => new Date(START.getTime() + s * 1000)

function record(o: {
  channel?: 'chat' | 'web' | 'phone'
  state?: Partial<CompactCallState>
  turns?: {
    text: string
    reply?: string | null
    author?: 'user' | 'human'
    update?: CallUpdate
    escalationTaskId?: string
  }[]
  events?: Omit<EventRow, 'seq' | 'at'>[]
  tasks?: Partial<TaskRow>[]
  appointments?: Partial<AppointmentRow>[]
  endReason?: string
}): CallRecord {
  const channel = o.channel ?? 'chat'
  const state = { ...newCallState({ callId: CALL, channel, startedAt: START.toISOString() }), ...o.state }
  const turns: TurnRow[] = (o.turns ?? []).map((t, i) => ({
    callId: CALL,
    turn: i + 1,
    author: t.author ?? 'user',
    text: t.text,
    reply: t.reply === undefined ? 'ok' : t.reply,
    agent: 'router',
    effects: {
      endCall: false,
      escalation: t.escalationTaskId ? { taskId: t.escalationTaskId, reason: 'asked' } : null,
    },
    durationMs: 10,
    at: at(i + 1),
  }))
  const events: Omit<EventRow, 'seq' | 'at'>[] = [
    ...(o.turns ?? []).flatMap((t, i) =>
      t.update ? [{ type: 'call_updated' as const, data: t.update, dedupeKey: `turn:${i + 1}:call` }] : [],
    ),
    ...(o.events ?? []),
    {
      type: 'call_status',
      data: { status: 'ended', reason: o.endReason ?? END_REASONS.api },
      dedupeKey: 'close:status',
    },
  ]
  return {
    call: {
      id: CALL,
      channel,
      status: 'ended',
      customerPhone: null,
      customerId: null,
      intent: null,
      currentAgent: 'router',
      turnCount: turns.length,
      state: { ...state, status: 'ended' },
      startedAt: START,
      endedAt: at(95),
    },
    lines: turns.flatMap((t) => [
      { callId: CALL, seq: 0, role: t.author, text: t.text, agent: null, turn: t.turn, at: t.at },
    ]),
    turns,
    events: events.map((e, i) => ({ ...e, seq: i + 1, at: at(i) }) as EventRow),
    tasks: (o.tasks ?? []).map(
      (t) =>
        ({
          taskId: 'task',
          callId: CALL,
          taskType: 'escalation',
          status: 'pending',
          reason: 'asked',
          humanAgentId: null,
          offeredTo: null,
          callbackScheduled: null,
          outcome: null,
          notes: null,
          createdAt: START,
          acceptedAt: null,
          resolvedAt: null,
          ...t,
        }) as TaskRow,
    ),
    appointments: (o.appointments ?? []).map(
      (a) =>
        ({
          id: 1,
          appointmentType: 'service',
          status: 'scheduled',
          scheduledDate: '2030-11-05',
          scheduledTime: '09:00',
          callId: CALL,
          bookingKey: null,
          ...a,
        }) as AppointmentRow,
    ),
  }
}

const analyse = (r: CallRecord) =>
  analyseCall(r, {
    keywords: ['recall', 'cancel'],
    timeZone: 'America/Chicago',
    now: new Date(),
    llm: null,
    log: createLogger('silent'),
  })
const confirmed = (appointmentId: number): CallUpdate => ({ booking: { status: 'confirmed', appointmentId } })

describe('the analyser', () => {
  it('says rescheduled when the confirmed appointment was booked by another call', async () => {
    const r = record({
      turns: [
        { text: 'I need to move my appointment', update: { intent: 'reschedule' } },
        { text: 'Thursday at 10 please', update: { booking: { status: 'awaiting_confirmation' } } },
        { text: 'yes', update: confirmed(7) },
      ],
      appointments: [{ id: 7, callId: 'call-earlier', bookingKey: `${CALL}:turn:3` }],
    })
    const { analysis, wantedBooking } = await analyse(r)
    expect(analysis.outcome).toBe('rescheduled')
    expect(analysis.outcomeEvidence).toEqual({ turns: [3], appointmentId: 7 })
    expect(wantedBooking).toBe(true)
    expect(analysis.durationSeconds).toBe(95)
  })

  it('takes the last booking action: booked, then cancelled in the same call, is cancelled', async () => {
    const r = record({
      turns: [
        { text: 'book an oil change tomorrow at 9', update: { intent: 'book_service' } },
        { text: 'yes', update: confirmed(3) },
        {
          text: 'actually cancel it',
          update: { intent: 'cancel', booking: { status: 'awaiting_confirmation', appointmentId: 3 } },
        },
        { text: 'yes, cancel', update: { booking: { status: 'cancelled', appointmentId: 3 } } },
      ],
      appointments: [{ id: 3, status: 'cancelled' }],
    })
    const { analysis } = await analyse(r)
    expect(analysis.outcome).toBe('cancelled')
    expect(analysis.outcomeEvidence).toEqual({ turns: [4], appointmentId: 3 })
    expect(analysis.keywords).toEqual([{ keyword: 'cancel', count: 2, turns: [3, 4] }])
    expect(analysis.intents).toEqual(['book_service', 'cancel'])
  })

  it('says callback_scheduled with the callback task and the turn that asked for a person', async () => {
    const r = record({
      turns: [
        { text: 'hello' },
        { text: 'I want a person', escalationTaskId: 'esc-1', update: { intent: 'escalation' } },
      ],
      tasks: [
        { taskId: 'esc-1', status: 'completed', outcome: 'callback_scheduled:timeout' },
        // 16:00 UTC is 10:00 in Chicago.
        {
          taskId: 'esc-1-callback',
          taskType: 'callback',
          callbackScheduled: new Date('2030-11-05T16:00:00Z'),
        },
      ],
    })
    const { analysis } = await analyse(r)
    expect(analysis.outcome).toBe('callback_scheduled')
    expect(analysis.outcomeEvidence).toEqual({ turns: [2], taskId: 'esc-1-callback' })
    if (analysis.summary === 'insufficient') throw new Error('two turns')
    expect(analysis.summary.text).toContain('A callback is scheduled for Tuesday, November 5 at 10:00 AM.')
  })

  it('says not_reached for a phone call that was never answered', async () => {
    const r = record({
      channel: 'phone',
      state: { phone: { to: '+12175550101', status: 'no-answer', attempt: 3, maxAttempts: 3 } },
      endReason: `${END_REASONS.notReached} (no-answer)`,
    })
    const { analysis } = await analyse(r)
    expect(analysis).toMatchObject({ outcome: 'not_reached', outcomeEvidence: { turns: [] }, turns: 0 })
    expect(analysis.summary).toBe('insufficient')
  })

  it('says abandoned when the customer left before confirming a booking, answered when nothing was open', async () => {
    const open = record({
      turns: [
        { text: 'I need an oil change', update: { intent: 'book_service' } },
        { text: 'tomorrow at 9', update: { booking: { status: 'awaiting_confirmation' } } },
      ],
      state: {
        booking: { status: 'awaiting_confirmation', preferredDate: '2030-11-05', preferredTime: '09:00' },
      },
    })
    const abandoned = (await analyse(open)).analysis
    expect(abandoned.outcome).toBe('abandoned')
    expect(abandoned.outcomeEvidence).toEqual({ turns: [2] })
    if (abandoned.summary === 'insufficient') throw new Error('two turns')
    expect(abandoned.summary.text).toContain('never confirmed')

    const answered = record({
      turns: [
        { text: 'What are your hours?', update: { intent: 'faq' } },
        { text: 'Is there a recall on the 2019 Camry?', update: { intent: 'faq' } },
      ],
    })
    const result = (await analyse(answered)).analysis
    expect(result.outcome).toBe('answered')
    expect(result.outcomeEvidence).toEqual({ turns: [1, 2] })
    expect(result.keywords).toEqual([{ keyword: 'recall', count: 1, turns: [2] }])
  })

  it('counts a voice call’s talk time and barge-ins from its speech events; chat has none', async () => {
    const speech = (speaker: 'caller' | 'agent', ms: number, interrupted?: boolean) => ({
      type: 'speech' as const,
      data: { speaker, ms, ...(interrupted ? { interrupted } : {}) },
      dedupeKey: null,
    })
    const events = [
      speech('agent', 2000),
      speech('caller', 1500),
      speech('agent', 900, true),
      speech('caller', 1250),
    ]
    const voice = (await analyse(record({ channel: 'web', events, turns: [{ text: 'hi' }] }))).analysis
    expect(voice.talkSeconds).toEqual({ customer: 2.8, agent: 2.9 })
    expect(voice.interruptions).toBe(1)
    const chat = (await analyse(record({ channel: 'chat', events, turns: [{ text: 'hi' }] }))).analysis
    expect(chat.talkSeconds).toBeNull()
    expect(chat.interruptions).toBe(0)
  })

  it('scores sentiment per customer line and names the lowest turn', async () => {
    const r = record({
      turns: [
        { text: 'Thanks, that is great' },
        { text: 'This is terrible, I am very angry' },
        { text: 'ok' },
      ],
    })
    const { analysis } = await analyse(r)
    if (analysis.sentiment === 'insufficient') throw new Error('three turns')
    expect(analysis.sentiment.lowestTurn).toBe(2)
    expect(analysis.sentiment.lowestScore).toBeLessThan(-0.5)
    expect(analysis.sentiment.score).toBeGreaterThanOrEqual(-1)
  })
})
