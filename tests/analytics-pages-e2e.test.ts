/**
 * The Analytics and Appointments pages, and the calls list's filters, search and CSV export, in
 * headless Chromium against the real API on rows this test writes (tests/support/call-rows.ts).
 * Expected figures are counted here from those rows. SAVE_SCREENSHOTS=1 writes docs/screenshots.
 */
import { mkdirSync, readFileSync } from 'node:fs'
import { parse } from 'csv-parse/sync'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appointments } from '../db/schema'
import type { CallOutcome } from '../domain/call-analysis'
import { insertCallRows, type CallRowSpec } from './support/call-rows'
import { startDashboardStack } from './support/dashboard-stack'

// Wednesday 2030-12-04, 10:00 in Chicago.
const NOW = () => new Date('2030-12-04T16:00:00Z')
const TODAY = '2030-12-04'
const SHOTS = process.env.SAVE_SCREENSHOTS ? 'docs/screenshots' : null
const E2E_TIMEOUT = 120_000

let stack: Awaited<ReturnType<typeof startDashboardStack>>
const OUTCOMES: CallOutcome[] = [
  'booked',
  'answered',
  'escalated',
  'booked',
  'abandoned',
  'callback_scheduled',
]
// 45 calls over the 15 days up to today, at 9:00-17:00 Chicago (15:00-23:00 UTC), two older ones.
const specs: CallRowSpec[] = Array.from({ length: 45 }, (_, i) => {
  const day = 20 + (i % 15) // Nov 20 .. Dec 4
  const date = day <= 30 ? `2030-11-${day}` : `2030-12-0${day - 30}`
  const hour = 15 + (i % 8)
  return {
    callId: `call-e2e-${String(i).padStart(2, '0')}`,
    channel: (['chat', 'web', 'phone'] as const)[i % 3]!,
    status: 'ended' as const,
    startedAt: `${date}T${hour}:${String(i).padStart(2, '0')}:00.000Z`,
    customerName: `Customer ${i}`,
    intent: i % 2 ? 'book_service' : 'faq',
    lines: [i === 7 ? 'Is my transmission covered by the powertrain warranty?' : `Question ${i}`, 'Answer'],
    turnMs: [400 + i * 10],
    analysis: {
      outcome: OUTCOMES[i % OUTCOMES.length]!,
      sentiment: (['positive', 'neutral', 'negative'] as const)[i % 3]!,
      score: ((i % 3) - 1) * 0.5,
      durationSeconds: 60 + i * 5,
      wantedBooking: i % 2 === 1,
    },
  }
})
specs.push(
  { callId: 'call-e2e-old-1', channel: 'chat', status: 'ended', startedAt: '2030-10-01T16:00:00.000Z' },
  { callId: 'call-e2e-old-2', channel: 'chat', status: 'ended', startedAt: '2030-10-02T16:00:00.000Z' },
)

beforeAll(async () => {
  stack = await startDashboardStack({ now: NOW })
  if (SHOTS) mkdirSync(SHOTS, { recursive: true })
  await insertCallRows(stack.db, specs)
  const appointment = (
    date: string,
    time: string,
    status: 'scheduled' | 'completed' | 'cancelled',
    callId?: string,
  ) => ({
    appointmentType: 'service' as const,
    status,
    customerName: `Owner ${date} ${time}`,
    customerPhone: '+12175550100',
    scheduledDate: date,
    scheduledTime: time,
    durationMinutes: 60,
    callId: callId ?? null,
  })
  await stack.db
    .insert(appointments)
    .values([
      appointment(TODAY, '09:00', 'completed'),
      appointment(TODAY, '11:00', 'scheduled', 'call-e2e-44'),
      appointment(TODAY, '14:30', 'cancelled'),
      appointment('2030-12-06', '10:00', 'scheduled'),
      appointment('2030-12-10', '08:00', 'scheduled'),
      appointment('2030-12-12', '08:00', 'scheduled'),
    ])
}, 180_000)
afterAll(async () => {
  await stack?.stop()
})

