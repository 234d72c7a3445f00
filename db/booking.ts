/**
 * The only code that writes appointments. Reads (availability) only suggest which resource to try; the
 * unique index on appointment_slots (resource, date, unit) decides who gets a place, so concurrent
 * bookings of the last free unit cannot both commit. Every write is idempotent by a caller-chosen key,
 * and writes its webhook event (appointment.booked/rescheduled/cancelled) in its own transaction.
 */
import { and, asc, eq, gte, inArray, not, sql, type SQL } from 'drizzle-orm'
import { availability, findAppointments, type BookedAppointment } from './appointments'
import { findServiceByName } from './catalog'
import { isUniqueViolation, type Db } from './client'
import { appointments, appointmentSlots, customers, resources } from './schema'
import { webhookAppointment } from './webhook-event-data'
import { recordWebhookEvent } from './webhook-outbox'
import { TEST_DRIVE_MINUTES, type AppointmentType } from '../domain/catalog'
import { SLOT_MINUTES, unitsOf, type Slot } from '../domain/slots'
import { addDays, isLocalDate, isLocalTime, localDateTime, timeToMinutes } from '../domain/time'

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0]

export type { BookedAppointment }

export type BookingFailure = 'slot_taken' | 'closed' | 'outside_hours' | 'in_the_past' | 'unknown_service'

export interface BookingRequest {
  appointmentType: AppointmentType
  /** A name from the service menu (case-insensitive); without one a service visit takes one unit. */
  serviceTypeName?: string
  inventoryVehicleId?: number
  vehicleDescription?: string
  date: string
  time: string
  customerName: string
  /** E.164. */
  customerPhone: string
  customerEmail?: string
  callId?: string
  /** Same key, same appointment: a retried booking returns the first one with created=false. */
  bookingKey: string
  timeZone: string
  now?: Date
}

/** A failure carries up to 3 free start times of the same day nearest the requested one, in time order. */
export type BookingResult =
  | { ok: true; appointment: BookedAppointment; created: boolean }
  | { ok: false; reason: BookingFailure; alternatives: string[] }

export type RescheduleResult =
  | { ok: true; appointment: BookedAppointment; moved: boolean }
  | { ok: false; reason: BookingFailure | 'not_found' | 'not_scheduled'; alternatives: string[] }

export type CancelResult =
  | { ok: true; appointment: BookedAppointment; cancelled: boolean }
  | { ok: false; reason: 'not_found' | 'not_scheduled' }

/** Thrown inside a transaction to roll it back; never leaves this module. */
class Abort extends Error {
  constructor(readonly why: 'slot_taken' | 'duplicate_key' | 'not_scheduled') {
    super(why)
  }
}

/**
 * Books a service visit or test drive, or says why not. In order: a known bookingKey returns its
 * appointment as it is (created=false); then unknown_service, in_the_past, closed, outside_hours (before
 * opening, ending after closing, or off the 30-minute grid); then one transaction links the customer,
 * inserts the appointment and its units, and slot_taken means no resource had every unit free.
 * Malformed input (date, time, phone, empty key) throws a TypeError: callers validate it first.
 */
export async function bookAppointment(db: Db, req: BookingRequest): Promise<BookingResult> {
  assertSlotInput(req)
  if (!/^\+[1-9]\d{6,14}$/.test(req.customerPhone)) throw new TypeError('customerPhone must be E.164')
  const existing = await findAppointments(db, eq(appointments.bookingKey, req.bookingKey))
  if (existing[0]) return { ok: true, appointment: existing[0], created: false }

  const service = await resolveService(db, req.appointmentType, req.serviceTypeName)
  if (!service) return { ok: false, reason: 'unknown_service', alternatives: [] }
  const target = { ...req, durationMinutes: service.durationMinutes }
  const check = await checkSlot(db, target)
  if (!check.ok) return check

  try {
    const id = await db.transaction(async (tx) => {
      const customerId = await upsertCustomer(tx, req)
      const [row] = await tx
        .insert(appointments)
        .values({
          appointmentType: req.appointmentType,
          customerId,
          customerName: req.customerName.trim(),
          customerPhone: req.customerPhone,
          customerEmail: req.customerEmail ?? null,
          serviceTypeId: service.serviceTypeId,
          inventoryVehicleId: req.inventoryVehicleId ?? null,
          vehicleDescription: req.vehicleDescription ?? null,
          scheduledDate: req.date,
          scheduledTime: req.time,
          durationMinutes: service.durationMinutes,
          callId: req.callId ?? null,
          bookingKey: req.bookingKey,
        })
        // A concurrent call with the same key waits here for the other one, then finds its row.
        .onConflictDoNothing({ target: appointments.bookingKey })
        .returning({ id: appointments.id })
      if (!row) throw new Abort('duplicate_key')
      await claimUnits(tx, row.id, check.candidates, req.date, unitsOf(req.time, service.durationMinutes))
      const [booked] = await findAppointments(tx, eq(appointments.id, row.id))
      await recordWebhookEvent(tx, {
        type: 'appointment.booked',
        dedupeKey: `appointment.booked:${row.id}`,
        data: { appointment: webhookAppointment(booked!) },
      })
      return row.id
    })
    const [appointment] = await findAppointments(db, eq(appointments.id, id))
    return { ok: true, appointment: appointment!, created: true }
  } catch (error) {
    if (!(error instanceof Abort)) throw error
    if (error.why === 'duplicate_key') {
      const [appointment] = await findAppointments(db, eq(appointments.bookingKey, req.bookingKey))
      if (appointment) return { ok: true, appointment, created: false }
      throw new Error(`bookAppointment: key ${req.bookingKey} conflicted but its appointment is gone`)
    }
    return { ok: false, reason: 'slot_taken', alternatives: await alternativesFor(db, target) }
  }
}

