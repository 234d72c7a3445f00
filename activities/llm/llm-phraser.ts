/**
 * LLM-mode phrasing: the model says the crew's reply in a natural voice. The reply stays the source
 * of truth: a rewrite that loses or invents a number is thrown away and the original is spoken.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { HumanMessage, SystemMessage } from '@langchain/core/messages'
import type { CompactCallState, TranscriptEntry } from '../../domain/call-state'
import type { Logger } from '../../lib/logger'
import { reasonOf, withDeadline } from './deadline'
import { RECENT_LINES } from './understanding-prompt'

/** Phrasing has 4 s; the whole turn activity has 15 s. */
export const PHRASE_TIMEOUT_MS = 4_000
/** Longer than this is not "one or two short sentences". */
export const MAX_PHRASE_CHARS = 600

export type PhraseFn = (
  reply: string,
  call: CompactCallState,
  recent: TranscriptEntry[],
  customerText: string,
) => Promise<string>

export interface LlmPhraseDeps {
  chat: BaseChatModel
  dealershipName: string
  log: Logger
  timeoutMs?: number
}

/** Rewrites a reply for speech, or returns it unchanged when the model fails or alters a fact. */
export function createLlmPhrase(deps: LlmPhraseDeps): PhraseFn {
  const timeoutMs = deps.timeoutMs ?? PHRASE_TIMEOUT_MS
  const system = [
    `You are the phone voice of ${deps.dealershipName}, a car dealership. Say the agent's reply to the caller`,
    'naturally, in one or two short spoken sentences. Keep every fact exactly as written: dates, times,',
    'prices, confirmation numbers, phone numbers, names, and any question the reply asks. Add nothing:',
    'no new facts, numbers, offers or promises. Answer with the words to say and nothing else.',
  ].join(' ')
  return async (reply, call, recent, customerText) => {
    const started = performance.now()
    try {
      const history = recent
        .slice(-RECENT_LINES)
        .map((t) => `${t.role === 'user' ? 'Caller' : 'Agent'}: ${t.text}`)
      const user = [
        ...(history.length ? ['Recent conversation:', ...history] : []),
        `The caller just said: ${JSON.stringify(customerText)}`,
        `The reply to say: ${JSON.stringify(reply)}`,
      ].join('\n')
      const message = await withDeadline(timeoutMs, (signal) =>
        deps.chat.invoke([new SystemMessage(system), new HumanMessage(user)], { signal }),
      )
      const rewrite = unquote(message.text)
      const problem = rewriteProblem(reply, rewrite)
      if (problem) {
        deps.log.warn(
          { reason: problem, ms: elapsed(started) },
          'LLM rewrite rejected; saying the reply as is',
        )
        return reply
      }
      deps.log.debug({ path: 'llm', callId: call.callId, ms: elapsed(started) }, 'phrased')
      return rewrite
    } catch (err) {
      deps.log.warn(
        { reason: reasonOf(err), ms: elapsed(started) },
        'LLM phrasing failed; saying the reply as is',
      )
      return reply
    }
  }
}

/** Why a rewrite cannot be spoken instead of `reply`, or null when it keeps every number. */
export function rewriteProblem(reply: string, rewrite: string): string | null {
  if (!rewrite) return 'empty rewrite'
  if (rewrite.length > MAX_PHRASE_CHARS) return `rewrite longer than ${MAX_PHRASE_CHARS} characters`
  const before = numbersIn(reply)
  const after = numbersIn(rewrite)
  const lost = [...before].filter((n) => !after.has(n))
  if (lost.length) return `rewrite lost ${lost.join(', ')}`
  const invented = [...after].filter((n) => !before.has(n))
  if (invented.length) return `rewrite added ${invented.join(', ')}`
  return null
}

/**
 * Numbers and clock times as written: "9:30", "49.99", "1,250" (read as 1250), the groups of a phone
 * number. "June 4th" yields "4", so "the 4th of June" keeps the fact while "June 5" loses it.
 */
function numbersIn(text: string): Set<string> {
  const found = text.match(/\d+(?:[.,:]\d+)*/g) ?? []
  return new Set(found.map((n) => n.replace(/,(?=\d{3}(?!\d))/g, '')))
}

/** Models sometimes wrap the line in quotes although told not to. */
function unquote(text: string): string {
  const t = text.trim()
  return /^(["“]).*["”]$/s.test(t) ? t.slice(1, -1).trim() : t
}

const elapsed = (since: number) => Math.round(performance.now() - since)
