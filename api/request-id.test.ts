/** Every answer names its request (X-Request-Id), kept from a proxy that sent a well-formed one. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApi } from '../tests/support/api'

let api: Awaited<ReturnType<typeof createTestApi>>
beforeAll(async () => {
  api = await createTestApi()
})
afterAll(() => api.close())

describe('X-Request-Id', () => {
  it('is made for each request, unique across requests that arrive together', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => api.app.request('/api/services')))
    const ids = answers.map((r) => r.headers.get('x-request-id'))
    expect(ids.every((id) => typeof id === 'string' && id.length >= 16)).toBe(true)
    expect(new Set(ids).size).toBe(10)
  })

  it("keeps a proxy's id, also on errors, and replaces one that is not well-formed", async () => {
    const kept = await api.app.request('/api/calls/call-nope', { headers: { 'x-request-id': 'lb-1234' } })
    expect(kept.status).toBe(404)
    expect(kept.headers.get('x-request-id')).toBe('lb-1234')
    const replaced = await api.app.request('/api/services', { headers: { 'x-request-id': 'bad id\u00e9' } })
    expect(replaced.headers.get('x-request-id')).not.toBe('bad id\u00e9')
  })
})
