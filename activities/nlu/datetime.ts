/**
 * Dates and times with chrono-node, in the dealership's time zone, relative to `now` and forward-dated.
 *
 * Chrono's results are instants computed with one fixed UTC offset (the one at `now`), so turning them
 * back into local time would be off by an hour for a date on the other side of a DST change. Instead
 * we hand chrono the dealership's offset at `now` (so "today" is the dealership's today) and read the
 * wall-clock components it parsed (year, month, day, hour, minute), which need no conversion.
 */
import * as chrono from 'chrono-node'
import { addDays, isLocalDate, localDateTime, weekdayOf } from '../../domain/time'
import { prepareForChrono } from './datetime-text'
import type { Expectation } from './types'

export type TimeOfDay = 'morning' | 'afternoon' | 'evening'

export interface DateTimeSlots {
  date?: string
  time?: string
  timeOfDay?: TimeOfDay
}

const pad = (n: number) => String(n).padStart(2, '0')

/** Minutes east of UTC at `now`, given the local wall clock then (Chicago in winter: -360). */
function utcOffsetMinutes(now: Date, local: { date: string; time: string }): number {
  const { date, time } = local
  const [y = 0, mo = 1, d = 1] = date.split('-').map(Number)
  const [h = 0, mi = 0] = time.split(':').map(Number)
  const wholeMinute = Math.floor(now.getTime() / 60_000) * 60_000
  return Math.round((Date.UTC(y, mo - 1, d, h, mi) - wholeMinute) / 60_000)
}

// Results chrono finds that are not appointment times: "a second opinion", "now", "for 5 years",
// "72 months", and "next week" (a week, not a day: better to ask than to guess Thursday).
const NOT_A_DATE =
  /^(?:now|right now|a (?:second|sec|minute|moment)|.*\b(?:years?|months?)\b.*|(?:next|this) week)$/i
// A relative date needs an amount: "in 2 days", "a week from now"; chrono also reads "the hours" as one.
const AMOUNT = /\d|\b(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|couple|few|next|this)\b/i

export function extractDateTime(
  text: string,
  opts: { timeZone: string; now: Date; expecting: Expectation; bareNumberIsTime?: boolean },
): DateTimeSlots {
  // localDateTime builds an Intl formatter, the costliest step here: once per call.
  const local = localDateTime(opts.now, opts.timeZone)
  const today = local.date
  const prepared = prepareForChrono(text)
  const out: DateTimeSlots = {}
  const timeOfDay = findTimeOfDay(prepared)
  if (timeOfDay) out.timeOfDay = timeOfDay

  const results = chrono.casual.parse(
    prepared,
    { instant: opts.now, timezone: utcOffsetMinutes(opts.now, local) },
    { forwardDate: true },
  )
  for (const r of results) {
    const tags = r.tags()
    if (NOT_A_DATE.test(r.text.trim())) continue
    if (tags.has('result/relativeDate') && !AMOUNT.test(r.text)) continue
    const s = r.start
    if (!out.date) {
      const date = dateOf(s, tags, {
        today,
        nowTime: local.time,
        saidNext: /\bnext\s+(?:mon|tue|wed|thu|fri|sat|sun)/i.test(r.text),
      })
      if (date && date >= today) out.date = date
    }
    if (!out.time && s.isCertain('hour')) {
      let hour = s.get('hour') ?? 0
      const isNoonOrMidnight = tags.has('casualReference/noon') || tags.has('casualReference/midnight')
      if (!s.isCertain('meridiem') && !isNoonOrMidnight && hour < 12) {
        // Nobody books a car for 3 a.m.: 1-6 without am/pm is the afternoon, as is "2 this afternoon".
        if ((hour >= 1 && hour <= 6) || (timeOfDay && timeOfDay !== 'morning')) hour += 12
      }
      out.time = `${pad(hour)}:${pad(s.get('minute') ?? 0)}`
    }
  }

  // When options are on offer, "the 2nd" is the second option, not a day of the month.
  if (!out.date && opts.expecting !== 'slot_choice') {
    const date = ordinalDay(prepared, today, opts.expecting === 'date')
    if (date) out.date = date
  }
  if (!out.time && (opts.bareNumberIsTime || opts.expecting === 'time' || opts.expecting === 'slot_choice')) {
    const time = bareHour(prepared)
    if (time) out.time = time
  }
  if (!out.date && /\b(?:this (?:morning|afternoon|evening)|tonight)\b/.test(prepared)) out.date = today
  return out
}

