/**
 * The search, analytics and export SQL on both drivers: PGlite (the embedded default) has the same
 * full-text search (tsvector, GIN, websearch_to_tsquery, ts_headline) and time-zone rules as PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { insertCallRows } from '../tests/support/call-rows'
import { openTestDb, TEST_DRIVERS } from '../tests/support/postgres'
import { analytics } from './analytics'
import { exportCalls } from './call-export'
import { listCalls } from './call-list'

describe.each(TEST_DRIVERS)('search, analytics and export on %s', (driver) => {
  let handle: Awaited<ReturnType<typeof openTestDb>>
  beforeAll(async () => {
    handle = await openTestDb(driver)
    await handle.migrate()
    await insertCallRows(handle.db, [
      {
        callId: 'call-d-1',
        channel: 'phone',
        status: 'ended',
        startedAt: '2031-03-09T07:30:00Z', // 01:30 CST, the night clocks go forward
        customerName: 'Dana Quist',
        customerPhone: '+12175550142',
        lines: ['My brake rotor is <grinding> & loud', 'We can look at it tomorrow.'],
        turnMs: [500, 900],
        analysis: {
          outcome: 'booked',
          sentiment: 'negative',
          score: -0.4,
          durationSeconds: 120,
          wantedBooking: true,
        },
      },
      {
        callId: 'call-d-2',
        channel: 'chat',
        status: 'ended',
        startedAt: '2031-03-09T09:30:00Z', // 04:30 CDT
        lines: ['What are your hours?'],
      },
    ])
  }, 120_000)
  afterAll(() => handle?.dispose())

  it('finds a phrase with an escaped, highlighted snippet, and a phone by its last digits', async () => {
    const page = await listCalls(handle.db, 'America/Chicago', { q: '"brake rotor"', limit: 10 })
    expect(page.total).toBe(1)
    expect(page.items[0]?.hit?.snippet).toContain(
      '<mark>brake</mark> <mark>rotor</mark> is &lt;grinding&gt; &amp;',
    )
    const byPhone = await listCalls(handle.db, 'America/Chicago', { q: '555-0142', limit: 10 })
    expect(byPhone.items.map((i) => i.callId)).toEqual(['call-d-1'])
  })

  it('counts by local hour across the DST change and exports the rows', async () => {
    const report = await analytics(handle.db, 'America/Chicago', {
      from: '2031-03-09',
      to: '2031-03-09',
      groupBy: 'hour',
    })
    expect(report.totals).toMatchObject({ calls: 2, analyzed: 1, booked: 1, converted: 1, wantedBooking: 1 })
    expect(report.totals.turnLatencyMs).toEqual({ turns: 2, p50: 700, p95: 880 })
    const busy = report.series.filter((p) => p.calls > 0).map((p) => p.key)
    expect(busy).toEqual(['01', '04'])
    const rows = []
    for await (const row of exportCalls(handle.db, 'America/Chicago', { channel: 'phone' }, 1)) rows.push(row)
    expect(rows.map((r) => [r.callId, r.customerName, r.outcome])).toEqual([
      ['call-d-1', 'Dana Quist', 'booked'],
    ])
  })
})
