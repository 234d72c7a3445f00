import { cleanup, fireEvent, render, screen, waitFor } from '@solidjs/testing-library'
import { afterEach, describe, expect, it } from 'vitest'
import type { CallAnalysis } from '../lib/types'
import { line } from '../test/fixtures'
import { stubFetch } from '../test/render-with-queue'
import { CallAnalysisPanel } from './call-analysis'

const CALL = 'call-1a2b3c4d-0000-0000-0000-000000000000'
const PATH = `/api/calls/${CALL}/analysis`
const lines = [
  { ...line(1, 'user', 'Is my warranty still good? I need brakes', undefined), turn: 1 },
  { ...line(2, 'agent', 'Yes. Which day?', 'booking'), turn: 1 },
  { ...line(3, 'user', 'Tuesday at 9, great', undefined), turn: 2 },
  { ...line(4, 'agent', 'Booked: confirmation 12', 'booking'), turn: 2 },
]

function analysis(overrides: Partial<CallAnalysis> = {}): CallAnalysis {
  return {
    callId: CALL,
    analyzerVersion: 'offline-1',
    analyzedAt: '2026-12-02T15:05:00.000Z',
    durationSeconds: 125,
    turns: 2,
    customerTurns: 2,
    talkSeconds: { customer: 14.2, agent: 31 },
    interruptions: 1,
    outcome: 'booked',
    outcomeEvidence: { turns: [2], appointmentId: 12 },
    intents: ['book_service'],
    sentiment: { score: 0.31, label: 'positive', lowestTurn: 1, lowestScore: -0.1, source: 'lexicon' },
    keywords: [{ keyword: 'warranty', count: 1, turns: [1] }],
    topTerms: [{ term: 'brakes', count: 1 }],
    summary: { text: 'Jane booked a service visit (appointment #12).', source: 'offline' },
    ...overrides,
  }
}

describe('CallAnalysisPanel', () => {
  afterEach(cleanup)

  it('shows nothing while the call is live', () => {
    const requests = stubFetch({})
    render(() => <CallAnalysisPanel callId={CALL} ended={false} lines={lines} />)
    expect(screen.queryByTestId('call-analysis')).toBeNull()
    expect(requests).toHaveLength(0)
  })

  it('shows the outcome with links to its evidence turns, sentiment, keywords, summary and timings', async () => {
    stubFetch({ [`GET ${PATH}`]: () => [200, analysis()] })
    render(() => <CallAnalysisPanel callId={CALL} ended={true} lines={lines} />)
    await waitFor(() => expect(screen.getByTestId('analysis-outcome').textContent).toBe('Booked'))
    const evidence = screen.getAllByTestId('evidence-turn')
    // Outcome turn 2 links to the customer's line of turn 2; the sentiment's lowest turn and the
    // keyword's turn link to turn 1.
    expect(evidence.map((a) => a.getAttribute('href'))).toEqual(['#line-3', '#line-1', '#line-1'])
    expect(screen.getByTestId('evidence-appointment').textContent).toContain('#12')
    expect(screen.getByTestId('analysis-summary').textContent).toContain('appointment #12')
    expect(screen.getByTestId('analysis-sentiment').textContent).toContain('positive')
    expect(screen.getByTestId('analysis-keywords').textContent).toContain('warranty ×1')
    expect(screen.getByTestId('analysis-duration').textContent).toBe('2:05')
    expect(screen.getByTestId('analysis-talk').textContent).toBe('customer 0:14 · agent 0:31')
    expect(screen.getByTestId('analysis-interruptions').textContent).toBe('1')
  })

  it('says when a call was too short to judge, and shows the task of an escalation', async () => {
    stubFetch({
      [`GET ${PATH}`]: () => [
        200,
        analysis({
          outcome: 'escalated',
          outcomeEvidence: { turns: [1], taskId: 'esc-7' },
          sentiment: 'insufficient',
          summary: 'insufficient',
          talkSeconds: null,
          interruptions: 0,
        }),
      ],
    })
    render(() => <CallAnalysisPanel callId={CALL} ended={true} lines={lines} />)
    await waitFor(() => expect(screen.getByTestId('analysis-outcome').textContent).toBe('Taken by a person'))
    expect(screen.getByTestId('evidence-task').textContent).toContain('esc-7')
    expect(screen.getByTestId('analysis-sentiment').textContent).toBe('too short to judge')
    expect(screen.getByText(/Too short to summarise/)).toBeTruthy()
    expect(screen.queryByTestId('analysis-talk')).toBeNull()
  })

  it('waits while the analysis is pending, and re-runs it on request', async () => {
    let ready = false
    const requests = stubFetch({
      [`GET ${PATH}`]: () => (ready ? [200, analysis()] : [202, { status: 'pending' }]),
      [`POST ${PATH}`]: () => [202, { callId: CALL, status: 'pending' }],
    })
    render(() => <CallAnalysisPanel callId={CALL} ended={true} lines={lines} />)
    await waitFor(() => expect(screen.getByText('Analysing the call…')).toBeTruthy())
    ready = true
    await waitFor(() => expect(screen.getByTestId('analysis-outcome')).toBeTruthy(), { timeout: 5_000 })
    fireEvent.click(screen.getByRole('button', { name: 'Analyse again' }))
    await waitFor(() => expect(requests.some((r) => r.method === 'POST' && r.path === PATH)).toBe(true))
  })
})
