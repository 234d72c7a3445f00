import { Hono } from 'hono'
import { z } from 'zod'
import { listAppointments } from '../../db/appointments'
import { AppointmentStatus } from '../../domain/catalog'
import type { AppEnv } from '../context'
import { RowIdQuery } from '../id-params'
import type { Operation } from '../openapi'
import { PhoneNumber } from '../phone-param'
import { validate } from '../validate'
import { LocalDateQuery, refineDateRange } from '../call-filter-query'

const AppointmentsQuery = z
  .strictObject({
    phone: PhoneNumber.optional(),
    customerId: RowIdQuery.optional(),
    status: AppointmentStatus.optional(),
    from: LocalDateQuery.optional(),
    to: LocalDateQuery.optional(),
    order: z.enum(['newest', 'soonest']).default('newest'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .superRefine(refineDateRange)

export const appointmentOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/appointments',
    summary:
      'Appointments, newest first (or `order=soonest`), filtered by phone, customer, status and scheduled date from..to (local, both included); paged by limit and offset',
    tag: 'catalog',
    query: AppointmentsQuery,
    responses: {
      200: '{appointments: [...], total, nextOffset} (total: all that match; nextOffset: null on the last page)',
      400: 'Invalid filter',
    },
  },
]

export const appointmentRoutes = new Hono<AppEnv>().get(
  '/',
  validate('query', AppointmentsQuery),
  async (c) => {
    const { order, ...query } = c.req.valid('query')
    const page = await listAppointments(c.var.deps.db, { ...query, ascending: order === 'soonest' })
    const next = query.offset + page.appointments.length
    return c.json({ ...page, nextOffset: next < page.total ? next : null })
  },
)
