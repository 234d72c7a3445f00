/**
 * What the crew says outside the caller's own turns still has to reach a voice caller: the greeting
 * the workflow writes when the call opens (or when a phone call is answered), notices such as
 * "nobody is free; someone will call you back Monday at 9", and a person's words once a human agent
 * has taken the call. The worker follows the call's transcript events and speaks each such line
 * once. A reply to one of its own turns is spoken by the turn itself: its line carries the turn's
 * number, which the turn's answer gave, so it is skipped by number, never by comparing words.
 */
import type { TranscriptEntry } from '../domain/call-state'

export interface SpokenLines {
  /** A transcript entry from the call's events (any role, any order of arrival). */
  onEntry(entry: TranscriptEntry): void
  /** The worker sent a caller's turn; lines that arrive meanwhile wait until it has answered. */
  turnStarted(): void
  /** The turn answered; `turn` is its number (null when it failed). */
  turnFinished(turn: number | null): void
}

/** Speaks lines with `seq` above `afterSeq` that are the crew's or a person's and not this worker's replies. */
export function createSpokenLines(o: { afterSeq: number; speak: (text: string) => void }): SpokenLines {
  let turnsInFlight = 0
  /** Lines that arrived while a turn was in flight: said after its reply, unless they are that reply. */
  let held: TranscriptEntry[] = []
  const ownTurns = new Set<number>()
  const seen = new Set<number>()
  const isOwnReply = (entry: TranscriptEntry) =>
    entry.role === 'agent' && entry.turn !== undefined && ownTurns.has(entry.turn)

  return {
    onEntry(entry) {
      if (entry.seq <= o.afterSeq || seen.has(entry.seq) || entry.role === 'user' || entry.role === 'system')
        return
      seen.add(entry.seq)
      if (isOwnReply(entry)) return
      if (turnsInFlight > 0) held.push(entry)
      else o.speak(entry.text)
    },
    turnStarted() {
      turnsInFlight++
    },
    turnFinished(turn) {
      turnsInFlight = Math.max(0, turnsInFlight - 1)
      if (turn !== null) ownTurns.add(turn)
      if (turnsInFlight > 0) return
      const due = held.filter((entry) => !isOwnReply(entry))
      held = []
      for (const entry of due) o.speak(entry.text)
    },
  }
}