/**
 * Moves a customer's scheduled appointment. In one transaction the new units are taken before the old
 * ones are released, so a failure (any BookingFailure) leaves the appointment where it was. The
 * appointment's bookingKey becomes `bookingKey`: repeating the same call answers moved=false.
 */
export async function rescheduleAppointment(
  db: Db,
  req: { appointmentId: number; customerPhone: string; date: string; time: string } & Pick<
    BookingRequest,
    'bookingKey' | 'timeZone' | 'now'
  >,
): Promise<RescheduleResult> {
  assertSlotInput(req)
  const [current] = await findAppointments(db, ownedBy(req.appointmentId, req.customerPhone))
  if (!current) return { ok: false, reason: 'not_found', alternatives: [] }
  if (current.bookingKey === req.bookingKey) return { ok: true, appointment: current, moved: false }
  if (current.status !== 'scheduled') return { ok: false, reason: 'not_scheduled', alternatives: [] }
  if (current.date === req.date && current.time === req.time) {
    return { ok: true, appointment: current, moved: false }
  }
  const target = {
    ...req,
    appointmentType: current.appointmentType,
    durationMinutes: current.durationMinutes,
  }
  const check = await checkSlot(db, target)
  if (!check.ok) return check

  try {
    const moved = await db.transaction(async (tx) => {
      // Serializes with a concurrent cancel or reschedule of the same appointment.
      const [row] = await tx.select().from(appointments).where(eq(appointments.id, current.id)).for('update')
      if (row?.bookingKey === req.bookingKey) return false
      if (row?.status !== 'scheduled') throw new Abort('not_scheduled')
      const old = await tx.select().from(appointmentSlots).where(eq(appointmentSlots.appointmentId, row.id))
      const oldResource = old[0]?.resourceId
      const candidates = oldResource === undefined ? check.candidates : [oldResource, ...check.candidates]
      const units = unitsOf(req.time, row.durationMinutes)
      // Units it already holds on the same resource stay its own: a half-hour shift keeps its bay.
      const kept = (r: number) => old.filter((s) => s.resourceId === r && s.slotDate === req.date)
      const resourceId = await claimUnits(tx, row.id, [...new Set(candidates)], req.date, units, (r) =>
        kept(r).map((s) => s.slotTime),
      )
      await tx
        .delete(appointmentSlots)
        .where(
          and(
            eq(appointmentSlots.appointmentId, row.id),
            not(
              and(
                eq(appointmentSlots.resourceId, resourceId),
                eq(appointmentSlots.slotDate, req.date),
                inArray(appointmentSlots.slotTime, units),
              )!,
            ),
          ),
        )
      await tx
        .update(appointments)
        .set({
          scheduledDate: req.date,
          scheduledTime: req.time,
          bookingKey: req.bookingKey,
          updatedAt: sql`now()`,
        })
        .where(eq(appointments.id, row.id))
      const [moved] = await findAppointments(tx, eq(appointments.id, row.id))
      await recordWebhookEvent(tx, {
        type: 'appointment.rescheduled',
        dedupeKey: `appointment.rescheduled:${row.id}:${req.bookingKey}`,
        data: {
          appointment: webhookAppointment(moved!),
          previous: { date: row.scheduledDate, time: row.scheduledTime },
        },
      })
      return true
    })
    const [appointment] = await findAppointments(db, eq(appointments.id, current.id))
    return { ok: true, appointment: appointment!, moved }
  } catch (error) {
    if (!(error instanceof Abort)) throw error
    if (error.why === 'not_scheduled') return { ok: false, reason: 'not_scheduled', alternatives: [] }
    return { ok: false, reason: 'slot_taken', alternatives: await alternativesFor(db, target) }
  }
}

