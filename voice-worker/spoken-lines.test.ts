import { describe, expect, it } from 'vitest'
import type { TranscriptEntry } from '../domain/call-state'
import { createSpokenLines } from './spoken-lines'

let seq = 0
const line = (role: TranscriptEntry['role'], text: string, turn?: number): TranscriptEntry => ({
  seq: ++seq,
  role,
  text,
  ...(turn !== undefined ? { turn } : {}),
  at: '2030-12-04T16:00:00Z',
})

function follower(afterSeq = 0) {
  const spoken: string[] = []
  return { spoken, lines: createSpokenLines({ afterSeq, speak: (t) => spoken.push(t) }) }
}

describe('spoken lines', () => {
  it('speaks the greeting and notices, never the caller, and each line once', () => {
    const { spoken, lines } = follower()
    const greeting = line('agent', 'Thanks for calling.')
    lines.onEntry(greeting)
    lines.onEntry(line('user', 'Hi'))
    lines.onEntry(greeting)
    lines.onEntry(line('human', 'This is Maria from service.'))
    expect(spoken).toEqual(['Thanks for calling.', 'This is Maria from service.'])
  })

  it('skips the reply of its own turn whether it arrives before or after the turn answers', () => {
    const { spoken, lines } = follower()
    lines.turnStarted()
    lines.onEntry(line('user', 'oil change', 1))
    lines.onEntry(line('agent', 'What day works?', 1))
    lines.turnFinished(1)
    lines.turnStarted()
    lines.turnFinished(2)
    lines.onEntry(line('agent', 'Tomorrow at 9?', 2))
    expect(spoken).toEqual([])
  })

  it('speaks the reply to a turn another client sent, even when it has the same words as its own', () => {
    const { spoken, lines } = follower()
    lines.turnStarted()
    lines.turnFinished(1)
    lines.onEntry(line('agent', 'Sorry, could you say that again?', 1))
    lines.onEntry(line('agent', 'Sorry, could you say that again?', 2))
    expect(spoken).toEqual(['Sorry, could you say that again?'])
  })

  it('holds a notice that lands during a turn and says it after the reply', () => {
    const { spoken, lines } = follower()
    lines.turnStarted()
    lines.onEntry(line('agent', 'Someone will call you back Monday at 9.'))
    expect(spoken).toEqual([])
    lines.onEntry(line('agent', 'Let me find someone.', 3))
    lines.turnFinished(3)
    expect(spoken).toEqual(['Someone will call you back Monday at 9.'])
  })

  it('says nothing that was in the transcript before it joined (a worker taking a call over)', () => {
    const old = line('agent', 'What day works?')
    const { spoken, lines } = follower(old.seq)
    lines.onEntry(old)
    lines.onEntry(line('agent', 'Someone will call you back.'))
    expect(spoken).toEqual(['Someone will call you back.'])
  })
})
