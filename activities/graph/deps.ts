import type { Db } from '../../db/client'
import type { Understanding, NluCatalog } from '../nlu'
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { CompactCallState, TranscriptEntry } from '../../domain/call-state'
import type { Logger } from '../../lib/logger'
import type { VinDecoder } from '../../lib/vin'

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
  /** The offline VIN decoder the tools use; default: the process's shared, warm one. */
  vinDecoder?: () => Promise<VinDecoder>
  /** LLM mode: the model that is offered the tools as functions; unset offline. */
  toolChat?: { chat: BaseChatModel; timeoutMs?: number }
  log?: Logger
}
