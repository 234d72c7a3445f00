/**
 * /api/webhooks on real PostgreSQL (a database of this file's own): the secret is shown once, bad
 * input of every kind gets a 4xx JSON error and writes nothing, private addresses are refused unless
 * allowed, and subscriptions created and deleted at the same moment all come out right.
 */
import { count } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { webhooks } from '../../db/schema'
import { createTestApi, errorCode } from '../../tests/support/api'
import {
  createSeededTestDatabase,
  fingerprintDatabase,
  type TestDatabase,
} from '../../tests/support/postgres'

let database: TestDatabase
let strict: Awaited<ReturnType<typeof createTestApi>>
let open: Awaited<ReturnType<typeof createTestApi>>
const PUBLIC_URL = 'https://93.184.215.14/hooks'
const UNKNOWN = 'wh_00000000-0000-4000-8000-000000000000'

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_webhook_api')
  strict = await createTestApi({ databaseUrl: database.url })
  open = await createTestApi({ databaseUrl: database.url, webhooks: { allowPrivate: true } })
})
afterAll(async () => {
  await strict?.close()
  await open?.close()
  await database?.drop()
})

const create = (api: typeof strict, body: unknown) => api.call('/api/webhooks', { json: body })

describe('POST /api/webhooks', () => {
  it('answers 201 with the secret once; reads never show it', async () => {
    const res = await create(strict, { url: PUBLIC_URL, events: ['call.ended', 'appointment.booked'] })
    expect(res.status, JSON.stringify(res.body)).toBe(201)
    expect(res.body).toMatchObject({
      webhookId: expect.stringMatching(/^wh_/),
      url: PUBLIC_URL,
      events: ['call.ended', 'appointment.booked'],
      description: null,
      secret: expect.stringMatching(/^whsec_/),
    })
    const { webhookId, secret } = res.body
    const one = await strict.call(`/api/webhooks/${webhookId}`)
    expect(one.status).toBe(200)
    expect(one.body).not.toHaveProperty('secret')
    const list = await strict.call('/api/webhooks')
    expect(list.body.items.find((w: { webhookId: string }) => w.webhookId === webhookId)).toBeDefined()
    expect(JSON.stringify(list.body)).not.toContain(secret)
  })

  it('refuses bad URLs, unknown events and private addresses with a 400 naming the field', async () => {
    const bad: [unknown, string][] = [
      [{ url: 'file:///etc/passwd', events: ['call.ended'] }, 'url'],
      [{ url: 'ftp://example.com/x', events: ['call.ended'] }, 'url'],
      [{ url: 'javascript:alert(1)', events: ['call.ended'] }, 'url'],
      [{ url: 'not a url', events: ['call.ended'] }, 'url'],
      [{ url: 'https://user:pass@93.184.215.14/hooks', events: ['call.ended'] }, 'url'],
      [{ url: `https://93.184.215.14/${'x'.repeat(2100)}`, events: ['call.ended'] }, 'url'],
      [{ url: PUBLIC_URL, events: ['call.started'] }, 'events'],
      [{ url: PUBLIC_URL, events: [] }, 'events'],
      [{ url: PUBLIC_URL, events: 'call.ended' }, 'events'],
      [{ url: PUBLIC_URL }, 'events'],
      [{ events: ['call.ended'] }, 'url'],
      [{ url: PUBLIC_URL, events: ['call.ended'], secret: 'whsec_mine' }, 'secret'],
      [{ url: PUBLIC_URL, events: ['call.ended'], description: 'x'.repeat(501) }, 'description'],
      // Private and loopback addresses, literal or by name, without WEBHOOK_ALLOW_PRIVATE.
      [{ url: 'http://127.0.0.1:8080/hooks', events: ['call.ended'] }, 'url'],
      [{ url: 'http://localhost/hooks', events: ['call.ended'] }, 'url'],
      [{ url: 'http://10.1.2.3/hooks', events: ['call.ended'] }, 'url'],
      [{ url: 'http://192.168.0.10/hooks', events: ['call.ended'] }, 'url'],
      [{ url: 'http://169.254.169.254/latest/meta-data', events: ['call.ended'] }, 'url'],
      [{ url: 'http://[::1]/hooks', events: ['call.ended'] }, 'url'],
      [{ url: 'http://[::ffff:127.0.0.1]/hooks', events: ['call.ended'] }, 'url'],
      [{ url: 'http://0.0.0.0/hooks', events: ['call.ended'] }, 'url'],
    ]
    const before = await fingerprintDatabase(strict.db)
    for (const [body, field] of bad) {
      const res = await create(strict, body)
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400)
      expect(errorCode(res.body)).toBe('invalid_request')
      expect(JSON.stringify(res.body.error.details)).toContain(field)
    }
    const unknownEvent = await create(strict, { url: PUBLIC_URL, events: ['call.started'] })
    expect(unknownEvent.body.error.message).toMatch(/call\.ended/)
    const privateUrl = await create(strict, { url: 'http://127.0.0.1/hooks', events: ['call.ended'] })
    expect(privateUrl.body.error.message).toMatch(/WEBHOOK_ALLOW_PRIVATE/)
    expect(await fingerprintDatabase(strict.db)).toBe(before)
  })

  it('takes a loopback receiver when private addresses are allowed', async () => {
    const res = await create(open, { url: 'http://127.0.0.1:9/hooks', events: ['callback.due'] })
    expect(res.status).toBe(201)
  })
})

