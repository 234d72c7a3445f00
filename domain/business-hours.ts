/**
 * Opening hours against real instants: whether the dealership is open at a moment, and when it should
 * call a customer back. Wall-clock times live in the dealership's time zone, so every conversion goes
 * through Intl with an explicit zone; local-time Date methods would follow the server's TZ instead.
 * Pure and deterministic (instants come in as arguments), so workflows can use it too.
 */
import type { OpeningHours } from './slots'
import { addDays, isLocalDate, isLocalTime, localDateTime, timeToMinutes, weekdayOf } from './time'

/** Opening hours by weekday, 0 = Sunday ... 6 = Saturday; a missing weekday is closed. */
export type WeeklyHours = Partial<Record<number, OpeningHours>>

const MINUTE_MS = 60_000
const DAY_MS = 24 * 60 * MINUTE_MS
const ROUND_TO_MS = 5 * MINUTE_MS
const MAX_DAYS_AHEAD = 14

/** A wall-clock date and time written as if it were UTC, in milliseconds: the unit offsets are measured in. */
function wallAsUtc(date: string, time: string): number {
  const [y, mo, d] = date.split('-').map(Number) as [number, number, number]
  const [h, mi] = time.split(':').map(Number) as [number, number]
  return Date.UTC(y, mo - 1, d, h, mi)
}

/**
 * The zone's UTC offset in milliseconds at an instant. localDateTime only resolves minutes, so the
 * instant is floored to its minute first; otherwise its seconds would leak into the offset.
 */
function offsetAt(ms: number, timeZone: string): number {
  const floored = Math.floor(ms / MINUTE_MS) * MINUTE_MS
  const local = localDateTime(new Date(floored), timeZone)
  return wallAsUtc(local.date, local.time) - floored
}

/**
 * The UTC instant of a wall-clock time in a time zone, correct across DST changes. A wall time that
 * does not exist (the spring-forward gap) gives the instant the gap ends, i.e. the first real wall
 * time after it; an ambiguous one (the fall-back overlap) gives its first occurrence.
 */
