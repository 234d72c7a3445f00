import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApi, errorCode } from '../tests/support/api'

describe('with PITCREW_API_KEY set', () => {
  let api: Awaited<ReturnType<typeof createTestApi>>
  beforeAll(async () => {
    api = await createTestApi({ apiKey: 's3cret-key' })
  })
  afterAll(() => api.close())

  it('refuses /api routes without the key, with a 401 JSON error', async () => {
    const res = await api.call('/api/services')
    expect(res.status).toBe(401)
    expect(errorCode(res.body)).toBe('unauthorized')
    expect(res.headers.get('www-authenticate')).toContain('Bearer')
  })

  it('refuses a wrong key', async () => {
    const res = await api.call('/api/services', { headers: { authorization: 'Bearer nope' } })
    expect(res.status).toBe(401)
    expect(res.body.error.message).toBe('Invalid API key.')
  })

  it('accepts the bearer key', async () => {
    const res = await api.call('/api/services', { headers: { authorization: 'Bearer s3cret-key' } })
    expect(res.status).toBe(200)
  })

  it('accepts ?access_token= only on event streams and audio', async () => {
    const res = await api.call('/api/services?access_token=s3cret-key')
    expect(res.status).toBe(401)
    // A voice message's audio (an <audio src> sends no header): past auth, to the route's own 404.
    const audio = '/api/calls/call-x/voice-messages/audio/vm-0000000000000000000000-reply.wav'
    expect((await api.call(audio)).status).toBe(401)
    expect((await api.call(`${audio}?access_token=s3cret-key`)).status).toBe(404)
    expect((await api.call('/api/calls/call-x/voice-messages?access_token=s3cret-key')).status).toBe(401)
  })

  it('keeps /health and /openapi.json open', async () => {
    expect((await api.call('/health')).status).toBe(200)
    expect((await api.call('/openapi.json')).status).toBe(200)
  })
})

describe('without PITCREW_API_KEY (development)', () => {
  it('serves /api routes openly', async () => {
    const api = await createTestApi()
    try {
      expect((await api.call('/api/services')).status).toBe(200)
    } finally {
      await api.close()
    }
  })
})
