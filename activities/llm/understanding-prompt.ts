/**
 * The messages that ask the model to understand one caller utterance. Everything the model could
 * get wrong on its own (today's date, what the shop sells, what was just asked) is spelled out.
 */
import type { CompactCallState, TranscriptEntry } from '../../domain/call-state'
import { addDays, localDateTime, weekdayOf } from '../../domain/time'
import type { NluCatalog } from '../nlu'

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
/** Models are poor at calendar arithmetic: two weeks of dates let "next Friday" be looked up. */
const CALENDAR_DAYS = 14
/** Enough context for "yes", "the second one" or "make it Thursday" to make sense. */
export const RECENT_LINES = 6

const ROLE_LABEL: Record<TranscriptEntry['role'], string> = {
  user: 'Caller',
  agent: 'Agent',
  human: 'Staff',
  system: 'System',
}

const INTENT_GUIDE = `Intents:
- faq: a question about the dealership (hours, location, financing, prices, warranty, inventory, policies)
- book_service / book_test_drive: wants to book a service appointment / a test drive
- reschedule / cancel: wants to move / cancel an existing appointment
- escalation: wants a person, a manager or a named staff member
- greeting, goodbye: only small talk
- general: anything else
While a booking is in progress and the caller just answers the agent's question (a day, a time, a name,
"yes"), use the in-progress intent given below.`

export interface PromptInput {
  text: string
  call: CompactCallState
  recent: TranscriptEntry[]
  catalog: NluCatalog
  timeZone: string
  now: Date
}

/** Today's local date in the dealership's time zone (the earliest date a slot may carry). */
export function todayIn(timeZone: string, now: Date): string {
  return localDateTime(now, timeZone).date
}

/** System and user message for one understanding request. */
export function understandingMessages(p: PromptInput): { system: string; user: string } {
  const { date, time } = localDateTime(p.now, p.timeZone)
  const calendar = Array.from({ length: CALENDAR_DAYS }, (_, i) => addDays(date, i + 1))
    .map((d) => `${WEEKDAYS[weekdayOf(d)]} ${d}`)
    .join(', ')
  const models = [
    ...new Set(p.catalog.vehicles.filter((v) => v.available).map((v) => `${v.make} ${v.model}`)),
  ]
  const system = [
    "You understand callers of a car dealership's phone line. Call the function `understanding` with what the caller's latest words mean.",
    `Today is ${WEEKDAYS[weekdayOf(date)]} ${date}, local time ${time} (${p.timeZone}). Coming days: ${calendar}.`,
    'Resolve dates like "tomorrow" or "next Friday" to YYYY-MM-DD, never before today; times to HH:MM on a 24-hour clock.',
    `Service names (serviceType must be exactly one of these, or null): ${p.catalog.services.map((s) => s.name).join('; ')}.`,
    `Makes and models in stock: ${models.join('; ') || 'none'}.`,
    INTENT_GUIDE,
    'Fill only slots the caller actually stated or clearly confirmed; leave the rest null. Never invent a name, phone number or email.',
  ].join('\n')
  return { system, user: userMessage(p) }
}

function userMessage(p: PromptInput): string {
  const { booking, dialog } = p.call
  const collected = Object.entries(booking).filter(([k, v]) => v !== undefined && k !== 'status')
  const lines = [
    `The agent is expecting: ${dialog.expecting ?? 'nothing in particular'}.`,
    `In-progress intent: ${inProgressIntent(p.call) ?? 'none'}.`,
    `Booking collected so far (${booking.status}): ${collected.length ? JSON.stringify(Object.fromEntries(collected)) : 'nothing'}.`,
  ]
  if (dialog.offered.length > 0) {
    const options = dialog.offered.map((o, i) => `${i + 1}. ${o.date} ${o.time}`).join('; ')
    lines.push(`Times the agent offered: ${options}.`)
  }
  const recent = p.recent.slice(-RECENT_LINES).map((t) => `${ROLE_LABEL[t.role]}: ${t.text}`)
  if (recent.length > 0) lines.push('Recent conversation:', ...recent)
  lines.push(`The caller now says: ${JSON.stringify(p.text)}`)
  return lines.join('\n')
}

/** The intent a bare answer continues: a half-done test drive booking is still a test drive. */
function inProgressIntent(call: CompactCallState): string | null {
  switch (call.dialog.pendingAction) {
    case 'book':
      return call.booking.appointmentType === 'test_drive' ? 'book_test_drive' : 'book_service'
    case 'reschedule':
      return 'reschedule'
    case 'cancel':
      return 'cancel'
    default:
      return null
  }
}
