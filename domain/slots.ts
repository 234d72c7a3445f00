/**
 * Appointment slot arithmetic. An appointment occupies one resource (a service bay, a sales
 * consultant) for consecutive 30-minute units; a start time is available when at least one resource
 * of the right kind has every unit free, the appointment ends by closing time, and it is not past.
 */
import { minutesToTime, timeToMinutes } from './time'

export const SLOT_MINUTES = 30

export interface OpeningHours {
  opensAt: string
  closesAt: string
}

export interface SlotQuery {
  /** Opening hours of that day, or null when closed. */
  hours: OpeningHours | null
  durationMinutes: number
  resourceIds: readonly number[]
  /** Units already taken, as `unitKey(resourceId, time)`. */
  occupied: ReadonlySet<string>
  /** Start times before this (HH:MM) are in the past; set it for today. */
  notBefore?: string
  /** Set for a day that is entirely in the past. */
  dayIsPast?: boolean
}

export interface Slot {
  time: string
  available: boolean
  /** Resources that could take an appointment starting then. */
  freeResourceIds: number[]
}

export function unitKey(resourceId: number, time: string): string {
  return `${resourceId}|${time}`
}

/** The 30-minute units an appointment starting at `start` for `durationMinutes` occupies. */
export function unitsOf(start: string, durationMinutes: number): string[] {
  const first = timeToMinutes(start)
  const count = Math.max(1, Math.ceil(durationMinutes / SLOT_MINUTES))
  return Array.from({ length: count }, (_, i) => minutesToTime(first + i * SLOT_MINUTES))
}

/** Every start time of the day with whether it can be booked. */
export function computeSlots(q: SlotQuery): Slot[] {
  if (!q.hours) return []
  const open = timeToMinutes(q.hours.opensAt)
  const close = timeToMinutes(q.hours.closesAt)
  const slots: Slot[] = []
  for (let start = open; start + q.durationMinutes <= close; start += SLOT_MINUTES) {
    const time = minutesToTime(start)
    const past = q.dayIsPast === true || (q.notBefore !== undefined && time < q.notBefore)
    const units = unitsOf(time, q.durationMinutes)
    const freeResourceIds = past
      ? []
      : q.resourceIds.filter((id) => units.every((unit) => !q.occupied.has(unitKey(id, unit))))
    slots.push({ time, available: freeResourceIds.length > 0, freeResourceIds })
  }
  return slots
}