describe('GET and DELETE /api/webhooks/:webhookId', () => {
  it('answer 404 for an unknown id and 400 for a malformed one', async () => {
    for (const path of [`/api/webhooks/${UNKNOWN}`, `/api/webhooks/${UNKNOWN}/deliveries`]) {
      const res = await strict.call(path)
      expect(res.status).toBe(404)
      expect(errorCode(res.body)).toBe('not_found')
    }
    const del = await strict.call(`/api/webhooks/${UNKNOWN}`, { method: 'DELETE' })
    expect(del.status).toBe(404)
    expect(errorCode(del.body)).toBe('not_found')
    for (const path of ['/api/webhooks/nope', '/api/webhooks/call-123/deliveries']) {
      const res = await strict.call(path)
      expect(res.status).toBe(400)
      expect(errorCode(res.body)).toBe('invalid_request')
    }
    const { webhookId } = (await create(strict, { url: PUBLIC_URL, events: ['call.ended'] })).body
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'cursor=bm9wZQ', 'other=1']) {
      const res = await strict.call(`/api/webhooks/${webhookId}/deliveries?${query}`)
      expect(res.status, query).toBe(400)
      expect(errorCode(res.body)).toBe('invalid_request')
    }
    expect((await strict.call(`/api/webhooks/${webhookId}/deliveries`)).body).toEqual({
      items: [],
      nextCursor: null,
    })
  })
})

describe('at the same moment', () => {
  it('creates every one of 20 subscriptions and deletes each exactly once', async () => {
    const [{ n: before }] = (await strict.db.select({ n: count() }).from(webhooks)) as [{ n: number }]
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        create(strict, { url: `${PUBLIC_URL}/${i}`, events: ['call.ended'], description: `n${i}` }),
      ),
    )
    expect(created.map((r) => r.status)).toEqual(Array(20).fill(201))
    const ids = created.map((r) => r.body.webhookId as string)
    expect(new Set(ids).size).toBe(20)
    expect(new Set(created.map((r) => r.body.secret)).size).toBe(20)
    // Each deleted twice at once (and read while it goes): one 204 and one 404 per subscription.
    const deletes = await Promise.all(
      ids.flatMap((id) => [
        strict.call(`/api/webhooks/${id}`, { method: 'DELETE' }),
        strict.call(`/api/webhooks/${id}`, { method: 'DELETE' }),
        strict.call(`/api/webhooks/${id}`),
      ]),
    )
    for (let i = 0; i < ids.length; i++) {
      const [a, b, read] = deletes.slice(i * 3, i * 3 + 3)
      expect([a!.status, b!.status].sort()).toEqual([204, 404])
      expect([200, 404]).toContain(read!.status)
    }
    const [{ n: after }] = (await strict.db.select({ n: count() }).from(webhooks)) as [{ n: number }]
    expect(after).toBe(before)
  })
})
