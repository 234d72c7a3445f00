/** Appointments and the availability of their slots. */
import { and, asc, count, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import type { Db, DbOrTx } from './client'
import { appointments, appointmentSlots, businessHours, resources, serviceTypes } from './schema'
import { APPOINTMENT_DEPARTMENT, type AppointmentStatus, type AppointmentType } from '../domain/catalog'
import { computeSlots, unitKey, type OpeningHours, type Slot } from '../domain/slots'
import { localDateTime, weekdayOf } from '../domain/time'

export interface AppointmentFilter {
  phone?: string
  customerId?: number
  status?: AppointmentStatus
  /** Scheduled on or after this local date (YYYY-MM-DD). */
  from?: string
  /** Scheduled on or before this local date. */
  to?: string
  /** Soonest first instead of newest first. */
  ascending?: boolean
  limit: number
  offset?: number
}

/** Appointments for the API: newest first (or soonest first), one page, and how many match in all. */
export async function listAppointments(db: Db, filter: AppointmentFilter) {
  const where: SQL[] = []
  if (filter.phone) where.push(eq(appointments.customerPhone, filter.phone))
  if (filter.customerId !== undefined) where.push(eq(appointments.customerId, filter.customerId))
  if (filter.status) where.push(eq(appointments.status, filter.status))
  if (filter.from) where.push(gte(appointments.scheduledDate, filter.from))
  if (filter.to) where.push(lte(appointments.scheduledDate, filter.to))
  const [page, [counted]] = await Promise.all([
    findAppointments(db, and(...where), {
      newestFirst: !filter.ascending,
      limit: filter.limit,
      offset: filter.offset,
    }),
    db
      .select({ n: count() })
      .from(appointments)
      .where(and(...where)),
  ])
  return { appointments: page, total: Number(counted?.n ?? 0) }
}

export interface BookedAppointment {
  id: number
  appointmentType: AppointmentType
  status: AppointmentStatus
  customerId: number | null
  customerName: string
  customerPhone: string
  customerEmail: string | null
  serviceType: string | null
  inventoryVehicleId: number | null
  vehicleDescription: string | null
  date: string
  time: string
  durationMinutes: number
  /** The service bay or sales consultant it occupies; null once cancelled. */
  resourceId: number | null
  callId: string | null
  bookingKey: string | null
  createdAt: string
}

/** Appointments with their service name and resource, soonest first unless `newestFirst`. */
export async function findAppointments(
  db: DbOrTx,
  where: SQL | undefined,
  options: { newestFirst?: boolean; limit?: number; offset?: number } = {},
): Promise<BookedAppointment[]> {
  const order = options.newestFirst ? desc : asc
  const query = db
    .select({
      a: appointments,
      serviceType: serviceTypes.name,
      resourceId: sql<number | null>`(select min(${appointmentSlots.resourceId}) from ${appointmentSlots}
        where ${appointmentSlots.appointmentId} = ${appointments.id})`,
    })
    .from(appointments)
    .leftJoin(serviceTypes, eq(serviceTypes.id, appointments.serviceTypeId))
    .where(where)
    .orderBy(order(appointments.scheduledDate), order(appointments.scheduledTime), order(appointments.id))
  const rows =
    options.limit === undefined ? await query : await query.limit(options.limit).offset(options.offset ?? 0)
  return rows.map(({ a, serviceType, resourceId }) => ({
    id: a.id,
    appointmentType: a.appointmentType,
    status: a.status,
    customerId: a.customerId,
    customerName: a.customerName,
    customerPhone: a.customerPhone,
    customerEmail: a.customerEmail,
    serviceType,
    inventoryVehicleId: a.inventoryVehicleId,
    vehicleDescription: a.vehicleDescription,
    date: a.scheduledDate,
    time: a.scheduledTime,
    durationMinutes: a.durationMinutes,
    resourceId: resourceId === null ? null : Number(resourceId),
    callId: a.callId,
    bookingKey: a.bookingKey,
    createdAt: a.createdAt.toISOString(),
  }))
}

export async function openingHours(
  db: Db,
  type: AppointmentType,
  date: string,
): Promise<OpeningHours | null> {
  const [row] = await db
    .select({ opensAt: businessHours.opensAt, closesAt: businessHours.closesAt })
    .from(businessHours)
    .where(
      and(
        eq(businessHours.department, APPOINTMENT_DEPARTMENT[type]),
        eq(businessHours.weekday, weekdayOf(date)),
      ),
    )
  return row ?? null
}

export interface AvailabilityQuery {
  appointmentType: AppointmentType
  date: string
  durationMinutes: number
  timeZone: string
  now?: Date
}

/** Every start time of a day for an appointment type and length, with what is still free. */
export async function availability(
  db: Db,
  q: AvailabilityQuery,
): Promise<{ hours: OpeningHours | null; slots: Slot[] }> {
  const kind = q.appointmentType === 'service' ? 'service_bay' : 'sales_consultant'
  const [hours, pool] = await Promise.all([
    openingHours(db, q.appointmentType, q.date),
    db.select({ id: resources.id }).from(resources).where(eq(resources.kind, kind)),
  ])
  const resourceIds = pool.map((r) => r.id)
  const taken = resourceIds.length
    ? await db
        .select({ resourceId: appointmentSlots.resourceId, time: appointmentSlots.slotTime })
        .from(appointmentSlots)
        .where(and(eq(appointmentSlots.slotDate, q.date), inArray(appointmentSlots.resourceId, resourceIds)))
    : []
  const today = localDateTime(q.now ?? new Date(), q.timeZone)
  const slots = computeSlots({
    hours,
    durationMinutes: q.durationMinutes,
    resourceIds,
    occupied: new Set(taken.map((t) => unitKey(t.resourceId, t.time))),
    dayIsPast: q.date < today.date,
    notBefore: q.date === today.date ? today.time : undefined,
  })
  return { hours, slots }
}
