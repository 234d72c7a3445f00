/**
 * The dashboard's voice controls end to end, with real parts only: headless Chromium whose fake
 * microphone says "I need an oil change tomorrow morning" (an espeak-ng WAV), livekit-client in the
 * page, the run's LiveKit server, the voice worker (VAD, pocketsphinx, espeak-ng), the API serving the
 * built dashboard, a pitcrew worker, Temporal and PostgreSQL. A customer starts a voice call from the
 * start page; staff listen in from a second page; the LiveKit server is asked what each side publishes.
 * Then an outbound phone call, dialed by its workflow through a FAKE phone network (no SIP service
 * runs here): the console follows its dialing, and staff listen in to its room.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { RoomServiceClient, TrackSource, type ParticipantInfo } from 'livekit-server-sdk'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { inject } from 'vitest'
import { DEV_API_KEY, DEV_API_SECRET } from '../scripts/livekit/dev-server'
import { startDashboardStack } from './support/dashboard-stack'
import { fakeMicrophoneArgs, writeSpokenWav } from './support/fake-microphone'
import { fakePhoneNetwork } from './support/fake-phone-network'

// Wednesday 2030-12-04, 10:00 in Chicago: "tomorrow morning" is Thursday, December 5, a working day.
const NOW = () => new Date('2030-12-04T16:00:00Z')
const SAID = 'I need an oil change tomorrow morning'
const SHOTS = process.env.SAVE_SCREENSHOTS ? 'docs/screenshots' : null
// Busy first, then answered; each attempt rings 2 s and the retry waits 8 s, long enough for the
// console to open and show it on a busy machine.
const BUSY_THEN_ANSWERS = '+12175550171'
const phoneNetwork = fakePhoneNetwork({ [BUSY_THEN_ANSWERS]: ['busy', 'answered'] }, { ringMs: 2_000 })

let stack: Awaited<ReturnType<typeof startDashboardStack>>
let wavDir: string
const rooms = () => new RoomServiceClient(inject('livekitUrl'), DEV_API_KEY, DEV_API_SECRET)

beforeAll(async () => {
  wavDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-mic-'))
  const wav = path.join(wavDir, 'caller.wav')
  // Chromium loops the file: the words, then long enough a silence for the agent to answer.
  await writeSpokenWav(wav, SAID, { beforeSeconds: 1, afterSeconds: 12 })
  stack = await startDashboardStack({
    now: NOW,
    voice: true,
    phone: { network: phoneNetwork.rooms, dialing: { maxAttempts: 3, retryDelayMs: 8_000 } },
    chromiumArgs: fakeMicrophoneArgs(wav),
  })
  await stack.startVoiceWorker()
}, 180_000)
afterAll(async () => {
  await stack?.stop()
  rmSync(wavDir, { recursive: true, force: true })
})

/**
 * Probes installed in the page before it loads (as text: this project's Node tsconfig has no DOM
 * types): every agent state and phone dial status the console shows, in order; and how many 50 ms windows of the room's
 * audio, as the page plays it (<audio data-voice-track> elements, through a Web Audio analyser),
 * carried sound.
 */
async function installProbes(page: Page) {
  await page.addInitScript({
    content: `
      window.agentStatesShown = []
      window.phoneShown = []
      window.soundWindows = 0
      const record = (list, value) => value && list.at(-1) !== value && list.push(value)
      const analysed = new WeakSet()
      const analyse = (audio) => {
        if (analysed.has(audio) || !audio.srcObject) return
        analysed.add(audio)
        const context = new AudioContext()
        void context.resume()
        const analyser = context.createAnalyser()
        context.createMediaStreamSource(audio.srcObject).connect(analyser)
        const samples = new Float32Array(analyser.fftSize)
        setInterval(() => {
          analyser.getFloatTimeDomainData(samples)
          if (samples.some((x) => Math.abs(x) > 0.02)) window.soundWindows++
        }, 50)
      }
      new MutationObserver(() => {
        const text = (id) => document.querySelector('[data-testid="' + id + '"]')?.textContent
        record(window.agentStatesShown, document.querySelector('[data-testid="agent-state"]')?.dataset.state)
        const phone = text('phone-status-badge')
        if (phone) record(window.phoneShown, [phone, text('phone-attempt'), text('phone-detail')].join(' | '))
        document.querySelectorAll('audio[data-voice-track]').forEach(analyse)
      }).observe(document, { subtree: true, childList: true, attributes: true, characterData: true })`,
  })
  return {
    agentStatesShown: () => page.evaluate<string[]>('window.agentStatesShown'),
    phoneShown: () => page.evaluate<string[]>('window.phoneShown'),
    soundWindows: () => page.evaluate<number>('window.soundWindows'),
  }
}