describe('analytics and appointments pages in a browser', () => {
  it(
    'shows the stat cards and charts of the last 30 days; a chart and a bar open the calls behind them',
    async () => {
      const { page, errors, close } = await stack.newPage()
      const chartChunks: string[] = []
      page.on('request', (r) => {
        if (/analytics-chart-[\w-]+\.js$/.test(r.url())) chartChunks.push(r.url())
      })
      await page.goto(`${stack.base}/calls`)
      await page.getByTestId('call-row').first().waitFor()
      expect(chartChunks, 'the chart library is not part of the first load').toEqual([])

      await page.getByRole('link', { name: 'Analytics' }).click()
      await page.waitForURL(/\/analytics$/)
      const callsCard = page.getByTestId('stat').filter({ hasText: 'Calls' }).first()
      await expect.poll(() => callsCard.innerText()).toContain('45')
      await expect.poll(() => page.locator('.chart canvas').count()).toBe(3)
      expect(chartChunks).toHaveLength(1)
      const booked = specs.filter((s) => s.analysis?.outcome === 'booked').length
      const bookedBar = page.getByRole('list', { name: 'Outcomes' }).getByRole('link', { name: /Booked/ })
      expect(await bookedBar.innerText()).toContain(String(booked))
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/analytics.png`, fullPage: true })

      // The last day of the calls-per-day chart: today's calls.
      const over = page.locator('.chart .u-over').first()
      const box = (await over.boundingBox())!
      const n = 30
      await page.mouse.move(box.x + (box.width * (n - 1 + 0.6)) / n, box.y + box.height / 2)
      await page.mouse.click(box.x + (box.width * (n - 1 + 0.6)) / n, box.y + box.height / 2)
      await page.waitForURL(/\/calls\?/)
      const url = new URL(page.url())
      expect(url.searchParams.get('from')).toBe(TODAY)
      expect(url.searchParams.get('to')).toBe(TODAY)
      const today = specs.filter((s) => s.startedAt.startsWith('2030-12-04'))
      await expect.poll(() => page.getByTestId('call-row').count()).toBe(today.length)

      await page.goBack()
      await page
        .getByRole('list', { name: 'Outcomes' })
        .getByRole('link', { name: /Booked/ })
        .click()
      await page.waitForURL(/outcome=booked/)
      await expect.poll(() => page.getByTestId('call-row').count()).toBe(booked)
      const outcomes = await page.getByTestId('call-outcome').allInnerTexts()
      expect(new Set(outcomes)).toEqual(new Set(['Booked']))
      expect(errors).toEqual([])
      await close()
    },
    E2E_TIMEOUT,
  )

  it(
    'searches transcripts with a highlighted snippet and exports the filtered calls as CSV',
    async () => {
      const { page, errors, close } = await stack.newPage()
      await page.goto(`${stack.base}/calls`)
      await page.locator('#call-search').fill('powertrain warranty')
      await page.getByRole('button', { name: 'Search' }).click()
      await expect.poll(() => page.getByTestId('call-row').count()).toBe(1)
      expect(await page.locator('[data-testid="call-hit"] mark').allInnerTexts()).toEqual([
        'powertrain',
        'warranty',
      ])
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/calls-search.png` })

      await page.goto(`${stack.base}/calls?channel=phone&sentiment=negative`)
      const expected = specs.filter((s) => s.channel === 'phone' && s.analysis?.sentiment === 'negative')
      await expect.poll(() => page.getByTestId('call-row').count()).toBe(expected.length)
      expect(await page.getByTestId('calls-total').innerText()).toBe(`${expected.length} calls`)
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('button', { name: 'Export CSV' }).click(),
      ])
      const rows = parse(readFileSync((await download.path())!, 'utf8'), { columns: true }) as Record<
        string,
        string
      >[]
      expect(rows.map((r) => r.callId).sort()).toEqual(expected.map((s) => s.callId).sort())
      expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['phone']))
      expect(errors).toEqual([])
      await close()
    },
    E2E_TIMEOUT,
  )

  it(
    "lists today's and this week's appointments by status, each linked to the call that booked it",
    async () => {
      const { page, errors, close } = await stack.newPage()
      await page.goto(`${stack.base}/`)
      await page.getByRole('link', { name: 'Appointments' }).click()
      await page.waitForURL(/\/appointments$/)
      const group = (name: string) => page.getByRole('region', { name })
      await expect.poll(() => group('Scheduled').getByTestId('appointment').count()).toBe(1)
      expect(await group('Completed').getByTestId('appointment').count()).toBe(1)
      expect(await group('Cancelled').getByTestId('appointment').count()).toBe(1)
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/appointments.png` })

      await page.getByRole('button', { name: 'This week' }).click()
      // Wednesday to Tuesday: today's three and Friday's; not the 12th.
      await expect.poll(() => page.getByTestId('appointment').count()).toBe(5)
      expect(await page.locator('.subtitle').innerText()).toContain('5 in all')

      await page.getByRole('button', { name: 'Today' }).click()
      await expect.poll(() => page.getByTestId('appointment').count()).toBe(3)
      await group('Scheduled').getByRole('link', { name: /call/ }).click()
      await page.waitForURL(/\/calls\/call-e2e-44$/)
      expect(errors.filter((e) => !/EventSource|events/.test(e))).toEqual([])
      await close()
    },
    E2E_TIMEOUT,
  )
})
