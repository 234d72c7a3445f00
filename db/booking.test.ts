import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, openTestDb, type TestDatabase } from '../tests/support/postgres'
import { availability } from './appointments'
import {
  bookAppointment,
  cancelAppointment,
  nextFreeSlots,
  rescheduleAppointment,
  upcomingAppointments,
  type BookingRequest,
  type BookingResult,
} from './booking'
import { openDb, type Db, type DbHandle } from './client'
import { appointments, appointmentSlots, customers, inventoryVehicles, resources } from './schema'
import { seed } from './seed'
import { weekdayOf } from '../domain/time'

const TZ = 'America/Chicago'
// "Now" is Monday 2031-06-02, 10:15 in Chicago (CDT). Every test books its own days after it.
const NOW = new Date('2031-06-02T15:15:00Z')
const TODAY = '2031-06-02'

let keys = 0
/** A booking request with a fresh key and phone unless given. */
function request(overrides: Partial<BookingRequest> = {}): BookingRequest {
  keys += 1
  return {
    appointmentType: 'service',
    serviceTypeName: 'Oil Change',
    date: '2031-06-03',
    time: '09:00',
    customerName: `Caller ${keys}`,
    customerPhone: `+1312555${String(1000 + keys).padStart(4, '0')}`,
    bookingKey: `test-${process.pid}-${keys}`,
    timeZone: TZ,
    now: NOW,
    ...overrides,
  }
}

function booked(result: BookingResult) {
  if (!result.ok) throw new Error(`expected a booking, got ${result.reason}`)
  return result.appointment
}

const slotRows = (db: Db, appointmentId: number) =>
  db
    .select()
    .from(appointmentSlots)
    .where(eq(appointmentSlots.appointmentId, appointmentId))
    .orderBy(appointmentSlots.slotTime)

/** Free resources per start time, as GET /api/slots computes them. */
async function freeAt(
  db: Db,
  date: string,
  durationMinutes = 30,
  type: 'service' | 'test_drive' = 'service',
) {
  const { slots } = await availability(db, {
    appointmentType: type,
    date,
    durationMinutes,
    timeZone: TZ,
    now: NOW,
  })
  return (time: string) => slots.find((s) => s.time === time)?.freeResourceIds.length ?? 0
}