/** Whether the page plays remote audio: an attached <audio> element, playing a live track. */
const playsRoomAudio = (page: Page) =>
  page.evaluate<boolean>(`[...document.querySelectorAll('audio[data-voice-track]')].some(
    (a) => !a.paused && a.srcObject?.getAudioTracks()[0]?.readyState === 'live')`)

const participants = (callId: string) => rooms().listParticipants(callId)
const byPrefix = (list: ParticipantInfo[], prefix: string) => list.find((p) => p.identity.startsWith(prefix))
const micMuted = (p: ParticipantInfo | undefined) =>
  p?.tracks.find((t) => t.source === TrackSource.MICROPHONE)?.muted

it(
  'a voice call from the dashboard: the caller is heard, the crew answers, slots fill in; staff listen in; mute; end',
  { timeout: 300_000 },
  async () => {
    const caller = await stack.newPage()
    const { page } = caller
    const probes = await installProbes(page)
    await page.goto(`${stack.base}/`)
    await page.getByRole('button', { name: 'Start voice call' }).click()
    await page.waitForURL(/\/calls\/call-[\w-]+$/)
    const callId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!)
    const voice = page.getByTestId('voice-controls')

    // Joined as the caller, the microphone published (unmuted) and the agent's audio playing.
    await voice.getByText('Voice: Connected').waitFor({ timeout: 60_000 })
    expect(await page.getByTestId('voice-role').innerText()).toBe('You are the caller')
    await expect.poll(async () => micMuted(byPrefix(await participants(callId), 'caller-'))).toBe(false)
    await expect.poll(() => playsRoomAudio(page), { timeout: 60_000 }).toBe(true)
    // The agent's voice (its greeting, at least) is heard in the page.
    await expect.poll(probes.soundWindows, { timeout: 60_000 }).toBeGreaterThan(10)

    // The caller's words and the crew's answer reach the transcript; the booking slots fill in.
    // The file loops: an utterance cut short (the first one can fall on the agent's greeting) is
    // misheard, the next whole one is not.
    const userLine = page.locator('.line[data-role="user"]', { hasText: /oil change tomorrow morning/i })
    await userLine.first().waitFor({ timeout: 90_000 })
    // The crew's answer to it, the next agent line.
    const answer = userLine.first().locator('xpath=following-sibling::li[@data-role="agent"]').first()
    await answer.waitFor({ timeout: 60_000 })
    await expect.poll(() => page.locator('[data-slot="Service"]').innerText()).toContain('Oil Change')
    await expect.poll(() => page.locator('[data-slot="Date"]').innerText()).toContain('Dec 5')
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-voice.png` })
    await expect
      .poll(probes.agentStatesShown, { timeout: 60_000 })
      .toEqual(expect.arrayContaining(['listening', 'thinking', 'speaking']))

    // Staff open the call in another browser and listen in: hidden, nothing published.
    const staffPage = await stack.newPage()
    const staff = staffPage.page
    const staffProbes = await installProbes(staff)
    await staff.goto(`${stack.base}/calls/${callId}`)
    const staffVoice = staff.getByTestId('voice-controls')
    await staffVoice.getByRole('button', { name: 'Listen in' }).click()
    await staffVoice.getByText('Voice: Connected').waitFor({ timeout: 30_000 })
    expect(await staff.getByTestId('voice-role').innerText()).toBe('Listening in (hidden)')
    await expect.poll(() => playsRoomAudio(staff), { timeout: 30_000 }).toBe(true)
    // Staff hear the room: the caller repeats the sentence every 15 s or so, the agent answers.
    await expect.poll(staffProbes.soundWindows, { timeout: 45_000 }).toBeGreaterThan(10)
    const listener = byPrefix(await participants(callId), 'listener-')
    expect(listener?.permission).toMatchObject({ hidden: true, canPublish: false })
    expect(listener?.tracks).toEqual([])
    await staffVoice.getByRole('button', { name: 'Stop listening' }).click()
    await staffVoice.getByRole('button', { name: 'Listen in' }).waitFor()
    await expect.poll(async () => byPrefix(await participants(callId), 'listener-')).toBeUndefined()

    // Mute: the LiveKit server sees the caller's microphone muted, then live again.
    await voice.getByRole('button', { name: 'Mute' }).click()
    expect(await voice.getByRole('button', { name: 'Unmute' }).getAttribute('aria-pressed')).toBe('true')
    await expect.poll(async () => micMuted(byPrefix(await participants(callId), 'caller-'))).toBe(true)
    await voice.getByRole('button', { name: 'Unmute' }).click()
    await expect.poll(async () => micMuted(byPrefix(await participants(callId), 'caller-'))).toBe(false)

    // End call: the call ends everywhere and the caller leaves the room.
    await page.getByRole('button', { name: 'End call' }).click()
    await expect.poll(() => page.getByTestId('call-status').innerText()).toBe('Ended')
    await voice.getByText('The call has ended').waitFor()
    await expect
      .poll(async () => byPrefix(await participants(callId).catch(() => []), 'caller-'))
      .toBeUndefined()
    await expect.poll(() => staff.getByTestId('call-status').innerText()).toBe('Ended')
    const state = (await (await fetch(`${stack.base}/api/calls/${callId}`)).json()) as { status: string }
    expect(state.status).toBe('ended')

    // The recording the voice worker made is listed, and the browser's player reads its length.
    const recording = page.getByTestId('recording').first()
    await recording.waitFor({ timeout: 30_000 })
    expect(await recording.innerText()).toMatch(/\.wav/)
    await expect
      .poll(() => page.evaluate<number>(`document.querySelector('[data-testid="recording"] audio').duration`))
      .toBeGreaterThan(5)
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-voice-ended.png` })

    expect([...caller.errors, ...staffPage.errors]).toEqual([])
  },
)

