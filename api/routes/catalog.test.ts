import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  appointments,
  appointmentSlots,
  customers,
  faqs,
  inventoryVehicles,
  resources,
  serviceTypes,
} from '../../db/schema'
import { unitsOf } from '../../domain/slots'
import { createTestApi, errorCode } from '../../tests/support/api'

// "Now" is Monday 2030-01-07, 10:15 in Chicago, so slots are tested on fixed weekdays.
const NOW = new Date('2030-01-07T16:15:00Z')
let api: Awaited<ReturnType<typeof createTestApi>>

beforeAll(async () => {
  api = await createTestApi({ now: () => NOW })
})
afterAll(() => api.close())

describe('GET /api/faq', () => {
  it('lists every FAQ and filters by category', async () => {
    const [{ n }] = (await api.db.select({ n: count() }).from(faqs)) as [{ n: number }]
    const all = await api.call('/api/faq')
    expect(all.status).toBe(200)
    expect(all.body.total).toBe(n)
    expect(all.body.entries[0]).toEqual({
      id: expect.any(Number),
      question: expect.any(String),
      answer: expect.any(String),
      category: expect.any(String),
    })
    const financing = await api.call('/api/faq?category=financing')
    expect(financing.body.total).toBeGreaterThan(0)
    expect(financing.body.total).toBeLessThan(n)
    expect(financing.body.entries.every((e: { category: string }) => e.category === 'financing')).toBe(true)
  })

  it('rejects an unknown category and unknown parameters with 400', async () => {
    const res = await api.call('/api/faq?category=pizza')
    expect(res.status).toBe(400)
    expect(errorCode(res.body)).toBe('invalid_request')
    expect(res.body.error.details[0].path).toBe('category')
    expect((await api.call('/api/faq?categroy=hours')).status).toBe(400)
  })
})

describe('GET /api/services', () => {
  it('returns every service with duration and a price in dollars', async () => {
    const rows = await api.db.select().from(serviceTypes)
    const res = await api.call('/api/services')
    expect(res.status).toBe(200)
    expect(res.body).toHaveLength(rows.length)
    const oil = rows.find((r) => r.name === 'Oil Change')!
    expect(res.body).toContainEqual(
      expect.objectContaining({
        id: oil.id,
        durationMinutes: oil.durationMinutes,
        price: oil.priceCents / 100,
      }),
    )
  })
})

describe('GET /api/inventory', () => {
  it('lists available vehicles by default, all with availableOnly=false', async () => {
    const rows = await api.db.select().from(inventoryVehicles)
    const available = await api.call('/api/inventory')
    expect(available.status).toBe(200)
    expect(available.body).toHaveLength(rows.filter((r) => r.available).length)
    const all = await api.call('/api/inventory?availableOnly=false')
    expect(all.body).toHaveLength(rows.length)
    expect(all.body.length).toBeGreaterThan(available.body.length)
  })

  it('filters by make case-insensitively and by condition', async () => {
    const toyotas = await api.call('/api/inventory?make=toyota&availableOnly=false')
    expect(toyotas.body.length).toBeGreaterThan(0)
    expect(toyotas.body.every((v: { make: string }) => v.make === 'Toyota')).toBe(true)
    const used = await api.call('/api/inventory?condition=used')
    expect(used.body.every((v: { condition: string }) => v.condition === 'used')).toBe(true)
    expect((await api.call('/api/inventory?make=%25')).body).toEqual([])
  })

  it('rejects bad filters with 400', async () => {
    for (const q of ['availableOnly=maybe', 'condition=broken', `make=${'x'.repeat(41)}`, 'color=red']) {
      const res = await api.call(`/api/inventory?${q}`)
      expect(res.status, q).toBe(400)
      expect(errorCode(res.body)).toBe('invalid_request')
    }
  })
})

