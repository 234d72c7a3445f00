/**
 * The dashboard end to end, in headless Chromium against the real stack (API + worker + Temporal +
 * PostgreSQL): booking through the console, an escalation accepted from the queue in a second
 * browser and the human's message reaching the customer, a reload and a dropped connection in the
 * middle of a call, the calls list. SAVE_SCREENSHOTS=1 writes the README's screenshots.
 */
import { mkdirSync } from 'node:fs'
import type { Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startDashboardStack } from './support/dashboard-stack'

// Wednesday 2030-12-04, 10:00 in Chicago: open for sales and service, "tomorrow" is Thursday.
const NOW = () => new Date('2030-12-04T16:00:00Z')
const SHOTS = process.env.SAVE_SCREENSHOTS ? 'docs/screenshots' : null
const E2E_TIMEOUT = 120_000

let stack: Awaited<ReturnType<typeof startDashboardStack>>
const pages: Awaited<ReturnType<typeof stack.newPage>>[] = []

beforeAll(async () => {
  stack = await startDashboardStack({ now: NOW })
  if (SHOTS) mkdirSync(SHOTS, { recursive: true })
}, 180_000)
afterEach(async () => {
  // Closed pages keep their recorded errors for the last test.
  await Promise.all(pages.map((p) => p.close()))
})
afterAll(async () => {
  await stack?.stop()
})

async function newPage(viewport?: { width: number; height: number }) {
  const p = await stack.newPage(viewport)
  pages.push(p)
  return p
}

