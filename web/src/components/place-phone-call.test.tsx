import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, describe, expect, it } from 'vitest'
import { pathname } from '../lib/router'
import { stubFetch } from '../test/render-with-queue'
import { PlacePhoneCall } from './place-phone-call'

const CALL = 'call-1a2b3c4d-0000-0000-0000-000000000000'

describe('PlacePhoneCall', () => {
  afterEach(cleanup)

  it('asks the server to dial the number with its purpose and opens the call', async () => {
    const requests = stubFetch({ 'POST /api/calls': () => [201, { callId: CALL }] })
    render(() => <PlacePhoneCall />)
    fireEvent.input(screen.getByLabelText('Number to call'), { target: { value: ' 217-555-0101 ' } })
    fireEvent.input(screen.getByLabelText('What the call is about (optional)'), {
      target: { value: 'your brake inspection' },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Place phone call' }))
    await waitFor(() => expect(pathname()).toBe(`/calls/${CALL}`))
    expect(requests[0]!.body).toEqual({
      channel: 'phone',
      to: '217-555-0101',
      purpose: 'your brake inspection',
    })
  })

  it('shows why the server cannot place phone calls', async () => {
    stubFetch({
      'POST /api/calls': () => [
        400,
        {
          error: {
            code: 'not_configured',
            message: 'Phone calls are not configured: set LIVEKIT_SIP_TRUNK_ID',
          },
        },
      ],
    })
    render(() => <PlacePhoneCall />)
    fireEvent.input(screen.getByLabelText('Number to call'), { target: { value: '217-555-0101' } })
    fireEvent.click(screen.getByRole('button', { name: 'Place phone call' }))
    expect((await screen.findByRole('alert')).textContent).toContain('LIVEKIT_SIP_TRUNK_ID')
    expect((screen.getByRole('button', { name: 'Place phone call' }) as HTMLButtonElement).disabled).toBe(
      false,
    )
  })
})
