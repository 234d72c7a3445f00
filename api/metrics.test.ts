/** /metrics after real turns on a database of the test's own, so every count is known exactly. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApi } from '../tests/support/api'
import { startCallStack } from '../tests/support/call-stack'
import { createSeededTestDatabase, type TestDatabase } from '../tests/support/postgres'

let database: TestDatabase
let stack: Awaited<ReturnType<typeof startCallStack>>
beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_metrics')
  stack = await startCallStack({ databaseUrl: database.url })
})
afterAll(async () => {
  await stack?.stop()
  await database?.drop()
})

/** One sample of the exposition text: the value of `name{labels}` exactly as written. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `))
  return line === undefined ? undefined : Number(line.slice(series.length + 1))
}

async function scrape() {
  const res = await stack.api.app.request('/metrics')
  expect(res.status).toBe(200)
  expect(res.headers.get('content-type')).toContain('text/plain')
  return res.text()
}

describe('GET /metrics', () => {
  it('counts requests by route pattern, times turns, and reads open calls and pending escalations', async () => {
    const first = await stack.startCall()
    const second = await stack.startCall()
    await stack.say(first, 'What are your service hours?')
    await stack.say(first, 'Do you have loaner cars?')
    await stack.say(second, 'Where are you located?')
    await stack.api.call(`/api/calls/${second}/end`, { method: 'POST' })
    await expect.poll(async () => (await stack.api.call(`/api/calls/${second}`)).body.status).toBe('ended')
    await stack.api.call('/api/no-such-route/123')

    const text = await scrape()
    const messages = 'pitcrew_http_requests_total{method="POST",route="/api/calls/:id/messages",status="200"}'
    expect(sample(text, messages)).toBe(3)
    expect(sample(text, 'pitcrew_http_requests_total{method="POST",route="/api/calls",status="201"}')).toBe(2)
    // Ids never become label values: an unknown path is one series, not one per path.
    expect(text).not.toContain('no-such-route')
    expect(sample(text, 'pitcrew_http_requests_total{method="GET",route="unmatched",status="404"}')).toBe(1)
    expect(sample(text, 'pitcrew_turn_duration_seconds_count')).toBe(3)
    expect(sample(text, 'pitcrew_turn_duration_seconds_sum')).toBeGreaterThan(0)
    expect(sample(text, 'pitcrew_turn_duration_seconds_bucket{le="+Inf"}')).toBe(3)
    expect(sample(text, 'pitcrew_open_calls{status="active"}')).toBe(1)
    expect(sample(text, 'pitcrew_open_calls{status="escalated"}')).toBe(0)
    expect(sample(text, 'pitcrew_pending_escalations')).toBe(0)
    expect(sample(text, 'process_resident_memory_bytes')).toBeGreaterThan(0)
  })

  it('counts every one of many requests that arrive at the same moment', async () => {
    const before =
      sample(await scrape(), 'pitcrew_http_requests_total{method="GET",route="/api/faq",status="200"}') ?? 0
    const answers = await Promise.all(Array.from({ length: 25 }, () => stack.api.app.request('/api/faq')))
    expect(answers.map((r) => r.status)).toEqual(Array(25).fill(200))
    const after = sample(
      await scrape(),
      'pitcrew_http_requests_total{method="GET",route="/api/faq",status="200"}',
    )
    expect(after).toBe(before + 25)
  })

  it('asks for the API key when one is set', async () => {
    const api = await createTestApi({ apiKey: 'secret-key', databaseUrl: database.url })
    try {
      expect((await api.app.request('/metrics')).status).toBe(401)
      const ok = await api.app.request('/metrics', { headers: { authorization: 'Bearer secret-key' } })
      expect(ok.status).toBe(200)
    } finally {
      await api.close()
    }
  })
})
