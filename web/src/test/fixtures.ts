import type { CallState, TranscriptEntry } from '../lib/types'

export function callState(overrides: Partial<CallState> = {}): CallState {
  return {
    callId: 'call-1a2b3c4d-0000-0000-0000-000000000000',
    channel: 'chat',
    status: 'active',
    startedAt: '2026-12-02T15:00:00.000Z',
    currentAgent: 'router',
    intent: null,
    confidence: 0,
    customer: null,
    booking: { status: 'collecting' },
    tasks: [],
    transcript: [],
    turnCount: 0,
    ...overrides,
  }
}

export function line(
  seq: number,
  role: TranscriptEntry['role'],
  text: string,
  agent?: TranscriptEntry['agent'],
) {
  return {
    seq,
    role,
    text,
    at: `2026-12-02T15:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    ...(agent ? { agent } : {}),
  }
}
