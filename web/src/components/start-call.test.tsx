import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, describe, expect, it } from 'vitest'
import { pathname } from '../lib/router'
import { takeVoiceCredentials } from '../lib/voice-handoff'
import { stubFetch } from '../test/render-with-queue'
import { StartCall } from './start-call'

const CALL = 'call-9f8e7d6c-0000-0000-0000-000000000000'
const LIVEKIT = { url: 'ws://127.0.0.1:7880', room: CALL, token: 'caller-token' }

describe('StartCall', () => {
  afterEach(cleanup)

  it('starts a voice call and hands its LiveKit credentials to the console it opens', async () => {
    const requests = stubFetch({ 'POST /api/calls': () => [201, { callId: CALL, livekit: LIVEKIT }] })
    render(() => <StartCall />)
    fireEvent.input(screen.getByLabelText('Customer phone (optional)'), {
      target: { value: ' 217-555-0101 ' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Start voice call' }))
    await waitFor(() => expect(pathname()).toBe(`/calls/${CALL}`))
    expect(requests[0]!.body).toEqual({ channel: 'web', customerPhone: '217-555-0101' })
    expect(takeVoiceCredentials(CALL)).toEqual(LIVEKIT)
    expect(takeVoiceCredentials(CALL)).toBeUndefined()
  })

  it('says why when voice is off on the server', async () => {
    stubFetch({
      'POST /api/calls': () => [
        400,
        { error: { code: 'not_configured', message: 'Browser voice calls are not available: voice is off' } },
      ],
    })
    render(() => <StartCall />)
    fireEvent.click(screen.getByRole('button', { name: 'Start voice call' }))
    expect((await screen.findByRole('alert')).textContent).toContain('voice is off')
    expect((screen.getByRole('button', { name: 'Start voice call' }) as HTMLButtonElement).disabled).toBe(
      false,
    )
  })
})