it(
  "a phone call's dialing shows in the console (busy, the retry, answered) and staff can listen in",
  { timeout: 120_000 },
  async () => {
    const { page, errors } = await stack.newPage()
    const probes = await installProbes(page)
    const res = await fetch(`${stack.base}/api/calls`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ channel: 'phone', to: '217-555-0171', purpose: 'your brake inspection' }),
    })
    expect(res.status).toBe(201)
    const { callId } = (await res.json()) as { callId: string }
    await page.goto(`${stack.base}/calls/${callId}`)

    const badge = page.getByTestId('phone-status-badge')
    await expect.poll(() => badge.innerText(), { timeout: 60_000 }).toBe('Answered')
    expect(await page.getByTestId('phone-attempt').innerText()).toBe('attempt 2 of 3')
    expect(await page.getByTestId('phone-status').innerText()).toContain('(217) 555-0171')
    expect(await page.getByTestId('phone-status').innerText()).toContain('your brake inspection')
    expect(await page.getByTestId('call-status').innerText()).toBe('Active')
    // What the console showed on the way, in order (it may have opened after the first "Dialing…").
    const shown = await probes.phoneShown()
    const busy = shown.indexOf('Busy | attempt 1 of 3 | fake busy')
    expect(busy, shown.join('\n')).toBeGreaterThanOrEqual(0)
    expect(shown.slice(busy + 1), shown.join('\n')).toEqual(
      expect.arrayContaining(['Dialing… | attempt 2 of 3 | ', 'Answered | attempt 2 of 3 | ']),
    )
    expect(shown.at(-1)).toBe('Answered | attempt 2 of 3 | ')

    // A phone call has no caller in the browser: staff can only listen in.
    const voice = page.getByTestId('voice-controls')
    expect(await voice.getByRole('button', { name: 'Join as the caller' }).count()).toBe(0)
    await voice.getByRole('button', { name: 'Listen in' }).click()
    await voice.getByText('Voice: Connected').waitFor({ timeout: 30_000 })
    const listener = byPrefix(await participants(callId), 'listener-')
    expect(listener?.permission).toMatchObject({ hidden: true, canPublish: false })
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/console-phone.png` })

    await page.getByRole('button', { name: 'End call' }).click()
    await expect.poll(() => page.getByTestId('call-status').innerText()).toBe('Ended')
    await voice.getByText('The call has ended').waitFor()
    expect(errors).toEqual([])
  },
)
