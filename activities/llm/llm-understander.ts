/**
 * LLM-mode understanding: the model routes and extracts slots, the dealership's data and calendar
 * check its answer, and the offline NLU answers instead whenever the model fails, is slow or is wrong.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { HumanMessage, SystemMessage, type AIMessage, type BaseMessage } from '@langchain/core/messages'
import type { CompactCallState, TranscriptEntry } from '../../domain/call-state'
import type { Logger } from '../../lib/logger'
import type { NluCatalog, Understanding } from '../nlu'
import { reasonOf, withDeadline } from './deadline'
import { cleanUnderstanding, LlmUnderstanding } from './understanding-output'
import { todayIn, understandingMessages } from './understanding-prompt'

/** Understanding has 4 s; the whole turn activity has 15 s. */
export const UNDERSTAND_TIMEOUT_MS = 4_000

export type UnderstandFn = (
  text: string,
  call: CompactCallState,
  recent: TranscriptEntry[],
) => Promise<Understanding>

export interface LlmUnderstandDeps {
  chat: BaseChatModel
  catalog: () => Promise<NluCatalog>
  timeZone: string
  now: () => Date
  /** The offline NLU: the answer whenever the model's is not usable. */
  offline: UnderstandFn
  log: Logger
  timeoutMs?: number
}

/**
 * Understands with the model when its answer is valid, else with the offline NLU. The two are
 * never merged, so every turn is explained by exactly one of them (logged as `path`).
 */
export function createLlmUnderstand(deps: LlmUnderstandDeps): UnderstandFn {
  const timeoutMs = deps.timeoutMs ?? UNDERSTAND_TIMEOUT_MS
  const structured = deps.chat.withStructuredOutput(LlmUnderstanding, {
    name: 'understanding',
    method: 'functionCalling',
    // With the raw message, the reasons in the logs are ours: LangChain's own parse errors quote the
    // model's output, which can hold a caller's name or phone number.
    includeRaw: true,
  })
  return async (text, call, recent) => {
    const started = performance.now()
    try {
      const catalog = await deps.catalog()
      const now = deps.now()
      const { system, user } = understandingMessages({
        text,
        call,
        recent,
        catalog,
        timeZone: deps.timeZone,
        now,
      })
      const { raw } = await withDeadline(timeoutMs, (signal) =>
        structured.invoke([new SystemMessage(system), new HumanMessage(user)], { signal }),
      )
      const understanding = cleanUnderstanding(functionArguments(raw), {
        catalog,
        today: todayIn(deps.timeZone, now),
      })
      deps.log.debug({ path: 'llm', intent: understanding.intent, ms: elapsed(started) }, 'understood')
      return understanding
    } catch (err) {
      deps.log.warn(
        { reason: reasonOf(err), ms: elapsed(started) },
        'LLM understanding failed; using the offline NLU',
      )
      const understanding = await deps.offline(text, call, recent)
      deps.log.debug({ path: 'offline', intent: understanding.intent }, 'understood')
      return understanding
    }
  }
}

/** The arguments of the model's `understanding` call; throws a reason when there is no usable one. */
function functionArguments(raw: BaseMessage): unknown {
  const message = raw as AIMessage
  const call = message.tool_calls?.find((c) => c.name === 'understanding')
  if (call) return call.args
  if (message.invalid_tool_calls?.length)
    throw new Error('invalid output: function arguments are not valid JSON')
  throw new Error('invalid output: the model did not call the function')
}

const elapsed = (since: number) => Math.round(performance.now() - since)
