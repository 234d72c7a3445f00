/** Names shared by the database, the API and the agents for the dealership's catalog. */
import { z } from 'zod'

/** The seeded dealership's name, used when the activities are given none. */
export const DEFAULT_DEALERSHIP_NAME = 'Springfield Auto'

export const FAQ_CATEGORIES = [
  'hours',
  'location',
  'sales',
  'financing',
  'trade_in',
  'warranty',
  'service',
  'parts',
  'ev',
  'amenities',
  'payment',
  'policies',
] as const
export const FaqCategory = z.enum(FAQ_CATEGORIES)
export type FaqCategory = z.infer<typeof FaqCategory>

export const APPOINTMENT_TYPES = ['service', 'test_drive'] as const
export const AppointmentType = z.enum(APPOINTMENT_TYPES)
export type AppointmentType = z.infer<typeof AppointmentType>

export const APPOINTMENT_STATUSES = ['scheduled', 'cancelled', 'completed', 'no_show'] as const
export const AppointmentStatus = z.enum(APPOINTMENT_STATUSES)
export type AppointmentStatus = z.infer<typeof AppointmentStatus>

export const DEPARTMENTS = ['service', 'sales'] as const
export type Department = (typeof DEPARTMENTS)[number]

/** Which department's hours and which resources an appointment type uses. */
export const APPOINTMENT_DEPARTMENT: Record<AppointmentType, Department> = {
  service: 'service',
  test_drive: 'sales',
}

/** A test drive occupies one sales consultant for this long. */
export const TEST_DRIVE_MINUTES = 30
