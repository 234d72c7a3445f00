/**
 * The offline summary: a few factual sentences built from what the call did — who called, what they
 * wanted (the intent path), what was booked, moved or cancelled, whether a person took the call or a
 * callback was promised, and what was left open. Nothing in it is guessed from wording alone.
 */
import type { AppointmentRow, CallRecord } from '../../db/call-analyses'
import type { CallOutcome } from '../../domain/call-analysis'
import { sayDate, sayPhone, sayTime } from '../../domain/format'
import { localDateTime } from '../../domain/time'
import type { OutcomeFinding } from './outcome'

const INTENT_WORDS: Record<string, string> = {
  faq: 'questions',
  book_service: 'booking service',
  book_test_drive: 'a test drive',
  reschedule: 'rescheduling',
  cancel: 'cancelling an appointment',
  escalation: 'talking to a person',
}

const CHANNEL_WORDS = { chat: 'chatted', web: 'called (web voice)', phone: 'was on a phone call' }

const OUTCOME_WORDS: Record<CallOutcome, string> = {
  booked: 'booked',
  rescheduled: 'rescheduled',
  cancelled: 'cancelled',
  answered: 'answered',
  escalated: 'escalated to a person',
  callback_scheduled: 'callback scheduled',
  abandoned: 'abandoned',
  not_reached: 'not reached',
}

export function offlineSummary(
  record: CallRecord,
  o: { outcome: OutcomeFinding; intents: string[]; durationSeconds: number; timeZone: string },
): string {
  const state = record.call.state
  const who = state?.customer?.name
    ? `${state.customer.name}${state.customer.phone ? ` (${sayPhone(state.customer.phone)})` : ''}`
    : state?.customer?.phone
      ? `A caller from ${sayPhone(state.customer.phone)}`
      : 'An unidentified caller'
  const sentences = [`${who} ${CHANNEL_WORDS[record.call.channel]} for ${duration(o.durationSeconds)}.`]
  const topics = o.intents.filter((i) => i in INTENT_WORDS).map((i) => INTENT_WORDS[i]!)
  if (topics.length > 0) sentences.push(`Wanted: ${[...new Set(topics)].join(', then ')}.`)

  const { evidence } = o.outcome
  const appointment = record.appointments.find((a) => a.id === evidence.appointmentId)
  if (o.outcome.outcome === 'booked' && appointment) sentences.push(`Booked ${describe(appointment)}.`)
  if (o.outcome.outcome === 'rescheduled' && appointment) sentences.push(`Moved ${describe(appointment)}.`)
  if (o.outcome.outcome === 'cancelled')
    sentences.push(
      `Cancelled appointment #${evidence.appointmentId ?? '?'}${appointment ? ` (${appointment.appointmentType.replace('_', ' ')})` : ''}.`,
    )

  for (const task of record.tasks) {
    if (task.taskType === 'escalation') {
      const why = task.reason ? ` (${task.reason})` : ''
      sentences.push(
        task.acceptedAt
          ? `Asked for a person${why}; a human agent took the call.`
          : `Asked for a person${why}; nobody took the call${task.status === 'pending' ? ' before it ended' : ''}.`,
      )
    } else if (task.callbackScheduled) {
      const { date, time } = localDateTime(task.callbackScheduled, o.timeZone)
      sentences.push(`A callback is scheduled for ${sayDate(date)} at ${sayTime(time)}.`)
    }
  }

  const open = openQuestions(record)
  if (open.length > 0) sentences.push(`Open: ${open.join('; ')}.`)
  if (record.call.channel === 'phone' && o.outcome.outcome === 'not_reached') {
    const phone = state?.phone
    sentences.push(
      `Dialed ${phone ? sayPhone(phone.to) : 'the customer'} ${phone?.attempt ?? 0} time(s): ${phone?.status ?? 'no answer'}.`,
    )
  }
  sentences.push(`Outcome: ${OUTCOME_WORDS[o.outcome.outcome]}.`)
  return sentences.join(' ')
}

/**
 * What the call left unfinished: a booking never confirmed, a person asked for who had not taken the
 * call, the customer's last words if nobody answered them.
 */
function openQuestions(record: CallRecord): string[] {
  const open: string[] = []
  const booking = record.call.state?.booking
  if (booking?.status === 'awaiting_confirmation') {
    const when = [
      booking.preferredDate ? ` for ${sayDate(booking.preferredDate)}` : '',
      booking.preferredTime ? ` at ${sayTime(booking.preferredTime)}` : '',
    ].join('')
    open.push(`a booking${when} was never confirmed`)
  }
  if (record.tasks.some((t) => t.taskType === 'escalation' && t.status === 'pending'))
    open.push('the customer was still waiting for a person')
  const last = record.turns.at(-1)
  if (last?.author === 'user' && !last.reply && last.agent !== 'human')
    open.push(`"${clip(last.text)}" (turn ${last.turn}) got no answer`)
  return open
}

function describe(a: AppointmentRow): string {
  const what = a.appointmentType === 'test_drive' ? 'a test drive' : 'a service visit'
  return `${what} for ${sayDate(a.scheduledDate)} at ${sayTime(a.scheduledTime)} (appointment #${a.id})`
}

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds} s`
  const m = Math.floor(seconds / 60)
  const s = seconds % 60
  return s === 0 ? `${m} min` : `${m} min ${s} s`
}

const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 57)}…` : text)
