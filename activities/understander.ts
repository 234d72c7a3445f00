import type { CompactCallState, TranscriptEntry } from '../domain/call-state'
import type { Logger } from '../lib/logger'
import { createChatModel, createLlmPhrase, createLlmUnderstand } from './llm'
import { understand, type NluCatalog, type Understanding } from './nlu'
import { DEFAULT_DEALERSHIP_NAME } from '../domain/catalog'

export interface UnderstanderDeps {
  log: Logger
  dealershipTimeZone: string
  now: () => Date
  catalog: () => Promise<NluCatalog>
  /** Used in LLM mode's phrasing ("the phone voice of Springfield Auto"). */
  dealershipName?: string
  /** Neither key nor base URL = offline. The timeouts exist for tests; the defaults are 4 s each. */
  llm?: {
    apiKey?: string
    baseUrl?: string
    model?: string
    understandTimeoutMs?: number
    phraseTimeoutMs?: number
  }
}

export interface Understander {
  understand: (text: string, call: CompactCallState, recent: TranscriptEntry[]) => Promise<Understanding>
  phrase?: (
    reply: string,
    call: CompactCallState,
    recent: TranscriptEntry[],
    customerText: string,
  ) => Promise<string>
  /** LLM mode's chat model, which the crew's tool-calling step uses too; unset offline. */
  chat?: ReturnType<typeof createChatModel>
}

/**
 * How the crew understands and phrases: the offline NLU by default. With an LLM configured (an API
 * key or a base URL) the model understands and phrases, and the offline NLU is its fallback.
 */
export function createUnderstander(deps: UnderstanderDeps): Understander {
  const offline = async (text: string, call: CompactCallState): Promise<Understanding> =>
    understand(text, {
      catalog: await deps.catalog(),
      timeZone: deps.dealershipTimeZone,
      now: deps.now(),
      expecting: call.dialog.expecting,
    })
  const chat = createChatModel(deps.llm)
  if (!chat || !deps.llm) return { understand: offline, phrase: undefined }
  // Never log the key itself; the model and server are what an operator needs to see.
  deps.log.info({ model: chat.model, baseUrl: deps.llm.baseUrl ?? 'api.openai.com' }, 'LLM mode on')
  return {
    chat,
    understand: createLlmUnderstand({
      chat,
      catalog: deps.catalog,
      timeZone: deps.dealershipTimeZone,
      now: deps.now,
      offline,
      log: deps.log,
      timeoutMs: deps.llm.understandTimeoutMs,
    }),
    phrase: createLlmPhrase({
      chat,
      dealershipName: deps.dealershipName ?? DEFAULT_DEALERSHIP_NAME,
      log: deps.log,
      timeoutMs: deps.llm.phraseTimeoutMs,
    }),
  }
}
