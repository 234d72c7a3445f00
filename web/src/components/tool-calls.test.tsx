import { cleanup, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeEventSource } from '../test/fake-event-source'
import { callState } from '../test/fixtures'
import { renderWithQueue, stubFetch } from '../test/render-with-queue'
import { CallConsole } from './call-console'

const CALL = 'call-1a2b3c4d-0000-0000-0000-000000000000'
const ACCORD = '1HGCM82633A004352'
const callSource = () => FakeEventSource.instances.find((s) => s.url.startsWith(`/api/calls/${CALL}/events`))!

describe('tool calls and decoded cars in the console', () => {
  beforeEach(() => {
    FakeEventSource.instances = []
    localStorage.clear()
  })
  afterEach(cleanup)

  it('lists each tool call in the pipeline and shows a car added by VIN with its decoded details', async () => {
    const requests = stubFetch({
      'GET /api/customers/%2B12175550150': () => [
        200,
        {
          vehicles: [
            {
              vehicleId: 9,
              year: 2003,
              make: 'Honda',
              model: 'Accord',
              vin: ACCORD,
              details: { trim: 'EX-V6', bodyStyle: 'Coupe', engine: '6-cylinder', checkDigit: 'valid' },
            },
          ],
        },
      ],
    })
    renderWithQueue(() => <CallConsole callId={CALL} />)
    callSource().open()
    callSource().emit(
      'state',
      callState({ customer: { customerId: 3, name: 'Vera', phone: '+12175550150', vehicles: [] } }),
      '3',
    )
    expect(screen.getByText('No vehicles on file.')).toBeTruthy()
    callSource().emit(
      'tool_call',
      {
        turn: 1,
        tool: 'decode_vin',
        by: 'rules',
        arguments: { vin: '1HGCM82633A004353' },
        error: 'The check digit is wrong.',
        ms: 4,
      },
      '4',
    )
    callSource().emit(
      'tool_call',
      {
        turn: 2,
        tool: 'add_vehicle',
        by: 'llm',
        arguments: { vin: ACCORD },
        result: { created: true, description: '2003 Honda Accord EX-V6' },
        ms: 12,
      },
      '5',
    )
    callSource().emit(
      'call_updated',
      {
        customer: {
          customerId: 3,
          name: 'Vera',
          phone: '+12175550150',
          vehicles: [{ year: 2003, make: 'Honda', model: 'Accord', vin: ACCORD }],
        },
      },
      '6',
    )
    const calls = screen.getByRole('list', { name: 'Tool calls' }).querySelectorAll('li')
    expect([...calls].map((li) => li.dataset.tool)).toEqual(['add_vehicle', 'decode_vin'])
    expect(calls[0]!.textContent).toContain(`add_vehicle(vin: ${ACCORD})`)
    expect(calls[0]!.textContent).toContain('→ 2003 Honda Accord EX-V6')
    expect(calls[0]!.textContent).toContain('turn 2 · LLM · 12 ms')
    expect(calls[1]!.classList.contains('tool-call--error')).toBe(true)
    expect(calls[1]!.textContent).toContain('✗ The check digit is wrong.')

    await waitFor(() => expect(screen.getByText('EX-V6 · Coupe · 6-cylinder')).toBeTruthy())
    expect(screen.getByText(`VIN ${ACCORD}`)).toBeTruthy()
    expect(requests.some((r) => r.path === '/api/customers/%2B12175550150')).toBe(true)
  })
})
