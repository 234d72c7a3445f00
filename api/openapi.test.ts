import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApi } from '../tests/support/api'

let api: Awaited<ReturnType<typeof createTestApi>>
beforeAll(async () => {
  api = await createTestApi()
})
afterAll(() => api.close())

describe('GET /openapi.json', () => {
  it('documents exactly the routes the app serves', async () => {
    const { status, body } = await api.call('/openapi.json')
    expect(status).toBe(200)
    expect(body.openapi).toBe('3.1.0')
    const documented = Object.entries(body.paths as Record<string, object>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort()
    const served = api.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => r !== 'GET /openapi.json')
    expect(documented).toEqual([...new Set(served)].sort())
  })

  it('describes query parameters from the validators', async () => {
    const { body } = await api.call('/openapi.json')
    const slots = body.paths['/api/slots'].get
    const date = slots.parameters.find((p: { name: string }) => p.name === 'date')
    expect(date).toMatchObject({ in: 'query', required: true })
    const type = slots.parameters.find((p: { name: string }) => p.name === 'appointmentType')
    expect(type.schema.enum).toEqual(['service', 'test_drive'])
    expect(body.paths['/health'].get.security).toEqual([])
  })
})
