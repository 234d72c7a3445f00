/**
 * A voice message from the dashboard, with real parts only: headless Chromium whose fake microphone
 * says "I need an oil change tomorrow morning" (an espeak-ng WAV), MediaRecorder in the page (WebM/Opus),
 * the API serving the built dashboard, a pitcrew worker (ffmpeg, pocketsphinx, espeak-ng), Temporal
 * and PostgreSQL. The console records the message, sends it, and plays both sides in the transcript.
 * SAVE_SCREENSHOTS=1 writes docs/screenshots/voice-message.png.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Locator } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startDashboardStack } from './support/dashboard-stack'
import { fakeMicrophoneArgs, writeSpokenWav } from './support/fake-microphone'

// Wednesday 2030-12-04, 10:00 in Chicago: "tomorrow morning" is Thursday, December 5.
const NOW = () => new Date('2030-12-04T16:00:00Z')
const SAID = 'I need an oil change tomorrow morning'
const SHOTS = process.env.SAVE_SCREENSHOTS ? 'docs/screenshots' : null

let stack: Awaited<ReturnType<typeof startDashboardStack>>
let wavDir: string

beforeAll(async () => {
  wavDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-mic-'))
  const wav = path.join(wavDir, 'customer.wav')
  // Chromium loops the file; the recording below stops within the long silence after the words.
  await writeSpokenWav(wav, SAID, { beforeSeconds: 0.5, afterSeconds: 30 })
  stack = await startDashboardStack({ now: NOW, chromiumArgs: fakeMicrophoneArgs(wav) })
  if (SHOTS) mkdirSync(SHOTS, { recursive: true })
}, 180_000)
afterAll(async () => {
  await stack?.stop()
  rmSync(wavDir, { recursive: true, force: true })
})

/** How long the browser says the audio is, once it loaded it (it plays what the API serves). */
const playableSeconds = (audio: Locator) =>
  audio.evaluate(
    (a: { preload: string; duration: number; load(): void; onloadedmetadata: unknown; onerror: unknown }) =>
      new Promise<number>((resolve, reject) => {
        a.onloadedmetadata = () => resolve(a.duration)
        a.onerror = () => reject(new Error('the audio did not load'))
        a.preload = 'metadata'
        a.load()
      }),
  )

it(
  'records a voice message with the microphone, sends it, and plays both sides',
  { timeout: 180_000 },
  async () => {
    const { page, errors, close } = await stack.newPage()
    try {
      await page.goto(`${stack.base}/`)
      await page.getByLabel('Customer phone (optional)').fill('217-555-0101')
      await page.getByRole('button', { name: 'Start chat call' }).click()
      await page.waitForURL(/\/calls\/call-[\w-]+$/)
      await page.getByRole('status').filter({ hasText: 'Live' }).waitFor()

      await page.getByRole('button', { name: /Record a voice message/ }).click()
      // Four seconds of the microphone: the words (about 2.5 s after half a second of silence), then quiet.
      await page.locator('.composer__recording', { hasText: '0:04' }).waitFor({ timeout: 30_000 })
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/voice-message-recording.png` })
      await page.getByRole('button', { name: 'Stop and send' }).click()

      const customerLine = page.locator('.line[data-role="user"]').last()
      await expect.poll(() => customerLine.innerText(), { timeout: 90_000 }).toMatch(/oil change tomorrow/i)
      const reply = page.locator('.line[data-role="agent"]').last()
      await expect.poll(() => reply.innerText(), { timeout: 30_000 }).toMatch(/Thursday, December 5/)
      const customerAudio = page.getByLabel('The customer’s voice message')
      const replyAudio = page.getByLabel('The spoken reply')
      await customerAudio.waitFor({ timeout: 30_000 })
      await replyAudio.waitFor()
      expect(await customerLine.locator('audio').count()).toBe(1)
      expect(await reply.locator('audio').count()).toBe(1)
      // The recording is about as long as it ran; the spoken reply is a sentence or two.
      const recorded = await playableSeconds(customerAudio)
      expect(recorded === Infinity || (recorded > 3 && recorded < 10), String(recorded)).toBe(true)
      expect(await playableSeconds(replyAudio)).toBeGreaterThan(1)
      expect(await page.locator('[data-slot="Service"]').innerText()).toMatch(/Oil Change/)
      if (SHOTS) await page.screenshot({ path: `${SHOTS}/voice-message.png` })
      expect(errors).toEqual([])
    } finally {
      await close()
    }
  },
)