/**
 * Cancels a customer's appointment and frees its units. Cancelling twice answers cancelled=false; another
 * customer's appointment is not_found; a completed or no-show one is not_scheduled.
 */
export async function cancelAppointment(
  db: Db,
  req: { appointmentId: number; customerPhone: string },
): Promise<CancelResult> {
  const outcome = await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ status: appointments.status })
      .from(appointments)
      .where(ownedBy(req.appointmentId, req.customerPhone))
      .for('update')
    if (!row || row.status !== 'scheduled') return row?.status ?? 'not_found'
    await tx.delete(appointmentSlots).where(eq(appointmentSlots.appointmentId, req.appointmentId))
    await tx
      .update(appointments)
      .set({ status: 'cancelled', updatedAt: sql`now()` })
      .where(eq(appointments.id, req.appointmentId))
    const [cancelled] = await findAppointments(tx, eq(appointments.id, req.appointmentId))
    await recordWebhookEvent(tx, {
      type: 'appointment.cancelled',
      dedupeKey: `appointment.cancelled:${req.appointmentId}`,
      data: { appointment: webhookAppointment(cancelled!) },
    })
    return 'done'
  })
  if (outcome === 'not_found') return { ok: false, reason: 'not_found' }
  if (outcome !== 'done' && outcome !== 'cancelled') return { ok: false, reason: 'not_scheduled' }
  const [appointment] = await findAppointments(db, eq(appointments.id, req.appointmentId))
  return { ok: true, appointment: appointment!, cancelled: outcome === 'done' }
}

/** A customer's scheduled appointments on or after `today` (YYYY-MM-DD), soonest first. */
export async function upcomingAppointments(
  db: Db,
  phone: string,
  today: string,
): Promise<BookedAppointment[]> {
  return findAppointments(
    db,
    and(
      eq(appointments.customerPhone, phone),
      eq(appointments.status, 'scheduled'),
      gte(appointments.scheduledDate, today),
    )!,
  )
}

export type TimeOfDay = 'morning' | 'afternoon' | 'evening'

/** Days nextFreeSlots looks at: the start day and the 13 after it. */
const SEARCH_DAYS = 14

/**
 * The next `limit` bookable start times from `fromDate` (and `fromTime` that day), skipping closed days,
 * within two weeks. Morning is before 12:00, afternoon 12:00-17:00, evening from 17:00. Throws on an
 * unknown service name (bookAppointment reports it as unknown_service).
 */
export async function nextFreeSlots(
  db: Db,
  q: {
    appointmentType: AppointmentType
    serviceTypeName?: string
    fromDate: string
    fromTime?: string
    timeOfDay?: TimeOfDay
    timeZone: string
    now?: Date
    limit: number
  },
): Promise<{ date: string; time: string }[]> {
  if (!isLocalDate(q.fromDate)) throw new TypeError('fromDate must be YYYY-MM-DD')
  const service = await resolveService(db, q.appointmentType, q.serviceTypeName)
  if (!service) throw new Error(`nextFreeSlots: unknown service "${q.serviceTypeName}"`)
  const found: { date: string; time: string }[] = []
  for (let day = 0; day < SEARCH_DAYS && found.length < q.limit; day++) {
    const date = addDays(q.fromDate, day)
    const { slots } = await availability(db, { ...q, date, durationMinutes: service.durationMinutes })
    for (const { time, available } of slots) {
      if (!available || (day === 0 && q.fromTime && time < q.fromTime)) continue
      if (q.timeOfDay && timeOfDay(time) !== q.timeOfDay) continue
      if (found.push({ date, time }) >= q.limit) break
    }
  }
  return found
}

function timeOfDay(time: string): TimeOfDay {
  return time < '12:00' ? 'morning' : time < '17:00' ? 'afternoon' : 'evening'
}

