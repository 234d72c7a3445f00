/**
 * The VIN routes against real PostgreSQL and the real vPIC database: decoding, the exact reason a VIN
 * is refused, adding a car to a customer (201, then 200), and identical requests at the same moment.
 */
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { customerVehicles } from '../../db/schema'
import { createTestApi, errorCode } from '../../tests/support/api'
import { createSeededTestDatabase, type TestDatabase } from '../../tests/support/postgres'

const ACCORD = '1HGCM82633A004352'
const F150 = '1FTFW1ET9DFC10312'

let database: TestDatabase
let api: Awaited<ReturnType<typeof createTestApi>>

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_vehicles_api')
  api = await createTestApi({ databaseUrl: database.url })
}, 60_000)
afterAll(async () => {
  await api?.close()
  await database?.drop()
})

describe('GET /api/vehicles/decode/:vin', () => {
  it('decodes a VIN offline', async () => {
    const res = await api.call(`/api/vehicles/decode/${ACCORD.toLowerCase()}`)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      vin: ACCORD,
      year: 2003,
      make: 'Honda',
      model: 'Accord',
      trim: 'EX-V6',
      bodyStyle: 'Coupe',
      checkDigit: 'valid',
    })
  })

  it.each([
    ['1HGCM82633A00435', 'length', { length: 16 }],
    ['1HGCM82633A004352X', 'length', { length: 18 }],
    ['1HGCM82633AO04352', 'character', { position: 12, character: 'O' }],
    ['1HGCM8263$A004352', 'character', { position: 10, character: '$' }],
    ['1HGCM82633A004353', 'check_digit', { expected: '5', actual: '3' }],
  ])('refuses %s: %s', async (vin, reason, details) => {
    const res = await api.call(`/api/vehicles/decode/${encodeURIComponent(vin)}`)
    expect(res.status).toBe(400)
    expect(errorCode(res.body)).toBe('invalid_vin')
    expect(res.body.error.details).toMatchObject({ reason, ...details })
  })

  it('says when no manufacturer has the code', async () => {
    const res = await api.call('/api/vehicles/decode/1ZZCM82603A004352')
    expect(res.status).toBe(404)
    expect(errorCode(res.body)).toBe('unknown_manufacturer')
    expect(res.body.error.message).toContain('1ZZ')
  })

  it('only reports the check digit of a VIN from outside North America', async () => {
    const res = await api.call('/api/vehicles/decode/WBA3A5C51CF256651')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ make: 'BMW', year: 2012, checkDigit: 'not_used' })
  })
})

describe('POST /api/customers/:phone/vehicles', () => {
  it('adds a car (201), then finds it there (200), with decoded details on the customer', async () => {
    const first = await api.call('/api/customers/217-555-0103/vehicles', {
      json: { vin: ACCORD, mileage: 120500 },
    })
    expect(first.status).toBe(201)
    expect(first.body).toMatchObject({
      vin: ACCORD,
      year: 2003,
      make: 'Honda',
      model: 'Accord',
      mileage: 120500,
    })
    const again = await api.call('/api/customers/+12175550103/vehicles', { json: { vin: ACCORD } })
    expect(again.status).toBe(200)
    expect(again.body.vehicleId).toBe(first.body.vehicleId)
    const customer = await api.call('/api/customers/2175550103')
    expect(customer.body.vehicles).toContainEqual(
      expect.objectContaining({
        vin: ACCORD,
        mileage: 120500,
        details: expect.objectContaining({ trim: 'EX-V6' }),
      }),
    )
  })

  it('leaves one row when identical requests arrive at the same moment', async () => {
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.call('/api/customers/217-555-0104/vehicles', { json: { vin: F150 } }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201])
    expect(new Set(results.map((r) => r.body.vehicleId)).size).toBe(1)
    const rows = await api.db.select().from(customerVehicles).where(eq(customerVehicles.vin, F150))
    expect(rows).toHaveLength(1)
  })

  it("refuses a VIN that is on another customer's record (409)", async () => {
    const res = await api.call('/api/customers/217-555-0105/vehicles', { json: { vin: ACCORD } })
    expect(res.status).toBe(409)
    expect(errorCode(res.body)).toBe('conflict')
  })

  it.each([
    ['not a phone', '/api/customers/abc/vehicles', { vin: ACCORD }, 400, 'invalid_request'],
    ['unknown customer', '/api/customers/217-555-0199/vehicles', { vin: ACCORD }, 404, 'not_found'],
    ['no vin', '/api/customers/217-555-0105/vehicles', {}, 400, 'invalid_request'],
    [
      'extra field',
      '/api/customers/217-555-0105/vehicles',
      { vin: ACCORD, color: 'red' },
      400,
      'invalid_request',
    ],
    [
      'negative mileage',
      '/api/customers/217-555-0105/vehicles',
      { vin: F150, mileage: -1 },
      400,
      'invalid_request',
    ],
    ['short vin', '/api/customers/217-555-0105/vehicles', { vin: '1HGCM826' }, 400, 'invalid_vin'],
    [
      'bad check digit',
      '/api/customers/217-555-0105/vehicles',
      { vin: '1HGCM82633A004353' },
      400,
      'invalid_vin',
    ],
    [
      'unknown maker',
      '/api/customers/217-555-0105/vehicles',
      { vin: '1ZZCM82603A004352' },
      400,
      'unknown_manufacturer',
    ],
  ])('%s -> %i', async (_name, path, json, status, code) => {
    const before = await api.db.select().from(customerVehicles)
    const res = await api.call(path, { json })
    expect(res.status).toBe(status)
    expect(errorCode(res.body)).toBe(code)
    expect(await api.db.select().from(customerVehicles)).toHaveLength(before.length)
  })

  it('refuses a body that is not JSON', async () => {
    const res = await api.call('/api/customers/217-555-0105/vehicles', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: ACCORD,
    })
    expect(res.status).toBe(400)
    expect(errorCode(res.body)).toBe('invalid_request')
  })
})
