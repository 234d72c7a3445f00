/**
 * With an LLM configured, the summary is the model's, grounded in the transcript: it gets the lines
 * and the facts the offline analysis found, and a summary that is empty, too long, or names a number
 * that is in neither (an invented time, price or appointment number) is thrown away. Any error, a
 * timeout or a rejected answer falls back to the offline summary.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { HumanMessage, SystemMessage } from '@langchain/core/messages'
import type { LineRow } from '../../db/call-analyses'
import type { Logger } from '../../lib/logger'
import { reasonOf, withDeadline } from '../llm/deadline'

export const SUMMARY_TIMEOUT_MS = 15_000
const MAX_SUMMARY_CHARS = 800
/** The model sees at most this much of a long call: its first and last lines. */
const MAX_LINES = 80

const ROLE_WORDS = { user: 'Customer', agent: 'Agent', human: 'Staff', system: 'System' } as const

export interface LlmSummaryDeps {
  chat: BaseChatModel
  log: Logger
  timeoutMs?: number
}

/** The model's summary, or null (the caller then keeps the offline one). */
export async function llmSummary(
  deps: LlmSummaryDeps,
  input: { callId: string; lines: LineRow[]; facts: string },
): Promise<string | null> {
  const lines =
    input.lines.length > MAX_LINES
      ? [...input.lines.slice(0, MAX_LINES / 2), ...input.lines.slice(-MAX_LINES / 2)]
      : input.lines
  const transcript = lines.map((l) => `${ROLE_WORDS[l.role]}${l.turn ? ` (turn ${l.turn})` : ''}: ${l.text}`)
  const system = [
    'You summarise a call between a car dealership and a customer for the dealership manager.',
    'Write two to four short factual sentences: who called, what they wanted, what was done',
    '(booking, cancellation, escalation, callback) and anything left open. Use only what the',
    'transcript and the facts say; never invent names, dates, times, prices or numbers.',
    'Answer with the summary and nothing else.',
  ].join(' ')
  const user = ['Facts:', input.facts, '', 'Transcript:', ...transcript].join('\n')
  try {
    const message = await withDeadline(deps.timeoutMs ?? SUMMARY_TIMEOUT_MS, (signal) =>
      deps.chat.invoke([new SystemMessage(system), new HumanMessage(user)], { signal }),
    )
    const summary = message.text.trim()
    const problem = summaryProblem(summary, `${input.facts}\n${transcript.join('\n')}`)
    if (problem) {
      deps.log.warn(
        { callId: input.callId, reason: problem },
        'LLM summary rejected; keeping the offline one',
      )
      return null
    }
    return summary
  } catch (err) {
    deps.log.warn(
      { callId: input.callId, reason: reasonOf(err) },
      'LLM summary failed; keeping the offline one',
    )
    return null
  }
}

/** Why a model's summary cannot be used, or null. */
export function summaryProblem(summary: string, source: string): string | null {
  if (!summary) return 'empty summary'
  if (summary.length > MAX_SUMMARY_CHARS) return `longer than ${MAX_SUMMARY_CHARS} characters`
  const known = new Set(numbersIn(source))
  const invented = numbersIn(summary).filter((n) => !known.has(n))
  if (invented.length > 0) return `numbers not in the transcript: ${invented.join(', ')}`
  return null
}

/** The digit runs of a text ("9:30" gives 9 and 30; "#1042" gives 1042). */
const numbersIn = (text: string) => (text.match(/\d+/g) ?? []).map((n) => String(Number(n)))