function assertSlotInput(req: { date: string; time: string; bookingKey: string }): void {
  if (!isLocalDate(req.date)) throw new TypeError('date must be a real YYYY-MM-DD date')
  if (!isLocalTime(req.time)) throw new TypeError('time must be HH:MM (24h)')
  if (!req.bookingKey.trim()) throw new TypeError('bookingKey must not be empty')
}

function ownedBy(appointmentId: number, phone: string): SQL {
  return and(eq(appointments.id, appointmentId), eq(appointments.customerPhone, phone))!
}

async function resolveService(db: Db, type: AppointmentType, name: string | undefined) {
  if (type === 'test_drive') return { serviceTypeId: null, durationMinutes: TEST_DRIVE_MINUTES }
  if (!name?.trim()) return { serviceTypeId: null, durationMinutes: SLOT_MINUTES }
  const service = await findServiceByName(db, name.trim())
  return service && { serviceTypeId: service.id, durationMinutes: service.durationMinutes }
}

interface SlotTarget {
  appointmentType: AppointmentType
  date: string
  time: string
  durationMinutes: number
  timeZone: string
  now?: Date
}

/**
 * Whether the start time can be booked at all (not past, open, a real start time), and the resources to
 * try: the ones that looked free first, then the rest, because a cancellation may have freed one since.
 */
async function checkSlot(
  db: Db,
  t: SlotTarget,
): Promise<
  { ok: true; candidates: number[] } | { ok: false; reason: BookingFailure; alternatives: string[] }
> {
  const kind = t.appointmentType === 'service' ? 'service_bay' : 'sales_consultant'
  const [{ hours, slots }, pool] = await Promise.all([
    availability(db, t),
    db
      .select({ id: resources.id })
      .from(resources)
      .where(eq(resources.kind, kind))
      .orderBy(asc(resources.id)),
  ])
  const fail = (reason: BookingFailure) => ({
    ok: false as const,
    reason,
    alternatives: nearest(slots, t.time),
  })
  const now = localDateTime(t.now ?? new Date(), t.timeZone)
  if (t.date < now.date || (t.date === now.date && t.time < now.time)) return fail('in_the_past')
  if (!hours) return fail('closed')
  const slot = slots.find((s) => s.time === t.time)
  if (!slot) return fail('outside_hours')
  const free = slot.freeResourceIds
  return { ok: true, candidates: [...free, ...pool.map((r) => r.id).filter((id) => !free.includes(id))] }
}

async function alternativesFor(db: Db, t: SlotTarget): Promise<string[]> {
  return nearest((await availability(db, t)).slots, t.time)
}

/** Up to 3 free start times nearest `time`, returned in time order. */
function nearest(slots: Slot[], time: string): string[] {
  const at = timeToMinutes(time)
  return slots
    .filter((s) => s.available)
    .map((s) => s.time)
    .sort((a, b) => Math.abs(timeToMinutes(a) - at) - Math.abs(timeToMinutes(b) - at) || a.localeCompare(b))
    .slice(0, 3)
    .sort()
}

/**
 * Inserts the appointment's units on the first candidate resource where none is taken, each attempt in
 * a savepoint so a unique violation only undoes that attempt. Returns the resource, or aborts the whole
 * transaction with slot_taken when every candidate is taken.
 */
async function claimUnits(
  tx: Tx,
  appointmentId: number,
  candidates: number[],
  date: string,
  units: string[],
  alreadyHeld: (resourceId: number) => string[] = () => [],
): Promise<number> {
  for (const resourceId of candidates) {
    const held = alreadyHeld(resourceId)
    const rows = units
      .filter((u) => !held.includes(u))
      .map((slotTime) => ({ appointmentId, resourceId, slotDate: date, slotTime }))
    try {
      if (rows.length > 0) await tx.transaction((sp) => sp.insert(appointmentSlots).values(rows))
      return resourceId
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
    }
  }
  throw new Abort('slot_taken')
}

/** Creates the customer, or links to the one with this phone, keeping their name unless it is empty. */
async function upsertCustomer(tx: Tx, req: BookingRequest): Promise<number> {
  const [row] = await tx
    .insert(customers)
    .values({ name: req.customerName.trim(), phone: req.customerPhone, email: req.customerEmail ?? null })
    .onConflictDoUpdate({
      target: customers.phone,
      set: {
        name: sql`case when ${customers.name} = '' then excluded.name else ${customers.name} end`,
        email: sql`coalesce(excluded.email, ${customers.email})`,
      },
    })
    .returning({ id: customers.id })
  return row!.id
}
