import { Hono } from 'hono'
import { z } from 'zod'
import { availability } from '../../db/appointments'
import { findServiceByName } from '../../db/catalog'
import { AppointmentType, TEST_DRIVE_MINUTES } from '../../domain/catalog'
import { SLOT_MINUTES } from '../../domain/slots'
import { isLocalDate } from '../../domain/time'
import type { AppEnv } from '../context'
import { badRequest } from '../errors'
import type { Operation } from '../openapi'
import { validate } from '../validate'

const SlotsQuery = z.strictObject({
  date: z.string().refine(isLocalDate, 'must be a real date in YYYY-MM-DD form'),
  appointmentType: AppointmentType.default('service'),
  serviceType: z.string().trim().min(1).max(80).optional(),
})

export const slotOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/slots',
    summary: 'Start times of a day (dealership time zone) and whether each can still be booked',
    tag: 'booking',
    query: SlotsQuery,
    responses: {
      200: '{date, appointmentType, serviceType, durationMinutes, closed, opensAt, closesAt, slots: [{time, available}]}',
      400: 'Invalid date, type or unknown service',
    },
  },
]

export const slotRoutes = new Hono<AppEnv>().get('/', validate('query', SlotsQuery), async (c) => {
  const { date, appointmentType, serviceType } = c.req.valid('query')
  const { db, dealershipTimeZone, now } = c.var.deps
  let durationMinutes = appointmentType === 'test_drive' ? TEST_DRIVE_MINUTES : SLOT_MINUTES
  let serviceName: string | null = null
  if (serviceType && appointmentType === 'service') {
    const service = await findServiceByName(db, serviceType)
    if (!service) throw badRequest(`Unknown service "${serviceType}"; GET /api/services lists them`)
    durationMinutes = service.durationMinutes
    serviceName = service.name
  }
  const { hours, slots } = await availability(db, {
    appointmentType,
    date,
    durationMinutes,
    timeZone: dealershipTimeZone,
    now: now?.(),
  })
  return c.json({
    date,
    appointmentType,
    serviceType: serviceName,
    durationMinutes,
    closed: hours === null,
    opensAt: hours?.opensAt ?? null,
    closesAt: hours?.closesAt ?? null,
    slots: slots.map(({ time, available }) => ({ time, available })),
  })
})
