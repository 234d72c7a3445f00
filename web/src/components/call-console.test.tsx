import { cleanup, fireEvent, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { FakeEventSource } from '../test/fake-event-source'
import { callState, line } from '../test/fixtures'
import { renderWithQueue, stubFetch } from '../test/render-with-queue'
import { CallConsole } from './call-console'

const CALL = 'call-1a2b3c4d-0000-0000-0000-000000000000'
const callSource = () => FakeEventSource.instances.find((s) => s.url.startsWith(`/api/calls/${CALL}/events`))!

describe('CallConsole', () => {
  beforeEach(() => {
    FakeEventSource.instances = []
    localStorage.clear()
  })
  afterEach(cleanup)

  it('shows loading, then the live call from its stream', async () => {
    stubFetch({})
    renderWithQueue(() => <CallConsole callId={CALL} />)
    expect(screen.getByText('Loading the call…')).toBeTruthy()
    callSource().open()
    callSource().emit(
      'state',
      callState({
        currentAgent: 'booking',
        intent: 'book_service',
        confidence: 0.92,
        transcript: [line(1, 'user', 'I need an oil change'), line(2, 'agent', 'Which time?', 'booking')],
        booking: { status: 'collecting', appointmentType: 'service', serviceType: 'Oil Change' },
        customer: {
          name: 'Jane Doe',
          phone: '+12175550101',
          vehicles: [{ year: 2021, make: 'Toyota', model: 'Camry' }],
        },
      }),
      '3',
    )
    expect(screen.getByText('Live')).toBeTruthy()
    expect(screen.getByText('I need an oil change')).toBeTruthy()
    expect(screen.getByText('Booking agent')).toBeTruthy()
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toBe('Booking')
    expect(screen.getByTestId('intent').textContent).toBe('Book service')
    expect(screen.getByRole('meter').getAttribute('aria-valuenow')).toBe('92')
    expect(document.querySelector('[data-slot="Service"]')!.classList.contains('slot--filled')).toBe(true)
    expect(document.querySelector('[data-slot="Date"]')!.classList.contains('slot--filled')).toBe(false)
    expect(screen.getByText('Jane Doe')).toBeTruthy()
    expect(screen.getByText('2021 Toyota Camry')).toBeTruthy()

    callSource().emit(
      'task',
      { taskId: 'esc-1', taskType: 'escalation', status: 'pending', reason: 'asked for a person' },
      '4',
    )
    expect(screen.getByText('Waiting for a person')).toBeTruthy()
  })

  it('sends a message as the customer with an idempotency key, and keeps the text when it fails', async () => {
    const requests = stubFetch({
      [`POST /api/calls/${CALL}/messages`]: () => [
        409,
        { error: { code: 'conflict', message: 'The call has ended' } },
      ],
    })
    renderWithQueue(() => <CallConsole callId={CALL} />)
    callSource().emit('state', callState(), '1')
    const box = screen.getByLabelText('Message as the customer') as HTMLTextAreaElement
    fireEvent.input(box, { target: { value: 'What are your hours?' } })
    fireEvent.keyDown(box, { key: 'Enter' })
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('The call has ended'))
    // (The console also lists the call's voice messages when it opens.)
    const [sent] = requests.filter((r) => r.method === 'POST')
    expect(sent!.body).toMatchObject({
      text: 'What are your hours?',
      idempotencyKey: expect.any(String),
    })
    expect(sent!.body).not.toHaveProperty('author')
    expect(box.value).toBe('What are your hours?')
  })

  it('lets the human agent who accepted the escalation speak as staff', async () => {
    const requests = stubFetch({
      'GET /api/human-agents': () => [200, { items: [{ id: 7, name: 'Ann Lee', available: true }] }],
      [`POST /api/calls/${CALL}/messages`]: () => [200, { reply: '', state: callState() }],
    })
    localStorage.setItem('pitcrew.humanAgentId', '7')
    const { queue } = renderWithQueue(() => <CallConsole callId={CALL} />)
    await queue.loadAgents()
    callSource().emit(
      'state',
      callState({
        status: 'escalated',
        currentAgent: 'human',
        tasks: [{ taskId: 'esc-1', taskType: 'escalation', status: 'running', humanAgentName: 'Ann Lee' }],
      }),
      '9',
    )
    const box = screen.getByLabelText('Reply as Ann Lee (staff)')
    fireEvent.input(box, { target: { value: 'Hi, this is Ann.' } })
    fireEvent.click(screen.getByRole('button', { name: 'Send' }))
    await waitFor(() => expect(requests.some((r) => r.method === 'POST')).toBe(true))
    expect(requests.find((r) => r.method === 'POST')!.body).toMatchObject({
      text: 'Hi, this is Ann.',
      author: 'human',
      humanAgentId: 7,
    })
    expect(screen.getByRole('button', { name: 'Resolve and hand back to the crew' })).toBeTruthy()
  })

  it('is read-only once the call has ended', () => {
    stubFetch({})
    renderWithQueue(() => <CallConsole callId={CALL} />)
    callSource().emit('state', callState({ status: 'ended', transcript: [line(1, 'user', 'bye')] }), '2')
    expect(screen.queryByRole('textbox')).toBeNull()
    expect(screen.getByText('This call has ended: the console is read-only.')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'End call' })).toBeNull()
  })

  it('says so when the stream could not be opened', () => {
    stubFetch({})
    renderWithQueue(() => <CallConsole callId={CALL} />)
    callSource().fail(true)
    expect(screen.getByText('Disconnected')).toBeTruthy()
    expect(screen.getByRole('alert').textContent).toContain('could not be loaded')
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }))
    expect(FakeEventSource.latest().url).toContain(`/api/calls/${CALL}/events`)
  })
})
