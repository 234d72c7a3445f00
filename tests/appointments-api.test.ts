/** GET /api/appointments: from/to on the scheduled date, a true total, paging; old callers unchanged. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appointments } from '../db/schema'
import { createTestApi, errorCode } from './support/api'
import { createSeededTestDatabase, type TestDatabase } from './support/postgres'

let database: TestDatabase
let api: Awaited<ReturnType<typeof createTestApi>>
const DATES = [
  '2031-06-01',
  '2031-06-02',
  '2031-06-02',
  '2031-06-03',
  '2031-06-05',
  '2031-06-08',
  '2031-06-09',
]

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_appts')
  api = await createTestApi({ databaseUrl: database.url })
  await api.db.delete(appointments)
  await api.db.insert(appointments).values(
    DATES.map((date, i) => ({
      appointmentType: 'service' as const,
      status: i % 3 === 0 ? ('cancelled' as const) : ('scheduled' as const),
      customerName: `Owner ${i}`,
      customerPhone: '+12175550100',
      scheduledDate: date,
      scheduledTime: `${String(8 + i).padStart(2, '0')}:00`,
      durationMinutes: 60,
      callId: `call-appt-${i}`,
    })),
  )
}, 120_000)
afterAll(async () => {
  await api?.close()
  await database?.drop()
})

describe('GET /api/appointments', () => {
  it('filters by scheduled date, both ends included, with the total of all pages', async () => {
    const res = await api.call('/api/appointments?from=2031-06-02&to=2031-06-05&order=soonest&limit=2')
    expect(res.status).toBe(200)
    const inRange = DATES.filter((d) => d >= '2031-06-02' && d <= '2031-06-05')
    expect(res.body.total).toBe(inRange.length)
    expect(res.body.appointments.map((a: { date: string }) => a.date)).toEqual(inRange.slice(0, 2))
    expect(res.body.nextOffset).toBe(2)
    const next = await api.call(
      '/api/appointments?from=2031-06-02&to=2031-06-05&order=soonest&limit=2&offset=2',
    )
    expect(next.body.appointments.map((a: { date: string }) => a.date)).toEqual(inRange.slice(2, 4))
    expect(next.body.nextOffset).toBeNull()
    expect(next.body.appointments[0].callId).toMatch(/^call-appt-/)
  })

  it('keeps the old answer for old callers: newest first, total of what matches', async () => {
    const res = await api.call('/api/appointments?status=cancelled')
    const cancelled = DATES.filter((_, i) => i % 3 === 0)
    expect(res.body.total).toBe(cancelled.length)
    expect(res.body.appointments.map((a: { date: string }) => a.date)).toEqual([...cancelled].reverse())
    const all = await api.call('/api/appointments')
    expect(all.body.total).toBe(DATES.length)
    expect(all.body.appointments).toHaveLength(DATES.length)
  })

  it('refuses bad dates, ranges, order and offsets with 400 JSON', async () => {
    for (const q of [
      'from=2031-06-31',
      'to=june',
      'from=2031-06-05&to=2031-06-01',
      'order=random',
      'offset=-1',
      'offset=x',
    ]) {
      const res = await api.call(`/api/appointments?${q}`)
      expect(res.status, q).toBe(400)
      expect(errorCode(res.body)).toBe('invalid_request')
    }
  })
})
