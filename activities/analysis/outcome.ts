/**
 * The outcome of a call and the evidence for it: the turns that show it and the appointment or task
 * they made. One outcome per call, chosen in this order (the first that holds wins):
 *
 * 1. not_reached: an outbound phone call nobody answered;
 * 2. booked / rescheduled / cancelled: the last booking action of the call (a confirmed appointment
 *    this call created is booked, one it moved is rescheduled);
 * 3. escalated: a person accepted the call's escalation;
 * 4. callback_scheduled: nobody took it, and a callback was promised;
 * 5. abandoned: the call went idle, the customer never spoke, or left in the middle of something
 *    (a booking awaiting confirmation, an escalation still waiting for a person);
 * 6. answered: otherwise: the customer asked, the crew answered, the call ended normally.
 */
import type { CallRecord } from '../../db/call-analyses'
import type { CallOutcome, OutcomeEvidence } from '../../domain/call-analysis'
import { customerLines, endCause, intentByTurn, turnUpdates } from './call-facts'

export interface OutcomeFinding {
  outcome: CallOutcome
  evidence: OutcomeEvidence
}

const finding = (outcome: CallOutcome, turns: number[], extra: Partial<OutcomeEvidence> = {}) => ({
  outcome,
  evidence: { turns: [...new Set(turns)].sort((a, b) => a - b), ...extra },
})

export function outcomeOf(record: CallRecord): OutcomeFinding {
  const state = record.call.state
  const customerTurns = record.turns.filter((t) => t.author === 'user').map((t) => t.turn)

  if (record.call.channel === 'phone' && state?.phone && !wasAnswered(record)) {
    return finding('not_reached', [])
  }

  const action = lastBookingAction(record)
  if (action) return finding(action.outcome, [action.turn], { appointmentId: action.appointmentId })

  const escalationTurn = (taskId: string) =>
    record.turns.filter((t) => t.effects?.escalation?.taskId === taskId).map((t) => t.turn)
  const accepted = record.tasks.find((t) => t.taskType === 'escalation' && t.acceptedAt !== null)
  if (accepted) {
    const humanTurns = record.turns.filter((t) => t.author === 'human').map((t) => t.turn)
    return finding('escalated', [...escalationTurn(accepted.taskId), ...humanTurns], {
      taskId: accepted.taskId,
    })
  }
  const callback = record.tasks.find((t) => t.taskType === 'callback')
  if (callback) {
    const from = record.tasks.find((t) => callback.taskId.startsWith(`${t.taskId}-`))
    return finding('callback_scheduled', from ? escalationTurn(from.taskId) : [], { taskId: callback.taskId })
  }

  const waiting = record.tasks.find((t) => t.taskType === 'escalation' && t.status === 'pending')
  const lastTurn = customerTurns.at(-1)
  const last = lastTurn === undefined ? [] : [lastTurn]
  if (waiting) return finding('abandoned', escalationTurn(waiting.taskId), { taskId: waiting.taskId })
  if (customerTurns.length === 0 || endCause(record) === 'idle_timeout') return finding('abandoned', last)
  const booking = state?.booking
  const midBooking =
    booking?.status === 'awaiting_confirmation' ||
    (booking?.status === 'collecting' &&
      state?.dialog.pendingAction !== null &&
      state?.dialog.pendingAction !== undefined)
  if (midBooking) return finding('abandoned', last)

  return finding('answered', answeredTurns(record, customerTurns))
}

/** The customer turns the crew answered with knowledge (FAQ), else every customer turn it replied to. */
function answeredTurns(record: CallRecord, customerTurns: number[]): number[] {
  const intents = intentByTurn(record)
  const replied = record.turns.filter((t) => t.author === 'user' && t.reply).map((t) => t.turn)
  const faq = replied.filter((t) => intents.get(t) === 'faq')
  if (faq.length > 0) return faq
  return replied.length > 0
    ? replied
    : customerTurns.length > 0
      ? customerTurns
      : customerLines(record).map((l) => l.turn)
}

/** An outbound phone call was answered if its phone leg ever reached `answered`. */
function wasAnswered(record: CallRecord): boolean {
  const final = record.call.state?.phone?.status
  if (final === 'answered' || final === 'completed') return true
  return record.events.some((e) => e.type === 'call_status' && e.data.phone?.status === 'answered')
}

interface BookingAction {
  outcome: 'booked' | 'rescheduled' | 'cancelled'
  turn: number
  appointmentId?: number
}

/** The call's last booking action: a booking confirmed (new or moved) or cancelled, by turn. */
function lastBookingAction(record: CallRecord): BookingAction | null {
  let status: string | undefined
  let appointmentId: number | undefined
  let last: BookingAction | null = null
  for (const { turn, update } of turnUpdates(record)) {
    const booking = update.booking
    if (!booking) continue
    const changed = booking.status !== status || booking.appointmentId !== appointmentId
    status = booking.status
    appointmentId = booking.appointmentId
    if (!changed) continue
    if (booking.status === 'cancelled') last = { outcome: 'cancelled', turn, appointmentId }
    if (booking.status === 'confirmed' && booking.appointmentId !== undefined) {
      const row = record.appointments.find((a) => a.id === booking.appointmentId)
      const createdHere = !row || row.callId === record.call.id
      last = { outcome: createdHere ? 'booked' : 'rescheduled', turn, appointmentId: booking.appointmentId }
    }
  }
  return last
}