describe.each(['pglite', 'postgres'] as const)('booking on %s', (driver) => {
  let handle: Awaited<ReturnType<typeof openTestDb>>
  let bays: number[]

  beforeAll(async () => {
    handle = await openTestDb(driver)
    await handle.migrate()
    await seed(handle.db)
    const rows = await handle.db.select().from(resources).where(eq(resources.kind, 'service_bay'))
    bays = rows.map((r) => r.id)
  }, 60_000)
  afterAll(async () => {
    await handle?.dispose()
  })

  it('books one resource for every unit of the service and links the customer', async () => {
    const db = handle.db
    const date = '2031-06-03'
    expect((await freeAt(db, date))('09:30')).toBe(4)
    const started = performance.now()
    const result = await bookAppointment(db, request({ serviceTypeName: 'brake inspection', date }))
    const ms = performance.now() - started
    const appointment = booked(result)
    expect(result).toMatchObject({ ok: true, created: true })
    expect(appointment).toMatchObject({
      appointmentType: 'service',
      status: 'scheduled',
      serviceType: 'Brake Inspection',
      date,
      time: '09:00',
      durationMinutes: 60,
    })
    expect(bays).toContain(appointment.resourceId)
    const rows = await slotRows(db, appointment.id)
    expect(rows.map((r) => [r.resourceId, r.slotDate, r.slotTime])).toEqual([
      [appointment.resourceId, date, '09:00'],
      [appointment.resourceId, date, '09:30'],
    ])
    const free = await freeAt(db, date)
    expect([free('08:30'), free('09:00'), free('09:30'), free('10:00')]).toEqual([4, 3, 3, 4])
    expect((await freeAt(db, date, 60))('08:30')).toBe(3)

    const [customer] = await db.select().from(customers).where(eq(customers.phone, appointment.customerPhone))
    expect(customer).toMatchObject({ id: appointment.customerId, name: appointment.customerName })
    expect(ms).toBeLessThan(5_000)
  })

  it('returns the same appointment for the same bookingKey', async () => {
    const db = handle.db
    const first = request({ date: '2031-06-04', time: '08:00' })
    const a = booked(await bookAppointment(db, first))
    const again = await bookAppointment(db, {
      ...first,
      time: '15:00',
      now: new Date('2031-07-01T12:00:00Z'),
    })
    expect(again).toEqual({ ok: true, appointment: a, created: false })
    expect(await slotRows(db, a.id)).toHaveLength(1)
    const all = await db.select().from(appointments).where(eq(appointments.bookingKey, first.bookingKey))
    expect(all).toHaveLength(1)
  })

  it('keeps a known customer name, fills an empty one and books test drives on a consultant', async () => {
    const db = handle.db
    const known = booked(
      await bookAppointment(
        db,
        request({ customerPhone: '+12175550101', customerName: 'Mike J', date: '2031-06-05' }),
      ),
    )
    const [michael] = await db.select().from(customers).where(eq(customers.phone, '+12175550101'))
    expect(michael).toMatchObject({ id: known.customerId, name: 'Michael Johnson' })

    await db.insert(customers).values({ name: '', phone: '+13125559999' })
    const [car] = await db.select().from(inventoryVehicles).limit(1)
    const drive = booked(
      await bookAppointment(
        db,
        request({
          appointmentType: 'test_drive',
          serviceTypeName: undefined,
          inventoryVehicleId: car!.id,
          customerPhone: '+13125559999',
          customerName: 'Dana Scully',
          customerEmail: 'dana@example.com',
          date: '2031-06-05',
          time: '18:30',
        }),
      ),
    )
    const [dana] = await db.select().from(customers).where(eq(customers.phone, '+13125559999'))
    expect(dana).toMatchObject({ id: drive.customerId, name: 'Dana Scully', email: 'dana@example.com' })
    expect(drive).toMatchObject({ durationMinutes: 30, inventoryVehicleId: car!.id, serviceType: null })
    const [consultant] = await db.select().from(resources).where(eq(resources.id, drive.resourceId!))
    expect(consultant?.kind).toBe('sales_consultant')
    expect((await freeAt(db, '2031-06-05', 30, 'test_drive'))('18:30')).toBe(2)
  })

  it('cancels: frees the slot, twice is fine, another customer gets not_found', async () => {
    const db = handle.db
    const date = '2031-06-06'
    const a = booked(await bookAppointment(db, request({ date, time: '10:00' })))
    expect(await cancelAppointment(db, { appointmentId: a.id, customerPhone: '+13125550000' })).toEqual({
      ok: false,
      reason: 'not_found',
    })
    expect((await freeAt(db, date))('10:00')).toBe(3)
    const cancelled = await cancelAppointment(db, { appointmentId: a.id, customerPhone: a.customerPhone })
    expect(cancelled).toMatchObject({
      ok: true,
      cancelled: true,
      appointment: { status: 'cancelled', resourceId: null },
    })
    expect(await slotRows(db, a.id)).toEqual([])
    expect((await freeAt(db, date))('10:00')).toBe(4)
    const twice = await cancelAppointment(db, { appointmentId: a.id, customerPhone: a.customerPhone })
    expect(twice).toMatchObject({ ok: true, cancelled: false, appointment: { status: 'cancelled' } })
    expect(await cancelAppointment(db, { appointmentId: 987_654, customerPhone: a.customerPhone })).toEqual({
      ok: false,
      reason: 'not_found',
    })
  })
})

