/**
 * Talk time and interruptions of a voice call, counted from the `speech` events the voice worker
 * logs (domain/call-events.ts): each caller utterance and each stretch of agent speech with its
 * length, agent speech the caller talked over marked `interrupted`. Chat calls have none: null / 0.
 */
import type { CallRecord } from '../../db/call-analyses'

export function talkSecondsOf(record: CallRecord): { customer: number; agent: number } | null {
  if (record.call.channel === 'chat') return null
  let caller = 0
  let agent = 0
  for (const e of record.events) {
    if (e.type !== 'speech') continue
    if (e.data.speaker === 'caller') caller += e.data.ms
    else agent += e.data.ms
  }
  const seconds = (ms: number) => Math.round(ms / 100) / 10
  return { customer: seconds(caller), agent: seconds(agent) }
}

export function interruptionsOf(record: CallRecord): number {
  if (record.call.channel === 'chat') return 0
  return record.events.filter((e) => e.type === 'speech' && e.data.speaker === 'agent' && e.data.interrupted)
    .length
}
