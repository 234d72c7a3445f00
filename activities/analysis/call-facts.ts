/**
 * Facts read off a call's stored record that several parts of the analysis share: which turn wrote
 * an event, the customer's lines, the intents in order, why the call ended.
 */
import type { CallRecord, EventRow, LineRow } from '../../db/call-analyses'
import type { CallUpdate } from '../../domain/call-events'
import { endCauseOf, type EndCause } from '../../domain/call-end'

/** The turn that wrote an event (its dedupe key is `turn:N:...`), or null for changes outside turns. */
export function turnOfEvent(e: Pick<EventRow, 'dedupeKey'>): number | null {
  const m = /^turn:(\d+):/.exec(e.dedupeKey ?? '')
  return m ? Number(m[1]) : null
}

/** The customer's lines that belong to a turn, oldest first. */
export function customerLines(record: CallRecord): (LineRow & { turn: number })[] {
  return record.lines.filter((l): l is LineRow & { turn: number } => l.role === 'user' && l.turn !== null)
}

/** Each `call_updated` event written by a turn, with that turn's number, in log order. */
export function turnUpdates(record: CallRecord): { turn: number; update: CallUpdate }[] {
  return record.events.flatMap((e) => {
    if (e.type !== 'call_updated') return []
    const turn = turnOfEvent(e)
    return turn === null ? [] : [{ turn, update: e.data }]
  })
}

/** The intents the crew recognised, in order, repeats collapsed. */
export function intentPath(record: CallRecord): string[] {
  const path: string[] = []
  for (const { update } of turnUpdates(record)) {
    if (update.intent && path.at(-1) !== update.intent) path.push(update.intent)
  }
  return path
}

/** The intent recognised at each turn (the turn's `call_updated`, else the previous intent held). */
export function intentByTurn(record: CallRecord): Map<number, string> {
  const byTurn = new Map<number, string>()
  for (const { turn, update } of turnUpdates(record)) if (update.intent) byTurn.set(turn, update.intent)
  return byTurn
}

/** Why the call ended, from the reason recorded on its closing `call_status` event. */
export function endCause(record: CallRecord): EndCause {
  const closing = record.events.findLast((e) => e.type === 'call_status' && e.data.status === 'ended')
  return endCauseOf(closing?.type === 'call_status' ? closing.data.reason : undefined)
}

export const BOOKING_INTENTS = new Set(['book_service', 'book_test_drive', 'reschedule', 'cancel'])
