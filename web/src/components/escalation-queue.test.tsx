import { cleanup, fireEvent, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { pathname } from '../lib/router'
import { FakeEventSource } from '../test/fake-event-source'
import { renderWithQueue, stubFetch } from '../test/render-with-queue'
import { EscalationQueuePage } from './escalation-queue'

const task = (taskId: string, status: 'pending' | 'running', extra: Record<string, unknown> = {}) => ({
  taskId,
  callId: `call-${taskId}0000-aaaa`,
  taskType: 'escalation',
  status,
  reason: 'The customer asked to speak with a person.',
  createdAt: '2026-12-02T15:00:00.000Z',
  ...extra,
})

describe('EscalationQueuePage', () => {
  beforeEach(() => {
    FakeEventSource.instances = []
    localStorage.clear()
  })
  afterEach(cleanup)

  it('shows loading, then the live snapshots of pending and running tasks', () => {
    stubFetch({})
    const { queueSource } = renderWithQueue(() => <EscalationQueuePage />)
    expect(screen.getByText('Loading the queue…')).toBeTruthy()
    queueSource.open()
    queueSource.emit('tasks', { items: [] })
    expect(screen.getByText('Nobody is waiting for a person.')).toBeTruthy()
    queueSource.emit('tasks', {
      items: [task('aaaa', 'pending', { offeredTo: 'Maria' }), task('bbbb', 'running')],
    })
    expect(screen.getAllByTestId('queue-task')).toHaveLength(2)
    expect(screen.getByText('Maria')).toBeTruthy()
    // Nobody picked: accepting is not possible yet.
    expect((screen.getByRole('button', { name: 'Accept' }) as HTMLButtonElement).disabled).toBe(true)
    expect(screen.getByText('Pick who you are (top right) to accept tasks.')).toBeTruthy()
  })

  it('accepts as the chosen human agent and opens the call', async () => {
    const requests = stubFetch({
      'GET /api/human-agents': () => [200, { items: [{ id: 2, name: 'Derek Thompson', available: true }] }],
      'POST /api/escalations/aaaa/accept': () => [200, task('aaaa', 'running')],
    })
    localStorage.setItem('pitcrew.humanAgentId', '2')
    const { queue, queueSource } = renderWithQueue(() => <EscalationQueuePage />)
    await queue.loadAgents()
    queueSource.emit('tasks', { items: [task('aaaa', 'pending')] })
    fireEvent.click(screen.getByRole('button', { name: 'Accept as Derek Thompson' }))
    await waitFor(() => expect(pathname()).toBe('/calls/call-aaaa0000-aaaa'))
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/api/escalations/aaaa/accept',
      body: { humanAgentId: 2 },
    })
  })

  it('shows why an accept failed (someone else was faster)', async () => {
    stubFetch({
      'GET /api/human-agents': () => [200, { items: [{ id: 2, name: 'Derek Thompson', available: true }] }],
      'POST /api/escalations/aaaa/accept': () => [
        409,
        { error: { code: 'conflict', message: 'Task aaaa is running, not pending' } },
      ],
    })
    localStorage.setItem('pitcrew.humanAgentId', '2')
    const { queue, queueSource } = renderWithQueue(() => <EscalationQueuePage />)
    await queue.loadAgents()
    queueSource.emit('tasks', { items: [task('aaaa', 'pending')] })
    fireEvent.click(screen.getByRole('button', { name: 'Accept as Derek Thompson' }))
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Task aaaa is running, not pending'),
    )
  })
})
