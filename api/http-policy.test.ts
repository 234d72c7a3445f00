/** Rate limits, CORS and security headers: what protects the API from other people's browsers and loops. */
import { afterEach, describe, expect, it } from 'vitest'
import { createTestApi, errorCode } from '../tests/support/api'
import { listen } from '../tests/support/live-api'

let api: Awaited<ReturnType<typeof createTestApi>> | undefined
afterEach(async () => {
  await api?.close()
  api = undefined
})

const from = (address: string, key?: string) => ({
  headers: { 'x-forwarded-for': address, ...(key ? { authorization: `Bearer ${key}` } : {}) },
})

describe('rate limits', () => {
  it('let exactly the limit through when requests from one address arrive at once, then 429 with Retry-After', async () => {
    api = await createTestApi({ rateLimit: { perMinute: 5, trustProxy: true } })
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => api!.app.request('/api/services', from('198.51.100.7'))),
    )
    const statuses = answers.map((r) => r.status).sort()
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429, 429])
    const refused = answers.find((r) => r.status === 429)!
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(errorCode(await refused.json())).toBe('rate_limited')
    // Another address has its own budget.
    expect((await api.app.request('/api/services', from('198.51.100.8'))).status).toBe(200)
  })

  it('count an API key across the addresses that use it', async () => {
    api = await createTestApi({ apiKey: 'k', rateLimit: { perMinute: 3, trustProxy: true } })
    const statuses = []
    for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4'])
      statuses.push((await api.app.request('/api/services', from(address, 'k'))).status)
    expect(statuses).toEqual([200, 200, 200, 429])
  })

  it("leave this machine's own loopback clients alone (the voice worker, a local dashboard)", async () => {
    api = await createTestApi({ rateLimit: { perMinute: 1 } })
    const live = await listen(api.app)
    try {
      const statuses = []
      for (let i = 0; i < 3; i++) statuses.push((await fetch(`${live.base}/api/services`)).status)
      expect(statuses).toEqual([200, 200, 200])
    } finally {
      await live.close()
    }
  })

  it('ignore X-Forwarded-For unless told to trust it', async () => {
    api = await createTestApi({ rateLimit: { perMinute: 2 } })
    const statuses = []
    for (const address of ['192.0.2.1', '192.0.2.2', '192.0.2.3'])
      statuses.push((await api.app.request('/api/services', from(address))).status)
    expect(statuses).toEqual([200, 200, 429])
  })
})

describe('CORS', () => {
  it("answers a listed origin's preflight and requests, and no other origin", async () => {
    api = await createTestApi({ corsOrigins: ['https://www.springfield-auto.example'] })
    const preflight = await api.app.request('/api/calls', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://www.springfield-auto.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, idempotency-key',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('https://www.springfield-auto.example')
    expect(preflight.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key')
    const listed = await api.app.request('/api/services', {
      headers: { origin: 'https://www.springfield-auto.example' },
    })
    expect(listed.headers.get('access-control-allow-origin')).toBe('https://www.springfield-auto.example')
    const other = await api.app.request('/api/services', { headers: { origin: 'https://evil.example' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  it('sends no CORS header at all without CORS_ORIGINS', async () => {
    api = await createTestApi()
    const res = await api.app.request('/api/services', { headers: { origin: 'https://evil.example' } })
    expect(res.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('security headers', () => {
  it('are on every answer, errors included', async () => {
    api = await createTestApi()
    for (const path of ['/api/services', '/api/calls/call-nope', '/health']) {
      const res = await api.app.request(path)
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff')
      expect(res.headers.get('x-frame-options'), path).toBe('SAMEORIGIN')
      expect(res.headers.get('referrer-policy'), path).toBe('no-referrer')
    }
  })
})
