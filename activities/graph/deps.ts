import type { Db } from '../../db/client'
import type { Understanding, NluCatalog } from '../nlu'
import type { CompactCallState, TranscriptEntry } from '../../domain/call-state'

/** What the nodes of the agent graph need from the outside world. */
export interface GraphDeps {
  db: Db
  timeZone: string
  now: () => Date
  catalog: () => Promise<NluCatalog>
  /** Offline NLU, or an LLM with the offline NLU as its fallback. */
  understand: (text: string, call: CompactCallState, recent: TranscriptEntry[]) => Promise<Understanding>
  /** Rewrites a reply in a natural voice (LLM mode); the offline crew says its reply as is. */
  phrase?: (
    reply: string,
    call: CompactCallState,
    recent: TranscriptEntry[],
    customerText: string,
  ) => Promise<string>
  dealershipName: string
}