describe('booking on PostgreSQL with 30 connections', () => {
  let database: TestDatabase
  let handle: DbHandle
  let db: Db

  beforeAll(async () => {
    database = await createTestDatabase('pitcrew_booking')
    handle = await openDb({ databaseUrl: database.url, maxConnections: 30 })
    await handle.migrate()
    await seed(handle.db)
    db = handle.db
  }, 60_000)
  afterAll(async () => {
    await handle?.close()
    await database?.drop()
  })

  /** Books `n` requests at once, each from its own caller, and splits the results. */
  async function race(n: number, overrides: Partial<BookingRequest>) {
    const results = await Promise.all(
      Array.from({ length: n }, () => bookAppointment(db, request(overrides))),
    )
    return {
      won: results.flatMap((r) => (r.ok ? [r.appointment] : [])),
      lost: results.flatMap((r) => (r.ok ? [] : [r])),
    }
  }

  it('gives the last free bay to exactly one of 30 simultaneous callers', async () => {
    const date = '2031-06-10'
    for (let i = 0; i < 3; i++) booked(await bookAppointment(db, request({ date, time: '10:00' })))
    expect((await freeAt(db, date))('10:00')).toBe(1)

    const { won, lost } = await race(30, { date, time: '10:00' })
    expect(won).toHaveLength(1)
    expect(lost).toHaveLength(29)
    for (const r of lost) {
      expect(r.reason).toBe('slot_taken')
      expect(r.alternatives).toEqual(['09:00', '09:30', '10:30'])
    }
    const rows = await db
      .select()
      .from(appointmentSlots)
      .where(and(eq(appointmentSlots.slotDate, date), eq(appointmentSlots.slotTime, '10:00')))
    expect(new Set(rows.map((r) => r.resourceId)).size).toBe(4)
    expect(rows).toHaveLength(4)
    const scheduled = await db
      .select()
      .from(appointments)
      .where(and(eq(appointments.scheduledDate, date), eq(appointments.scheduledTime, '10:00')))
    expect(scheduled).toHaveLength(4)
    expect((await freeAt(db, date))('10:00')).toBe(0)
  })

  it('lets exactly as many callers in as there are free bays or consultants', async () => {
    const bays = await race(30, { date: '2031-06-11', time: '11:00', serviceTypeName: 'Wheel Alignment' })
    expect(bays.won).toHaveLength(4)
    expect(new Set(bays.won.map((a) => a.resourceId)).size).toBe(4)
    expect(bays.lost.every((r) => r.reason === 'slot_taken')).toBe(true)
    for (const a of bays.won) expect(await slotRows(db, a.id)).toHaveLength(2)

    const drives = await race(30, { date: '2031-06-11', time: '19:00', appointmentType: 'test_drive' })
    expect(drives.won).toHaveLength(3)
    expect(drives.lost.map((r) => r.reason)).toEqual(Array(27).fill('slot_taken'))
  })

  it('never double-books a unit when overlapping multi-unit services race', async () => {
    const date = '2031-06-12'
    const starts = ['13:00', '13:30', '14:00']
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        bookAppointment(db, request({ date, time: starts[i % 3], serviceTypeName: 'A/C Service' })),
      ),
    )
    const won = results.flatMap((r) => (r.ok ? [r.appointment] : []))
    // Every one of them needs the 14:00 unit, so four bays take exactly four.
    expect(won).toHaveLength(4)
    expect(results.filter((r) => !r.ok && r.reason === 'slot_taken')).toHaveLength(26)
    const units = new Set<string>()
    for (const a of won) {
      const rows = await slotRows(db, a.id)
      expect(rows).toHaveLength(3)
      expect(new Set(rows.map((r) => r.resourceId))).toEqual(new Set([a.resourceId]))
      for (const r of rows) units.add(`${r.resourceId} ${r.slotTime}`)
    }
    expect(units.size).toBe(12)
    const free = await freeAt(db, date, 90)
    expect(starts.map(free)).toEqual([0, 0, 0])
  })

  it('books a key once even when the same request races itself', async () => {
    const same = request({ date: '2031-06-12', time: '08:00' })
    const results = await Promise.all(Array.from({ length: 10 }, () => bookAppointment(db, same)))
    const ids = new Set(results.map((r) => booked(r).id))
    expect(ids.size).toBe(1)
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1)
    expect(await slotRows(db, [...ids][0]!)).toHaveLength(1)
  })

  it.each([
    ['a Sunday', { date: '2031-06-08' }, 'closed', []],
    ['before opening', { date: '2031-06-13', time: '06:30' }, 'outside_hours', ['07:00', '07:30', '08:00']],
    [
      'a service that would end after closing',
      { date: '2031-06-13', time: '17:30', serviceTypeName: 'Brake Inspection' },
      'outside_hours',
      ['16:00', '16:30', '17:00'],
    ],
    [
      'a time off the half-hour grid',
      { date: '2031-06-13', time: '09:15' },
      'outside_hours',
      ['08:30', '09:00', '09:30'],
    ],
    ['earlier today', { date: TODAY, time: '09:00' }, 'in_the_past', ['10:30', '11:00', '11:30']],
    ['last Friday', { date: '2031-05-30', time: '09:00' }, 'in_the_past', []],
    ['an unknown service', { date: '2031-06-13', serviceTypeName: 'Teleportation' }, 'unknown_service', []],
  ] as const)('refuses %s', async (_, overrides, reason, alternatives) => {
    const req = request(overrides)
    expect(await bookAppointment(db, req)).toEqual({ ok: false, reason, alternatives: [...alternatives] })
    expect(await db.select().from(appointments).where(eq(appointments.bookingKey, req.bookingKey))).toEqual(
      [],
    )
  })

  it('rejects malformed input instead of guessing', async () => {
    await expect(bookAppointment(db, request({ date: '2031-02-30' }))).rejects.toThrow(/date/)
    await expect(bookAppointment(db, request({ time: '9am' }))).rejects.toThrow(/time/)
    await expect(bookAppointment(db, request({ customerPhone: '217-555-0101' }))).rejects.toThrow(/E.164/)
    await expect(bookAppointment(db, request({ bookingKey: ' ' }))).rejects.toThrow(/bookingKey/)
  })

  it('takes a freed slot again after a cancellation', async () => {
    const date = '2031-06-13'
    const taken = await Promise.all(
      [1, 2, 3, 4].map(() => bookAppointment(db, request({ date, time: '12:00' }))),
    )
    const last = booked(taken[3]!)
    expect(await bookAppointment(db, request({ date, time: '12:00' }))).toMatchObject({
      reason: 'slot_taken',
    })
    await cancelAppointment(db, { appointmentId: last.id, customerPhone: last.customerPhone })
    const again = booked(await bookAppointment(db, request({ date, time: '12:00' })))
    expect(again.resourceId).toBe(last.resourceId)
  })

  describe('rescheduling', () => {
    const date = '2031-06-16'

    it('moves an appointment atomically and is idempotent by key', async () => {
      const a = booked(
        await bookAppointment(db, request({ date, time: '09:00', serviceTypeName: 'Brake Inspection' })),
      )
      const move = { appointmentId: a.id, customerPhone: a.customerPhone, timeZone: TZ, now: NOW }
      const moved = await rescheduleAppointment(db, { ...move, date, time: '14:00', bookingKey: 'move-1' })
      expect(moved).toMatchObject({ ok: true, moved: true, appointment: { id: a.id, date, time: '14:00' } })
      expect((await slotRows(db, a.id)).map((r) => r.slotTime)).toEqual(['14:00', '14:30'])
      const free = await freeAt(db, date)
      expect([free('09:00'), free('09:30'), free('14:00'), free('14:30')]).toEqual([4, 4, 3, 3])

      const retry = await rescheduleAppointment(db, { ...move, date, time: '14:00', bookingKey: 'move-1' })
      expect(retry).toMatchObject({ ok: true, moved: false, appointment: { time: '14:00' } })
      const other = await rescheduleAppointment(db, {
        ...move,
        customerPhone: '+13125550000',
        date,
        time: '15:00',
        bookingKey: 'x',
      })
      expect(other).toEqual({ ok: false, reason: 'not_found', alternatives: [] })
    })

    it('leaves the original intact when the new time is taken or closed', async () => {
      const a = booked(await bookAppointment(db, request({ date, time: '10:00' })))
      for (let i = 0; i < 4; i++) booked(await bookAppointment(db, request({ date, time: '16:00' })))
      const move = { appointmentId: a.id, customerPhone: a.customerPhone, timeZone: TZ, now: NOW }
      const before = await slotRows(db, a.id)

      const full = await rescheduleAppointment(db, { ...move, date, time: '16:00', bookingKey: 'move-2' })
      expect(full).toEqual({ ok: false, reason: 'slot_taken', alternatives: ['15:00', '15:30', '16:30'] })
      const sunday = await rescheduleAppointment(db, {
        ...move,
        date: '2031-06-15',
        time: '10:00',
        bookingKey: 'move-3',
      })
      expect(sunday).toMatchObject({ ok: false, reason: 'closed' })
      const past = await rescheduleAppointment(db, {
        ...move,
        date: TODAY,
        time: '08:00',
        bookingKey: 'move-4',
      })
      expect(past).toMatchObject({ ok: false, reason: 'in_the_past' })

      expect(await slotRows(db, a.id)).toEqual(before)
      const [row] = await db.select().from(appointments).where(eq(appointments.id, a.id))
      expect(row).toMatchObject({ scheduledDate: date, scheduledTime: '10:00', status: 'scheduled' })
      expect(row?.bookingKey).not.toMatch(/^move-/)
    })

    it('shifts by half an hour on its own bay when every other bay is busy', async () => {
      const day = '2031-06-17'
      const a = booked(
        await bookAppointment(db, request({ date: day, time: '10:00', serviceTypeName: 'Wheel Alignment' })),
      )
      for (let i = 0; i < 3; i++) {
        booked(
          await bookAppointment(
            db,
            request({ date: day, time: '10:00', serviceTypeName: 'Transmission Service' }),
          ),
        )
      }
      expect((await freeAt(db, day, 60))('10:30')).toBe(0)
      const moved = await rescheduleAppointment(db, {
        appointmentId: a.id,
        customerPhone: a.customerPhone,
        date: day,
        time: '10:30',
        bookingKey: 'move-5',
        timeZone: TZ,
        now: NOW,
      })
      expect(moved).toMatchObject({
        ok: true,
        moved: true,
        appointment: { time: '10:30', resourceId: a.resourceId },
      })
      expect((await slotRows(db, a.id)).map((r) => r.slotTime)).toEqual(['10:30', '11:00'])
    })

    it('refuses to move a cancelled appointment', async () => {
      const a = booked(await bookAppointment(db, request({ date, time: '11:00' })))
      await cancelAppointment(db, { appointmentId: a.id, customerPhone: a.customerPhone })
      const result = await rescheduleAppointment(db, {
        appointmentId: a.id,
        customerPhone: a.customerPhone,
        date,
        time: '12:00',
        bookingKey: 'move-6',
        timeZone: TZ,
        now: NOW,
      })
      expect(result).toEqual({ ok: false, reason: 'not_scheduled', alternatives: [] })
      expect(await slotRows(db, a.id)).toEqual([])
    })
  })

  it('lists upcoming scheduled appointments, soonest first', async () => {
    const phone = '+13125557777'
    const mine = (o: Partial<BookingRequest>) => bookAppointment(db, request({ customerPhone: phone, ...o }))
    const later = booked(await mine({ date: '2031-06-20', time: '09:00' }))
    const sooner = booked(await mine({ date: '2031-06-18', time: '15:00' }))
    const soonest = booked(await mine({ date: '2031-06-18', time: '08:00' }))
    const dropped = booked(await mine({ date: '2031-06-19', time: '08:00' }))
    await cancelAppointment(db, { appointmentId: dropped.id, customerPhone: phone })
    const earlier = booked(await mine({ date: '2031-06-17', time: '08:00' }))
    const list = await upcomingAppointments(db, phone, '2031-06-18')
    expect(list.map((a) => a.id)).toEqual([soonest.id, sooner.id, later.id])
    expect((await upcomingAppointments(db, phone, '2031-06-01')).map((a) => a.id)).toContain(earlier.id)
    expect(await upcomingAppointments(db, '+13125550001', '2031-06-01')).toEqual([])
  })

  describe('nextFreeSlots', () => {
    const base = { appointmentType: 'service' as const, timeZone: TZ, now: NOW }

    it('continues after a short Saturday, skips Sunday and jumps full times', async () => {
      for (let i = 0; i < 4; i++)
        booked(await bookAppointment(db, request({ date: '2031-06-23', time: '07:30' })))
      const slots = await nextFreeSlots(db, {
        ...base,
        serviceTypeName: 'Oil Change',
        fromDate: '2031-06-21',
        fromTime: '13:00',
        limit: 5,
      })
      expect(slots).toEqual([
        { date: '2031-06-21', time: '13:00' },
        { date: '2031-06-21', time: '13:30' },
        { date: '2031-06-23', time: '07:00' },
        { date: '2031-06-23', time: '08:00' },
        { date: '2031-06-23', time: '08:30' },
      ])
      for (const s of slots) expect(weekdayOf(s.date)).not.toBe(0)
    })

    it('respects the time of day, "now" and the two-week window', async () => {
      const evening = await nextFreeSlots(db, {
        ...base,
        appointmentType: 'test_drive',
        fromDate: '2031-06-23',
        timeOfDay: 'evening',
        limit: 8,
      })
      expect(evening.map((s) => `${s.date} ${s.time}`)).toEqual([
        ...['17:00', '17:30', '18:00', '18:30', '19:00', '19:30'].map((t) => `2031-06-23 ${t}`),
        '2031-06-24 17:00',
        '2031-06-24 17:30',
      ])
      const afternoon = await nextFreeSlots(db, {
        ...base,
        serviceTypeName: 'Diagnostic',
        fromDate: '2031-06-21',
        timeOfDay: 'afternoon',
        limit: 12,
      })
      expect(afternoon).toHaveLength(12)
      for (const s of afternoon) expect(s.time >= '12:00' && s.time < '17:00').toBe(true)
      // Saturday service closes at 14:00, so a one-hour job fits at 12:00, 12:30 and 13:00 only.
      expect(afternoon.slice(0, 4).map((s) => `${s.date} ${s.time}`)).toEqual([
        '2031-06-21 12:00',
        '2031-06-21 12:30',
        '2031-06-21 13:00',
        '2031-06-23 12:00',
      ])
      const morning = await nextFreeSlots(db, { ...base, fromDate: TODAY, timeOfDay: 'morning', limit: 3 })
      expect(morning.map((s) => s.time)).toEqual(['10:30', '11:00', '11:30'])
      expect(morning.every((s) => s.date === TODAY)).toBe(true)

      const all = await nextFreeSlots(db, { ...base, fromDate: '2031-07-01', limit: 10_000 })
      const days = new Set(all.map((s) => s.date))
      expect(days.has('2031-07-14')).toBe(true)
      expect(days.has('2031-07-15')).toBe(false)
      expect([...days].some((d) => weekdayOf(d) === 0)).toBe(false)
      await expect(
        nextFreeSlots(db, { ...base, serviceTypeName: 'Teleportation', fromDate: TODAY, limit: 1 }),
      ).rejects.toThrow(/unknown service/)
    })
  })
})
