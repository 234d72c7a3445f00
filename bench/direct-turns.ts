/**
 * The same conversation with the turn activity called directly, in-process: no HTTP, no Temporal.
 * Against the full stack it shows what durability and orchestration cost per turn.
 */
import { createActivities } from '../activities'
import type { Db } from '../db/client'
import type { CompactCallState } from '../domain/call-state'
import { createLogger } from '../lib/logger'
import { conversation } from './conversation'
import { summarize } from './stats'

export async function measureDirect(db: Db, calls: number, firstDate: string) {
  const acts = createActivities({ db, log: createLogger('warn'), dealershipTimeZone: 'America/Chicago' })
  const samples: number[] = []
  for (let caller = 0; caller < calls; caller++) {
    const callId = `call-direct-${Date.now()}-${caller}`
    let state: CompactCallState = await acts.openCall({
      callId,
      channel: 'chat',
      startedAt: new Date().toISOString(),
    })
    for (const [i, text] of conversation(5_000 + caller, firstDate).entries()) {
      const t0 = performance.now()
      const result = await acts.runAgentTurn({ callId, turn: i + 1, text, author: 'user', state })
      samples.push(performance.now() - t0)
      state = result.state
    }
  }
  return summarize(samples)
}