function dateOf(
  s: chrono.ParsedComponents,
  tags: Set<string>,
  ctx: { today: string; nowTime: string; saidNext: boolean },
): string | null {
  const explicitDay =
    s.isCertain('day') || ['today', 'tomorrow', 'tonight'].some((t) => tags.has(`casualReference/${t}`))
  if (explicitDay) {
    const date = `${s.get('year')}-${pad(s.get('month') ?? 1)}-${pad(s.get('day') ?? 1)}`
    return isLocalDate(date) ? date : null
  }
  const weekday = s.isCertain('weekday') ? s.get('weekday') : null
  if (weekday === null) return null
  if (ctx.saidNext) return `${s.get('year')}-${pad(s.get('month') ?? 1)}-${pad(s.get('day') ?? 1)}`
  // Chrono picks between today and a week from today by comparing times ("Friday at 2" read as 2 a.m.
  // is past on Friday morning); we decide ourselves: today, unless the working day is over.
  const ahead = (weekday - weekdayOf(ctx.today) + 7) % 7
  return addDays(ctx.today, ahead === 0 && ctx.nowTime >= '18:00' ? 7 : ahead)
}

function findTimeOfDay(text: string): TimeOfDay | undefined {
  if (/\b(?:morning|first thing|before noon)\b/.test(text)) return 'morning'
  if (/\b(?:afternoon|after lunch)\b/.test(text)) return 'afternoon'
  if (/\b(?:evening|tonight|after work)\b/.test(text)) return 'evening'
  return undefined
}

/** "the 14th", "on the 3rd" (and a bare "14" when a date was asked for): the next such day. */
function ordinalDay(text: string, today: string, bareAllowed: boolean): string | null {
  const m =
    /\b(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)\b/.exec(text) ??
    (bareAllowed ? /^\s*(?:the\s+)?(\d{1,2})\s*[.!]?\s*$/.exec(text) : null)
  const day = Number(m?.[1])
  if (!m || day < 1 || day > 31) return null
  const [y = 0, mo = 1, d = 1] = today.split('-').map(Number)
  // This month if the day is still ahead, else the next month that has that day.
  for (let i = day >= d ? 0 : 1; i < 13; i++) {
    const month = new Date(Date.UTC(y, mo - 1 + i, 1))
    const date = `${month.getUTCFullYear()}-${pad(month.getUTCMonth() + 1)}-${pad(day)}`
    if (isLocalDate(date)) return date
  }
  return null
}

/** "2", "2:30", "9 am", "at 10" as a whole answer to "what time?". */
function bareHour(text: string): string | null {
  const m = /^\s*(?:at\s+)?(\d{1,2})(?::(\d{2}))?\s*(a\.?m\.?|p\.?m\.?)?\s*(?:o'?clock)?\s*[.!]?\s*$/.exec(
    text,
  )
  if (!m) return null
  let hour = Number(m[1])
  const minute = Number(m[2] ?? 0)
  if (hour > 23 || minute > 59) return null
  if (m[3]?.startsWith('p') && hour < 12) hour += 12
  else if (m[3]?.startsWith('a') && hour === 12) hour = 0
  else if (!m[3] && hour >= 1 && hour <= 6) hour += 12
  return `${pad(hour)}:${pad(minute)}`
}
