import { Hono } from 'hono'
import { z } from 'zod'
import { listAppointments } from '../../db/appointments'
import { AppointmentStatus } from '../../domain/catalog'
import type { AppEnv } from '../context'
import { RowIdQuery } from '../id-params'
import type { Operation } from '../openapi'
import { PhoneNumber } from '../phone-param'
import { validate } from '../validate'

const AppointmentsQuery = z.strictObject({
  phone: PhoneNumber.optional(),
  customerId: RowIdQuery.optional(),
  status: AppointmentStatus.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
})

export const appointmentOperations: Operation[] = [
  {
    method: 'get',
    path: '/api/appointments',
    summary: 'Appointments, newest first, filtered by phone, customer or status',
    tag: 'catalog',
    query: AppointmentsQuery,
    responses: { 200: '{appointments: [...], total}', 400: 'Invalid filter' },
  },
]

export const appointmentRoutes = new Hono<AppEnv>().get(
  '/',
  validate('query', AppointmentsQuery),
  async (c) => {
    const appointments = await listAppointments(c.var.deps.db, c.req.valid('query'))
    return c.json({ appointments, total: appointments.length })
  },
)
