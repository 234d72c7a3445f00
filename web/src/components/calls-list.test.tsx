import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { navigate } from '../lib/router'
import { stubFetch } from '../test/render-with-queue'
import { CallsList } from './calls-list'

const summary = (n: number, status = 'active') => ({
  callId: `call-${String(n).padStart(8, '0')}-x`,
  channel: n % 2 ? 'chat' : 'web',
  status,
  customerPhone: '+12175550101',
  customerName: n % 2 ? 'Jane Doe' : null,
  intent: 'faq',
  currentAgent: 'faq',
  turnCount: n,
  startedAt: '2026-12-02T15:00:00.000Z',
  endedAt: null,
})

describe('CallsList', () => {
  beforeEach(() => navigate('/calls', { replace: true }))
  afterEach(cleanup)

  it('lists calls, pages with the cursor, and filters by status through the URL', async () => {
    const requests = stubFetch({
      'GET /api/calls': () => [200, { items: [summary(1), summary(2)], nextCursor: 'c1' }],
    })
    render(() => <CallsList />)
    expect(screen.getByText('Loading calls…')).toBeTruthy()
    await waitFor(() => expect(screen.getAllByTestId('call-row')).toHaveLength(2))
    expect(screen.getByText('Jane Doe')).toBeTruthy()
    expect(screen.getAllByTestId('call-channel').map((c) => c.textContent)).toEqual(['Chat', 'Browser voice'])

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }))
    await waitFor(() => expect(screen.getAllByTestId('call-row')).toHaveLength(4))
    expect(requests[1]!.path).toBe('/api/calls?limit=25&cursor=c1')

    fireEvent.click(screen.getByRole('button', { name: 'Ended' }))
    await waitFor(() => expect(requests.at(-1)!.path).toBe('/api/calls?limit=25&status=ended'))
    expect(location.search).toBe('?status=ended')
    expect(screen.getByRole('button', { name: 'Ended' }).getAttribute('aria-pressed')).toBe('true')
  })

  it('searches, and says when nothing matches', async () => {
    const requests = stubFetch({ 'GET /api/calls': () => [200, { items: [], nextCursor: null }] })
    render(() => <CallsList />)
    await waitFor(() => expect(screen.getByText('No calls yet. Start one.')).toBeTruthy())
    fireEvent.input(screen.getByLabelText('Search calls'), { target: { value: 'oil change' } })
    fireEvent.click(screen.getByRole('button', { name: 'Search' }))
    await waitFor(() => expect(screen.getByText('No call matches.')).toBeTruthy())
    expect(requests.at(-1)!.path).toBe('/api/calls?limit=25&q=oil+change')
  })

  it("shows the newest filter's calls even when an older filter's answer comes back after them", async () => {
    let releaseUnfiltered!: () => void
    const unfilteredHeld = new Promise<void>((resolve) => (releaseUnfiltered = resolve))
    globalThis.fetch = (async (input: string) => {
      const ended = String(input).includes('status=ended')
      if (!ended) await unfilteredHeld
      const items = ended ? [summary(1, 'ended')] : [summary(1), summary(2), summary(3)]
      return new Response(JSON.stringify({ items, nextCursor: null, total: items.length }), {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }) as typeof fetch
    render(() => <CallsList />)
    fireEvent.click(screen.getByRole('button', { name: 'Ended' }))
    await waitFor(() => expect(screen.getAllByTestId('call-row')).toHaveLength(1))
    releaseUnfiltered()
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(screen.getAllByTestId('call-row')).toHaveLength(1)
  })

  it('shows the API error', async () => {
    stubFetch({ 'GET /api/calls': () => [503, { error: { code: 'unavailable', message: 'database down' } }] })
    render(() => <CallsList />)
    await waitFor(() =>
      expect(screen.getByRole('alert').textContent).toBe('Could not load calls: database down'),
    )
  })
})
