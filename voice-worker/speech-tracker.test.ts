import { describe, expect, it } from 'vitest'
import type { SpeechSegment } from '../domain/call-events'
import { createSpeechTracker } from './speech-tracker'

function tracker() {
  let t = 0
  const reported: SpeechSegment[] = []
  const tr = createSpeechTracker(
    (s) => reported.push(s),
    () => t,
  )
  return { tr, reported, at: (ms: number) => (t = ms) }
}

describe('speech tracker', () => {
  it('reports each utterance and agent speech with its length', () => {
    const { tr, reported, at } = tracker()
    tr.userState('speaking')
    at(1500)
    tr.userState('listening')
    tr.agentState('thinking')
    at(2000)
    tr.agentState('speaking')
    at(4500)
    tr.agentState('listening')
    expect(reported).toEqual([
      { speaker: 'caller', ms: 1500 },
      { speaker: 'agent', ms: 2500 },
    ])
  })

  it('marks agent speech the caller talked over as interrupted, once', () => {
    const { tr, reported, at } = tracker()
    tr.agentState('speaking')
    at(800)
    tr.userState('speaking')
    at(1000)
    tr.agentState('listening')
    at(2000)
    tr.userState('listening')
    tr.agentState('speaking')
    at(3000)
    tr.agentState('listening')
    expect(reported).toEqual([
      { speaker: 'agent', ms: 1000, interrupted: true },
      { speaker: 'caller', ms: 1200 },
      { speaker: 'agent', ms: 1000 },
    ])
  })

  it('does not count the agent starting while the caller speaks as a barge-in', () => {
    const { tr, reported, at } = tracker()
    tr.userState('speaking')
    at(500)
    tr.agentState('speaking')
    at(900)
    tr.userState('listening')
    at(2000)
    tr.agentState('listening')
    expect(reported).toEqual([
      { speaker: 'caller', ms: 900 },
      { speaker: 'agent', ms: 1500 },
    ])
  })
})
