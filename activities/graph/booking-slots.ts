/**
 * Pure slot filling for bookings: folds what the customer just said into the booking, and decides
 * what is still missing. No I/O, so every rule here is unit-tested on its own.
 */
import type { Booking, CompactCallState, Dialog, Vehicle } from '../../domain/call-state'
import type { Understanding } from '../nlu'

const ORDINALS: Array<[RegExp, number]> = [
  [/\b(first|1st|earliest|number one|option one)\b/i, 0],
  [/\b(second|2nd|middle|number two|option two)\b/i, 1],
  [/\b(third|3rd|number three|option three)\b/i, 2],
  [/\b(last|latest)\b/i, -1],
]

type Action = NonNullable<Dialog['pendingAction']>

/** Which booking action the customer wants now; a finished booking starts over on a new request. */
export function actionFor(u: Understanding, dialog: Dialog): Action {
  if (u.intent === 'reschedule') return 'reschedule'
  if (u.intent === 'cancel') return 'cancel'
  if (u.intent === 'book_service' || u.intent === 'book_test_drive') return 'book'
  return dialog.pendingAction ?? 'book'
}

/** A fresh booking that keeps what we know about the customer. */
export function freshBooking(call: CompactCallState): Booking {
  const prev = call.booking
  return {
    status: 'collecting',
    customerName: prev.customerName ?? call.customer?.name,
    customerPhone: prev.customerPhone ?? call.customer?.phone,
    customerEmail: prev.customerEmail ?? call.customer?.email,
  }
}

/** Folds the understood slots into the booking. A new day without a new time drops the old time. */
export function mergeSlots(
  booking: Booking,
  dialog: Dialog,
  u: Understanding,
  text: string,
): { booking: Booking; dialog: Dialog } {
  const b: Booking = { ...booking }
  const d: Dialog = { ...dialog }
  const s = u.slots
  if (u.intent === 'book_service') b.appointmentType = 'service'
  if (u.intent === 'book_test_drive') b.appointmentType = 'test_drive'
  if (s.appointmentType) b.appointmentType = s.appointmentType
  if (s.serviceType) {
    b.serviceType = s.serviceType
    b.appointmentType ??= 'service'
  }
  if (s.vehicleInterest) b.vehicleInterest = s.vehicleInterest
  if (s.customerName) b.customerName = s.customerName
  if (s.customerPhone) b.customerPhone = s.customerPhone
  if (s.customerEmail) b.customerEmail = s.customerEmail

  const chosen = d.expecting === 'slot_choice' ? chooseOffered(d.offered, text, u) : undefined
  if (chosen) {
    b.preferredDate = chosen.date
    b.preferredTime = chosen.time
  } else {
    if (s.date && s.date !== b.preferredDate) {
      b.preferredDate = s.date
      if (!s.time) delete b.preferredTime
    }
    if (s.time) b.preferredTime = s.time
    if (s.timeOfDay) d.timeOfDay = s.timeOfDay
  }
  if (s.date || s.time || s.serviceType || s.vehicleInterest) d.offered = chosen ? [] : d.offered
  // Anything new while we waited for a yes/no means the customer changed something: confirm again.
  const changed = JSON.stringify(b) !== JSON.stringify(booking)
  if (changed && b.status === 'awaiting_confirmation') b.status = 'collecting'
  return { booking: b, dialog: d }
}

/** "The second one", "9:30", "yes" (when one time was offered) pick from the offered times. */
function chooseOffered(offered: Dialog['offered'], text: string, u: Understanding) {
  if (offered.length === 0) return undefined
  const choice = u.slots.choice
  if (choice !== undefined) return offered.at(choice > 0 ? choice - 1 : choice)
  for (const [pattern, index] of ORDINALS) {
    if (pattern.test(text)) return offered.at(index)
  }
  if (u.slots.time) {
    const byTime = offered.filter(
      (o) => o.time === u.slots.time && (!u.slots.date || o.date === u.slots.date),
    )
    if (byTime.length > 0) return byTime[0]
    return undefined
  }
  if (u.affirmation === 'yes' && offered.length === 1) return offered[0]
  return undefined
}

export type BookingNeed = 'appointment_type' | 'service_type' | 'vehicle' | 'date' | 'time' | 'name' | 'phone'

/** The next thing the booking needs, in the order a person at the service desk would ask. */
export function missingForBooking(b: Booking): BookingNeed | null {
  if (!b.appointmentType) return 'appointment_type'
  if (b.appointmentType === 'service' && !b.serviceType) return 'service_type'
  if (b.appointmentType === 'test_drive' && !b.vehicleInterest) return 'vehicle'
  if (!b.preferredDate) return 'date'
  if (!b.preferredTime) return 'time'
  if (!b.customerName) return 'name'
  if (!b.customerPhone) return 'phone'
  return null
}

export const QUESTIONS: Record<Exclude<BookingNeed, 'time'>, string> = {
  appointment_type: 'Is this for a service appointment or a test drive?',
  service_type: 'What can we do for your vehicle? For example an oil change, brakes, tires or a diagnostic.',
  vehicle: 'Which vehicle would you like to drive?',
  date: 'What day works best for you?',
  name: 'May I have your name for the appointment?',
  phone: "And what's the best phone number to reach you?",
}

/**
 * "For my Accord": the caller's own car on record that the text names (by model, or by make when
 * only one car has it), as the booking's vehicle description; undefined when none is named.
 */
export function ownVehicleIn(text: string, vehicles: Vehicle[] | undefined): string | undefined {
  if (!vehicles?.length) return undefined
  const says = (name: string) =>
    new RegExp(`\\b${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'i').test(text)
  const byModel = vehicles.filter((v) => says(v.model))
  const byMake = vehicles.filter((v) => says(v.make))
  const car =
    byModel.length === 1 ? byModel[0] : byModel.length === 0 && byMake.length === 1 ? byMake[0] : undefined
  if (!car) return undefined
  return `${car.year} ${car.make} ${car.model}${car.vin ? `, VIN ${car.vin}` : ''}`
}
