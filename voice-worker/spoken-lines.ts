/**
 * What the crew says outside the caller's own turns still has to reach a voice caller: the greeting
 * the workflow writes when the call opens (or when a phone call is answered), notices such as
 * "nobody is free; someone will call you back Monday at 9", and a person's words once a human agent
 * has taken the call. The worker follows the call's transcript events and speaks each such line
 * once. Replies to its own turns are spoken by the turn itself, so their echoes are skipped here.
 */
import type { TranscriptEntry } from '../domain/call-state'

export interface SpokenLines {
  /** A transcript entry from the call's events (any role, any order of arrival). */
  onEntry(entry: TranscriptEntry): void
  /** The worker sent a caller's turn; lines that arrive meanwhile may be its reply. */
  turnStarted(): void
  /** The turn answered `reply` (null: the crew stayed quiet). */
  turnFinished(reply: string | null): void
}

/** Speaks lines with `seq` above `afterSeq` that are the crew's or a person's and not a turn reply. */
export function createSpokenLines(o: { afterSeq: number; speak: (text: string) => void }): SpokenLines {
  let turnsInFlight = 0
  /** Lines that arrived while a turn was in flight: a reply, or something to say after it. */
  let held: TranscriptEntry[] = []
  /** Replies already spoken by their turn whose transcript events have not arrived yet. */
  const echoes: string[] = []
  const seen = new Set<number>()

  const take = (list: string[], text: string) => {
    const i = list.indexOf(text)
    if (i !== -1) list.splice(i, 1)
    return i !== -1
  }

  return {
    onEntry(entry) {
      if (entry.seq <= o.afterSeq || seen.has(entry.seq) || entry.role === 'user' || entry.role === 'system')
        return
      seen.add(entry.seq)
      if (entry.role === 'agent' && take(echoes, entry.text)) return
      if (turnsInFlight > 0) held.push(entry)
      else o.speak(entry.text)
    },
    turnStarted() {
      turnsInFlight++
    },
    turnFinished(reply) {
      turnsInFlight = Math.max(0, turnsInFlight - 1)
      if (reply) {
        const echo = held.findIndex((e) => e.role === 'agent' && e.text === reply)
        if (echo === -1) echoes.push(reply)
        else held.splice(echo, 1)
      }
      if (turnsInFlight > 0) return
      const due = held
      held = []
      for (const entry of due) o.speak(entry.text)
    },
  }
}
