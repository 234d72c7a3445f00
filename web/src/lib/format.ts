/** How the dashboard writes times, names and labels. */
import type { AgentName, CallOutcome, CallState, Intent } from './types'

export const CHANNEL_LABELS: Record<CallState['channel'], string> = {
  chat: 'Chat',
  web: 'Browser voice',
  phone: 'Phone',
}

export const AGENT_LABELS: Record<AgentName, string> = {
  router: 'Router',
  faq: 'FAQ',
  booking: 'Booking',
  escalation: 'Escalation',
  response: 'Response',
  human: 'Human',
}

export const INTENT_LABELS: Record<Intent, string> = {
  faq: 'Question',
  book_service: 'Book service',
  book_test_drive: 'Book test drive',
  reschedule: 'Reschedule',
  cancel: 'Cancel',
  escalation: 'Wants a person',
  greeting: 'Greeting',
  goodbye: 'Goodbye',
  general: 'General',
}

const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' })
const dateTime = new Intl.DateTimeFormat(undefined, {
  month: 'short',
  day: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
})

/** 14:05:09 in the viewer's time zone. */
export const formatClock = (iso: string) => clock.format(new Date(iso))
/** Dec 2, 14:05. */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso))

/** A dealership date (YYYY-MM-DD) as "Wed, Dec 3" — built at noon UTC so no time zone shifts the day. */
export function formatDay(date: string): string {
  const d = new Date(`${date}T12:00:00Z`)
  if (Number.isNaN(d.getTime())) return date
  return d.toLocaleDateString(undefined, {
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  })
}

/** 24h "14:30" as "2:30 PM". */
export function formatTime(hhmm: string): string {
  const [h, m] = hhmm.split(':').map(Number)
  if (h === undefined || m === undefined || Number.isNaN(h) || Number.isNaN(m)) return hhmm
  return `${((h + 11) % 12) + 1}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`
}

/** The short form of a call id people can read out: call-1a2b3c4d-… → 1a2b3c4d. */
export const shortId = (callId: string) => callId.replace(/^call-/, '').slice(0, 8)

export const percent = (x: number) => `${Math.round(x * 100)}%`

/** A North American E.164 number (+12175550101) as (217) 555-0101; any other number as it is. */
export function formatPhone(e164: string): string {
  const nanp = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164)
  return nanp ? `(${nanp[1]}) ${nanp[2]}-${nanp[3]}` : e164
}

/** 65.4 seconds as "1:05". */
export function formatDuration(seconds: number): string {
  const whole = Math.round(seconds)
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`
}

/** 123456 bytes as "121 kB" (1024-based, as browsers' downloads show it). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} kB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** What each post-call outcome is called on screen. */
export const OUTCOME_LABELS: Record<CallOutcome, string> = {
  booked: 'Booked',
  rescheduled: 'Rescheduled',
  cancelled: 'Cancelled',
  answered: 'Answered',
  escalated: 'Taken by a person',
  callback_scheduled: 'Callback scheduled',
  abandoned: 'Abandoned',
  not_reached: 'Not reached',
}

export const SENTIMENT_LABELS = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
  insufficient: 'Too short to judge',
} as const