describe('GET /api/customers/:phone', () => {
  it('finds a customer with vehicles by any notation of their phone', async () => {
    const [customer] = await api.db.select().from(customers).limit(1)
    const national = customer!.phone.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '($1) $2-$3')
    const res = await api.call(`/api/customers/${encodeURIComponent(national)}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ customerId: customer!.id, name: customer!.name, phone: customer!.phone })
    expect(res.body.vehicles.length).toBeGreaterThan(0)
  })

  it('answers 404 for an unknown number and 400 for something that is not a number', async () => {
    const unknown = await api.call('/api/customers/+12175559999')
    expect(unknown.status).toBe(404)
    expect(errorCode(unknown.body)).toBe('not_found')
    const bad = await api.call('/api/customers/not-a-phone')
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('not a valid phone number')
  })
})

describe('GET /api/human-agents', () => {
  it('lists the staff with availability', async () => {
    const res = await api.call('/api/human-agents')
    expect(res.status).toBe(200)
    expect(res.body.items.length).toBeGreaterThanOrEqual(3)
    expect(res.body.items[0]).toEqual(
      expect.objectContaining({
        id: expect.any(Number),
        name: expect.any(String),
        available: expect.any(Boolean),
      }),
    )
  })
})

describe('GET /api/slots and /api/appointments', () => {
  const wednesday = '2030-01-09'

  it('offers every start time that fits the service before closing', async () => {
    const res = await api.call(`/api/slots?date=${wednesday}&serviceType=oil%20change`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ date: wednesday, closed: false, serviceType: 'Oil Change' })
    const times = res.body.slots.map((s: { time: string }) => s.time)
    expect(times[0]).toBe(res.body.opensAt)
    const lastStart = times.at(-1) as string
    const [h, m] = lastStart.split(':').map(Number) as [number, number]
    const [ch, cm] = (res.body.closesAt as string).split(':').map(Number) as [number, number]
    expect(h * 60 + m + res.body.durationMinutes).toBeLessThanOrEqual(ch * 60 + cm)
    expect(res.body.slots.every((s: { available: boolean }) => s.available)).toBe(true)
  })

  it('is closed on Sunday and has nothing left in the past', async () => {
    const sunday = await api.call('/api/slots?date=2030-01-06')
    expect(sunday.body).toMatchObject({ closed: true, slots: [] })
    const past = await api.call('/api/slots?date=2030-01-04')
    expect(past.body.slots.length).toBeGreaterThan(0)
    expect(past.body.slots.some((s: { available: boolean }) => s.available)).toBe(false)
    const today = await api.call('/api/slots?date=2030-01-07&appointmentType=test_drive')
    const free = today.body.slots.filter((s: { available: boolean }) => s.available)
    expect(free[0].time).toBe('10:30')
  })

  it('marks a time taken once every bay is booked then, and lists the appointments', async () => {
    const service = (await api.db.select().from(serviceTypes).where(eq(serviceTypes.name, 'Oil Change')))[0]!
    const bays = await api.db.select().from(resources).where(eq(resources.kind, 'service_bay'))
    const phone = '+12175550188'
    for (const bay of bays) {
      const [appointment] = await api.db
        .insert(appointments)
        .values({
          appointmentType: 'service',
          customerName: 'Slot Tester',
          customerPhone: phone,
          serviceTypeId: service.id,
          scheduledDate: wednesday,
          scheduledTime: '09:00',
          durationMinutes: service.durationMinutes,
        })
        .returning()
      await api.db.insert(appointmentSlots).values(
        unitsOf('09:00', service.durationMinutes).map((slotTime) => ({
          appointmentId: appointment!.id,
          resourceId: bay.id,
          slotDate: wednesday,
          slotTime,
        })),
      )
    }
    const res = await api.call(`/api/slots?date=${wednesday}&serviceType=Oil Change`)
    const at = (time: string) => res.body.slots.find((s: { time: string }) => s.time === time)
    expect(at('09:00').available).toBe(false)
    expect(at('08:00').available).toBe(service.durationMinutes <= 60)
    expect(at('11:00').available).toBe(true)

    const listed = await api.call(`/api/appointments?phone=${encodeURIComponent('(217) 555-0188')}`)
    expect(listed.status).toBe(200)
    expect(listed.body.total).toBe(bays.length)
    expect(listed.body.appointments[0]).toMatchObject({
      serviceType: 'Oil Change',
      date: wednesday,
      time: '09:00',
    })
    const cancelled = await api.call(`/api/appointments?phone=${encodeURIComponent(phone)}&status=cancelled`)
    expect(cancelled.body.total).toBe(0)
  })

  it('rejects bad slot and appointment queries with 400', async () => {
    for (const q of [
      'date=2030-02-30',
      'date=tomorrow',
      '',
      `date=${wednesday}&appointmentType=haircut`,
      `date=${wednesday}&serviceType=Teleportation`,
    ]) {
      const res = await api.call(`/api/slots?${q}`)
      expect(res.status, q).toBe(400)
      expect(errorCode(res.body)).toBe('invalid_request')
    }
    for (const q of ['customerId=abc', 'customerId=-1', 'status=lost', 'limit=0', 'phone=12']) {
      const res = await api.call(`/api/appointments?${q}`)
      expect(res.status, q).toBe(400)
    }
  })
})

describe('errors', () => {
  it('answers unknown routes with a JSON 404 and oversized bodies with 413', async () => {
    const missing = await api.call('/api/nothing-here')
    expect(missing.status).toBe(404)
    expect(errorCode(missing.body)).toBe('not_found')
    const big = await api.call('/api/faq', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(100 * 1024) },
      body: JSON.stringify({ text: 'x'.repeat(100 * 1024) }),
    })
    expect(big.status).toBe(413)
    expect(errorCode(big.body)).toBe('payload_too_large')
  })
})