export function zonedTimeToInstant(date: string, time: string, timeZone: string): Date {
  if (!isLocalDate(date)) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`)
  if (!isLocalTime(time)) throw new RangeError(`Not an HH:MM time: ${time}`)
  const target = wallAsUtc(date, time)
  // A wall time can only be affected by a transition within a day of it, so the offsets a day either
  // side are the only two candidates; guessing with each and checking which one round-trips handles
  // the ordinary case, the overlap (both do) and the gap (neither does) alike.
  const before = offsetAt(target - DAY_MS, timeZone)
  const after = offsetAt(target + DAY_MS, timeZone)
  const matches = (ms: number) => offsetAt(ms, timeZone) === target - ms
  const candidates = [target - before, target - after].filter(matches)
  if (candidates.length > 0) return new Date(Math.min(...candidates))
  // In a gap: at target - after the old offset still applies, at target - before the new one already
  // does, and the transition lies in between. Gaps are minutes to an hour or two, so a binary search
  // to the minute is a handful of lookups.
  let lo = Math.min(target - after, target - before)
  let hi = Math.max(target - after, target - before)
  const loOffset = offsetAt(lo, timeZone)
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / MINUTE_MS / 2) * MINUTE_MS
    if (offsetAt(mid, timeZone) === loOffset) lo = mid
    else hi = mid
  }
  return new Date(hi)
}

/** A day's hours, or undefined when closed; hours that do not open before they close count as closed. */
function hoursOn(hours: WeeklyHours, date: string): OpeningHours | undefined {
  const day = hours[weekdayOf(date)]
  return day && timeToMinutes(day.opensAt) < timeToMinutes(day.closesAt) ? day : undefined
}

/** True when the dealership is open at `instant` and stays open at least `leadMinutes` longer. */
export function isOpenAt(instant: Date, hours: WeeklyHours, timeZone: string, leadMinutes = 0): boolean {
  const local = localDateTime(instant, timeZone)
  const day = hoursOn(hours, local.date)
  if (!day) return false
  const minutes = timeToMinutes(local.time)
  const closes = timeToMinutes(day.closesAt)
  return minutes >= timeToMinutes(day.opensAt) && minutes < closes && minutes + leadMinutes <= closes
}

/** When to call a customer back, and why that time. */
export interface CallbackTime {
  /** Local date in the dealership's time zone, YYYY-MM-DD. */
  date: string
  /** Local time in the dealership's time zone, HH:MM. */
  time: string
  instant: Date
  /**
   * 'requested': the customer's own time; 'soon': shortly, because the dealership is open now;
   * 'next_opening': the first opening time at or after the requested time, or after now.
   */
  why: 'requested' | 'soon' | 'next_opening'
}

/** Input of nextCallbackTime. */
export interface CallbackQuery {
  now: Date
  hours: WeeklyHours
  timeZone: string
  /** The customer's preferred local date and time, if they gave one. */
  requested?: { date: string; time: string }
  /** How long the dealership needs before calling back; also the minimum time left before closing. */
  leadMinutes?: number
}

/** The first opening time at or after `from`, looking at most MAX_DAYS_AHEAD days ahead. */
function nextOpening(from: Date, hours: WeeklyHours, timeZone: string): CallbackTime {
  const local = localDateTime(from, timeZone)
  for (let i = 0; i <= MAX_DAYS_AHEAD; i++) {
    const date = addDays(local.date, i)
    const day = hoursOn(hours, date)
    if (!day || (i === 0 && day.opensAt < local.time)) continue
    const instant = zonedTimeToInstant(date, day.opensAt, timeZone)
    // Only a fall-back overlap can put a later wall time at an earlier instant; skip rather than go back.
    if (instant.getTime() < Math.floor(from.getTime() / MINUTE_MS) * MINUTE_MS) continue
    return { ...localDateTime(instant, timeZone), instant, why: 'next_opening' }
  }
  throw new RangeError(`No opening hours within ${MAX_DAYS_AHEAD} days of ${local.date}`)
}

/**
 * When the dealership should call a customer back. A requested time that is not in the past is kept
 * when the dealership is open then, and otherwise moves to the next opening at or after it. Without a
 * usable request: shortly (now + leadMinutes, rounded up to 5 minutes) if open long enough, else the
 * next opening. Throws a RangeError when no weekday has opening hours.
 */
export function nextCallbackTime(query: CallbackQuery): CallbackTime {
  const { now, hours, timeZone, requested, leadMinutes = 15 } = query
  const hasHours = [0, 1, 2, 3, 4, 5, 6].some((weekday) => {
    const day = hours[weekday]
    return day !== undefined && timeToMinutes(day.opensAt) < timeToMinutes(day.closesAt)
  })
  if (!hasHours) throw new RangeError('The week has no opening hours')

  if (requested) {
    const instant = zonedTimeToInstant(requested.date, requested.time, timeZone)
    if (instant.getTime() >= now.getTime()) {
      if (isOpenAt(instant, hours, timeZone)) {
        return { ...localDateTime(instant, timeZone), instant, why: 'requested' }
      }
      return nextOpening(instant, hours, timeZone)
    }
    // A time already past is no preference any more: treat it like no request.
  }

  if (isOpenAt(now, hours, timeZone, leadMinutes)) {
    // Rounding the instant rounds the wall clock too: every zone in use is offset by whole quarter hours.
    const instant = new Date(Math.ceil((now.getTime() + leadMinutes * MINUTE_MS) / ROUND_TO_MS) * ROUND_TO_MS)
    // Rounding can push a call onto closing time, when nobody would make it: then wait for the next opening.
    if (isOpenAt(instant, hours, timeZone)) {
      return { ...localDateTime(instant, timeZone), instant, why: 'soon' }
    }
  }
  return nextOpening(now, hours, timeZone)
}
