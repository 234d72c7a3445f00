/**
 * Measures a voice call's speech from the agent session's own state changes: each caller utterance
 * (the session's user state `speaking` until it leaves it) and each stretch of agent speech, and
 * whether the caller started talking while the agent was speaking: a barge-in, which the session
 * answers by cutting the agent off. Each finished stretch is reported once, as a `speech` event of
 * the call's log; the post-call analysis counts talk time and interruptions from them.
 */
import type { SpeechSegment } from '../domain/call-events'

export interface SpeechTracker {
  /** The agent session's agent state changed (initializing, idle, listening, thinking, speaking). */
  agentState(state: string): void
  /** The agent session's user state changed (speaking, listening, away). */
  userState(state: string): void
}

export function createSpeechTracker(
  report: (segment: SpeechSegment) => void,
  now: () => number = () => performance.now(),
): SpeechTracker {
  let agentSince: number | null = null
  let callerSince: number | null = null
  let talkedOver = false
  const ms = (since: number) => Math.max(0, Math.round(now() - since))
  return {
    agentState(state) {
      if (state === 'speaking') {
        agentSince ??= now()
        return
      }
      if (agentSince === null) return
      report({ speaker: 'agent', ms: ms(agentSince), ...(talkedOver ? { interrupted: true } : {}) })
      agentSince = null
      talkedOver = false
    },
    userState(state) {
      if (state === 'speaking') {
        if (callerSince !== null) return
        callerSince = now()
        // The caller started while the agent was talking: they talked over it.
        if (agentSince !== null) talkedOver = true
        return
      }
      if (callerSince === null) return
      report({ speaker: 'caller', ms: ms(callerSince) })
      callerSince = null
    },
  }
}
