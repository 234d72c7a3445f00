import { cleanup, fireEvent, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { handOffVoiceCredentials } from '../lib/voice-handoff'
import { FakeEventSource } from '../test/fake-event-source'
import { FakeVoiceRoom } from '../test/fake-voice-room'
import { callState, line } from '../test/fixtures'
import { renderWithQueue, stubFetch } from '../test/render-with-queue'
import { CallConsole } from './call-console'

const CALL = 'call-1a2b3c4d-0000-0000-0000-000000000000'
const CREDENTIALS = { url: 'ws://127.0.0.1:7880', room: CALL, token: 'caller-token' }
const callSource = () => FakeEventSource.instances.find((s) => s.url.startsWith(`/api/calls/${CALL}/events`))!
const voicePanel = () => screen.getByTestId('voice-controls')
const button = (name: string) => screen.getByRole('button', { name })
const noRecordings = {
  [`GET /api/calls/${CALL}/recordings`]: () => [200, { items: [] }] as [number, unknown],
}

describe('voice controls in the call console', () => {
  beforeEach(() => {
    FakeEventSource.instances = []
    FakeVoiceRoom.reset()
    localStorage.clear()
  })
  afterEach(cleanup)

  it('joins a new web call with the credentials it started with: microphone, agent state, mute, end', async () => {
    const requests = stubFetch({ ...noRecordings, [`POST /api/calls/${CALL}/end`]: () => [202, {}] })
    handOffVoiceCredentials(CALL, CREDENTIALS)
    renderWithQueue(() => <CallConsole callId={CALL} />)
    callSource().emit('state', callState({ channel: 'web' }), '1')

    await waitFor(() => expect(voicePanel().textContent).toContain('Voice: Connected'))
    const room = FakeVoiceRoom.latest()
    expect(room.credentials).toEqual(CREDENTIALS)
    expect(room.microphone).toEqual([true])
    expect(screen.getByTestId('voice-role').textContent).toBe('You are the caller')

    callSource().emit('agent_state', { state: 'listening' }, '2')
    expect(screen.getByTestId('agent-state').textContent).toBe('Agent: Listening')
    callSource().emit('transcript', line(3, 'user', 'i need an oil change tomorrow morning'), '3')
    callSource().emit('agent_state', { state: 'thinking' }, '4')
    expect(screen.getByTestId('agent-state').textContent).toBe('Agent: Thinking…')
    expect(screen.getByText('i need an oil change tomorrow morning')).toBeTruthy()

    fireEvent.click(button('Mute'))
    await waitFor(() => expect(button('Unmute').getAttribute('aria-pressed')).toBe('true'))
    expect(room.microphone).toEqual([true, false])
    fireEvent.click(button('Unmute'))
    await waitFor(() => expect(button('Mute').getAttribute('aria-pressed')).toBe('false'))
    expect(room.microphone).toEqual([true, false, true])

    room.emitConnection('reconnecting')
    expect(voicePanel().textContent).toContain('Voice: Reconnecting…')
    room.emitConnection('connected')

    // Out of the room first, then the call is ended (which closes the room on the server).
    fireEvent.click(button('End call'))
    await waitFor(() => expect(room.disconnected).toBe(true))
    await waitFor(() =>
      expect(requests.map((r) => `${r.method} ${r.path}`)).toContain(`POST /api/calls/${CALL}/end`),
    )
    expect(voicePanel().textContent).toContain('Not connected to the audio')
    // The handed-off credentials were used once: a new console would ask for a fresh token.
    expect(FakeVoiceRoom.rooms).toHaveLength(1)
  })

  it('says clearly when the microphone is blocked, keeps the audio, and can try again', async () => {
    stubFetch(noRecordings)
    FakeVoiceRoom.micError = new DOMException('Permission denied', 'NotAllowedError')
    handOffVoiceCredentials(CALL, CREDENTIALS)
    renderWithQueue(() => <CallConsole callId={CALL} />)
    callSource().emit('state', callState({ channel: 'web' }), '1')

    const alert = await screen.findByTestId('mic-denied')
    expect(alert.textContent).toContain('Microphone blocked.')
    expect(voicePanel().textContent).toContain('Voice: Connected')
    expect(screen.queryByRole('button', { name: 'Mute' })).toBeNull()

    FakeVoiceRoom.micError = null
    fireEvent.click(button('Try the microphone again'))
    await waitFor(() => expect(button('Mute')).toBeTruthy())
    expect(screen.queryByTestId('mic-denied')).toBeNull()
    expect(FakeVoiceRoom.latest().microphone).toEqual([true])
  })

  it('rejoins a live web call later with a fresh caller token', async () => {
    const fresh = { ...CREDENTIALS, token: 'fresh-token' }
    const requests = stubFetch({ ...noRecordings, 'POST /api/voice/token': () => [200, fresh] })
    renderWithQueue(() => <CallConsole callId={CALL} />)
    callSource().emit('state', callState({ channel: 'web' }), '1')
    expect(voicePanel().textContent).toContain('Not connected to the audio')
    expect(FakeVoiceRoom.rooms).toHaveLength(0)

    fireEvent.click(button('Join as the caller'))
    await waitFor(() => expect(FakeVoiceRoom.latest().credentials).toEqual(fresh))
    expect(requests.find((r) => r.path === '/api/voice/token')!.body).toEqual({ callId: CALL })
    await waitFor(() => expect(FakeVoiceRoom.latest().microphone).toEqual([true]))

    // LiveKit gives up on the connection: say so, and offer to join again.
    FakeVoiceRoom.latest().emitConnection('disconnected')
    expect(voicePanel().textContent).toContain('Voice: Disconnected')
    expect(screen.queryByRole('button', { name: 'Mute' })).toBeNull()
    fireEvent.click(button('Join as the caller'))
    await waitFor(() => expect(FakeVoiceRoom.rooms).toHaveLength(2))
    expect(FakeVoiceRoom.rooms[0]!.disconnected).toBe(true)
  })

  it('lets staff listen in to a phone call, hidden and without a microphone, and stop', async () => {
    const listener = { ...CREDENTIALS, token: 'listener-token' }
    const requests = stubFetch({ ...noRecordings, 'POST /api/voice/listen-in': () => [200, listener] })
    renderWithQueue(() => <CallConsole callId={CALL} />)
    callSource().emit(
      'state',
      callState({
        channel: 'phone',
        phone: {
          to: '+12175550101',
          purpose: 'your callback about brakes',
          status: 'ringing',
          attempt: 2,
          maxAttempts: 3,
          detail: 'no answer after 30 s',
        },
      }),
      '1',
    )
    expect(screen.getByTestId('phone-status-badge').textContent).toBe('Ringing…')
    expect(screen.getByTestId('phone-attempt').textContent).toBe('attempt 2 of 3')
    expect(screen.getByTestId('phone-status').textContent).toContain('(217) 555-0101')
    expect(screen.getByTestId('phone-detail').textContent).toBe('no answer after 30 s')
    expect(screen.queryByRole('button', { name: 'Join as the caller' })).toBeNull()

    fireEvent.click(button('Listen in'))
    await waitFor(() => expect(voicePanel().textContent).toContain('Voice: Connected'))
    expect(screen.getByTestId('voice-role').textContent).toBe('Listening in (hidden)')
    expect(requests.find((r) => r.path === '/api/voice/listen-in')!.body).toEqual({ callId: CALL })
    const room = FakeVoiceRoom.latest()
    expect(room.credentials).toEqual(listener)
    expect(room.microphone).toEqual([])
    expect(screen.queryByRole('button', { name: 'Mute' })).toBeNull()

    room.emitAudioBlocked(true)
    fireEvent.click(button("Play the call's audio"))
    await waitFor(() => expect(screen.queryByRole('button', { name: "Play the call's audio" })).toBeNull())

    fireEvent.click(button('Stop listening'))
    await waitFor(() => expect(room.disconnected).toBe(true))
    expect(button('Listen in')).toBeTruthy()
  })

  it('leaves the room when the call ends, and lists the recordings again then', async () => {
    let recordings: unknown[] = []
    const requests = stubFetch({
      [`GET /api/calls/${CALL}/recordings`]: () => [200, { items: recordings }],
      'POST /api/voice/listen-in': () => [200, CREDENTIALS],
    })
    renderWithQueue(() => <CallConsole callId={CALL} />)
    callSource().emit('state', callState({ channel: 'web' }), '1')
    await screen.findByText(/No recordings yet/)
    fireEvent.click(button('Listen in'))
    await waitFor(() => expect(voicePanel().textContent).toContain('Voice: Connected'))

    recordings = [
      {
        name: 'call-1.wav',
        url: `/api/calls/${CALL}/recordings/call-1.wav`,
        contentType: 'audio/wav',
        bytes: 256_000,
        durationSeconds: 8,
        startedAt: '2026-12-02T15:00:00.000Z',
        layout: 'left: caller, right: agent',
      },
    ]
    callSource().emit('call_status', { status: 'ended' }, '2')
    await waitFor(() => expect(FakeVoiceRoom.latest().disconnected).toBe(true))
    const item = await screen.findByTestId('recording')
    expect(item.textContent).toContain('call-1.wav')
    expect(item.textContent).toContain('0:08')
    expect(item.textContent).toContain('250 kB')
    expect(item.textContent).toContain('left: caller, right: agent')
    expect(item.querySelector('audio')!.getAttribute('src')).toBe(`/api/calls/${CALL}/recordings/call-1.wav`)
    expect(requests.filter((r) => r.path.endsWith('/recordings'))).toHaveLength(2)
    expect(voicePanel().textContent).toContain('The call has ended')
    expect(screen.queryByRole('button', { name: 'Listen in' })).toBeNull()
  })

  it('shows no voice panel or recordings on a chat call', () => {
    const requests = stubFetch({})
    renderWithQueue(() => <CallConsole callId={CALL} />)
    callSource().emit('state', callState({ channel: 'chat' }), '1')
    expect(screen.queryByTestId('voice-controls')).toBeNull()
    expect(screen.queryByTestId('recordings')).toBeNull()
    expect(requests.some((r) => r.path.includes('recordings'))).toBe(false)
  })
})