const shot = async (page: Page, name: string) => {
  if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png` })
}
const text = (page: Page, selector: string) => page.locator(selector).first().innerText()
const activeAgent = (page: Page) => text(page, '.pipeline [aria-current="step"]')
const slot = (page: Page, name: string) => page.locator(`[data-slot="${name}"]`)

/** Starts a chat call from the start page; returns its id once its console is live. */
async function startCall(page: Page, phone: string) {
  await page.goto(`${stack.base}/`)
  await page.getByLabel('Customer phone (optional)').fill(phone)
  await page.getByRole('button', { name: 'Start chat call' }).click()
  await page.waitForURL(/\/calls\/call-[\w-]+$/)
  await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
  return decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!)
}

/** Sends a message from the console and waits for the crew's answer to appear in the transcript. */
async function say(page: Page, message: string) {
  const answers = page.locator('.line[data-role="agent"]')
  const before = await answers.count()
  await page.locator('#message').fill(message)
  await page.locator('#message').press('Enter')
  await page.locator('.line[data-role="user"]', { hasText: message }).last().waitFor()
  await expect.poll(() => answers.count(), { timeout: 30_000 }).toBeGreaterThan(before)
  return answers.last().innerText()
}

describe('the dashboard in a browser', () => {
  it(
    'books an oil change: slots fill in, the pipeline follows, the appointment appears',
    async () => {
      const { page } = await newPage()
      const callId = await startCall(page, '217-555-0101')
      expect(await page.locator('.customer__name').innerText()).not.toBe('')
      expect(await page.getByRole('link', { name: /Workflow in Temporal/ }).getAttribute('href')).toBe(
        `http://127.0.0.1:8233/namespaces/default/workflows/${callId}`,
      )

      const offer = await say(page, 'I need an oil change tomorrow morning')
      expect(offer).toMatch(/Thursday, December 5/)
      expect(await activeAgent(page)).toBe('Booking')
      expect(await page.getByTestId('intent').innerText()).toBe('Book service')
      expect(await slot(page, 'Service').innerText()).toContain('Oil Change')
      expect(await slot(page, 'Date').innerText()).toContain('Dec 5')
      expect(await slot(page, 'Time').getAttribute('class')).not.toContain('slot--filled')

      await say(page, 'the first one')
      await expect
        .poll(() => page.getByTestId('booking-status').innerText())
        .toBe('Waiting for the customer to confirm')
      expect(await slot(page, 'Time').getAttribute('class')).toContain('slot--filled')

      await say(page, 'yes')
      await expect.poll(() => page.getByTestId('booking-status').innerText()).toBe('Confirmed')
      expect(await page.getByTestId('appointment').innerText()).toMatch(/^Appointment #\d+ booked$/)
      await shot(page, 'console-booking')

      // Once the call ends, its console shows the analysis, the outcome linked to the turn that booked.
      const appointment = (await page.getByTestId('appointment').innerText()).match(/#(\d+)/)![1]
      await page.getByRole('button', { name: 'End call' }).click()
      await expect
        .poll(() => page.getByTestId('analysis-outcome').innerText(), { timeout: 60_000 })
        .toBe('Booked')
      expect(await page.getByTestId('evidence-appointment').innerText()).toContain(`#${appointment}`)
      const evidence = page.getByTestId('call-analysis').getByTestId('evidence-turn').first()
      expect(await evidence.innerText()).toBe('turn 3')
      await evidence.click()
      const target = (await evidence.getAttribute('href'))!.slice(1)
      await expect.poll(() => page.evaluate<string | undefined>('document.activeElement?.id')).toBe(target)
      expect(await page.locator(`#${target}`).innerText()).toContain('yes')
      await shot(page, 'console-analysis')
    },
    E2E_TIMEOUT,
  )

  it(
    'escalation: a human accepts from the queue in another browser and talks to the customer',
    async () => {
      const customer = (await newPage()).page
      const callId = await startCall(customer, '217-555-0102')
      await say(customer, 'I want to speak to someone')
      const task = customer.getByTestId('task')
      await expect.poll(() => task.innerText()).toContain('Waiting for a person')
      expect(await activeAgent(customer)).toBe('Escalation')

      const staff = (await newPage()).page
      await staff.goto(`${stack.base}/queue`)
      const agentName = await staff.locator('#human-agent option').nth(1).innerText()
      await staff.locator('#human-agent').selectOption({ label: agentName })
      const card = staff.getByTestId('queue-task').filter({ hasText: callId.slice(5, 13) })
      await card.waitFor()
      expect(await staff.getByTestId('queue-badge').innerText()).toMatch(/^\d+$/)
      await shot(staff, 'queue')
      await card.getByRole('button', { name: `Accept as ${agentName}` }).click()

      // Accepting opens the call; the staff member now speaks as staff, not as the customer.
      await staff.waitForURL(`${stack.base}/calls/${callId}`)
      const reply = `Hi, this is ${agentName} from Springfield Auto. How can I help?`
      await staff.getByLabel(`Reply as ${agentName} (staff)`).fill(reply)
      await staff.getByRole('button', { name: 'Send' }).click()

      await customer.locator('.line[data-role="human"]', { hasText: reply }).waitFor()
      await expect.poll(() => activeAgent(customer)).toBe('Human')
      expect(await task.innerText()).toContain('In progress')
      expect(await task.innerText()).toContain(agentName)
      expect(await customer.getByTestId('call-status').innerText()).toBe('With a person')
      await shot(customer, 'console-escalation')

      await staff.getByRole('button', { name: 'Resolve and hand back to the crew' }).click()
      await expect.poll(() => task.innerText()).toContain('Done')
      await staff.goto(`${stack.base}/queue`)
      await staff.getByText('Nobody is waiting for a person.').waitFor()
    },
    E2E_TIMEOUT,
  )

  it(
    'a reload mid-call restores the call; a dropped stream resumes without losing or repeating lines',
    async () => {
      const { page } = await newPage({ width: 1024, height: 768 })
      const callId = await startCall(page, '217-555-0103')
      await say(page, 'What are your hours?')
      await say(page, 'I need an oil change tomorrow morning')

      await page.reload()
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
      expect(await page.locator('.line').count()).toBe(4)
      expect(await slot(page, 'Service').innerText()).toContain('Oil Change')
      expect(await activeAgent(page)).toBe('Booking')
      await say(page, 'the first one')
      await shot(page, 'console-tablet')

      // The server drops the stream; a message sent meanwhile (by another client) still arrives once.
      const { errors } = pages.at(-1)!
      const errorsBefore = errors.length
      stack.dropConnections()
      const res = await fetch(`${stack.base}/api/calls/${callId}/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'yes' }),
      })
      expect(res.status).toBe(200)
      await expect
        .poll(() => page.getByTestId('booking-status').innerText(), { timeout: 30_000 })
        .toBe('Confirmed')
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()
      const state = (await (await fetch(`${stack.base}/api/calls/${callId}`)).json()) as {
        transcript: { seq: number }[]
      }
      expect(await page.locator('.line').count()).toBe(state.transcript.length)
      // Chrome itself reports the stream the server cut; the dashboard logged nothing of its own.
      const fromDrop = errors.splice(errorsBefore)
      expect(
        fromDrop.every((e) => e.includes('net::ERR_INCOMPLETE_CHUNKED_ENCODING')),
        fromDrop.join(),
      ).toBe(true)
    },
    E2E_TIMEOUT,
  )

  it(
    'lists calls with filters and search, each opening its console; ended calls are read-only',
    async () => {
      const { page } = await newPage()
      const callId = await startCall(page, '217-555-0104')
      await say(page, 'What are your hours?')
      await page.getByRole('button', { name: 'End call' }).click()
      await expect.poll(() => page.getByTestId('call-status').innerText()).toBe('Ended')
      await page.getByText('This call has ended: the console is read-only.').waitFor()

      await page.getByRole('link', { name: 'Calls' }).click()
      await page.getByTestId('call-row').first().waitFor()
      expect(await page.getByTestId('call-row').count()).toBeGreaterThanOrEqual(4)
      await shot(page, 'calls')

      await page.getByRole('button', { name: 'Ended' }).click()
      await page.waitForURL(/status=ended/)
      await expect
        .poll(async () => [
          ...new Set(
            await page
              .getByTestId('call-row')
              .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status'))),
          ),
        ])
        .toEqual(['ended'])

      await page.getByRole('button', { name: 'All' }).click()
      await page.getByLabel('Search calls').fill(callId)
      await page.getByRole('button', { name: 'Search' }).click()
      await expect.poll(() => page.getByTestId('call-row').count()).toBe(1)
      await page
        .getByTestId('call-row')
        .getByRole('link', { name: callId.slice(5, 13) })
        .click()
      await page.waitForURL(`${stack.base}/calls/${callId}`)
      await page.getByText('This call has ended: the console is read-only.').waitFor()
    },
    E2E_TIMEOUT,
  )

  it('logged no console errors on any page', () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([])
  })
})
