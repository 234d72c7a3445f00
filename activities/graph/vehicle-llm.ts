/**
 * LLM mode's car-record desk: the model is offered the crew's tools as functions (LangChain tool
 * calling) and loops: it calls tools, reads their answers, and finally says something. A tool error
 * it can fix (a check digit that fails, no customer record yet) goes back to it as the tool's
 * answer, so the model can ask the caller again instead of the turn failing.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import {
  AIMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
  type BaseMessage,
} from '@langchain/core/messages'
import type { CompactCallState, TranscriptEntry } from '../../domain/call-state'
import type { ToolName } from '../../domain/tool-calls'
import { withDeadline } from '../llm/deadline'
import { openAiTools, type ToolRunner } from '../tools'
import { withToolEffects } from './tool-effects'
import type { VehicleStep } from './vehicle-rules'

/** Rounds of tool calls before the model must answer; a VIN needs two (decode, then add). */
const MAX_ROUNDS = 4
export const TOOL_TURN_TIMEOUT_MS = 8_000

function systemPrompt(call: CompactCallState): string {
  const c = call.customer
  const lines = [
    "You are the service desk of a car dealership, on the phone. You keep customers' car records.",
    'When the caller gives a VIN (typed, said or spelled with the phonetic alphabet), call decode_vin with it exactly as given.',
    'Read the decoded car back ("a 2003 Honda Accord EX-V6 — is that your car?") and call add_vehicle only after the caller says yes.',
    'If a tool answers with an error, tell the caller plainly what is wrong (for example a check digit that does not match) and ask again. Never invent vehicle data.',
    'Answer in one or two short spoken sentences.',
    c?.customerId !== undefined
      ? `The caller is ${c.name ?? 'a known customer'} (${c.phone ?? 'no phone'}); cars on record: ${c.vehicles.map((v) => `${v.year} ${v.make} ${v.model}${v.vin ? ` (${v.vin})` : ''}`).join(', ') || 'none'}.`
      : 'The caller has no customer record on this call yet.',
  ]
  if (call.dialog.vinCandidate)
    lines.push(
      `You read back the VIN ${call.dialog.vinCandidate.vin} (${call.dialog.vinCandidate.description}) and asked whether it is their car.`,
    )
  return lines.join('\n')
}

function history(recent: TranscriptEntry[]): BaseMessage[] {
  return recent.flatMap((l): BaseMessage[] =>
    l.role === 'user' ? [new HumanMessage(l.text)] : l.role === 'agent' ? [new AIMessage(l.text)] : [],
  )
}

export async function llmVehicleStep(
  llm: { chat: BaseChatModel; timeoutMs?: number },
  tools: ToolRunner,
  start: CompactCallState,
  text: string,
  recent: TranscriptEntry[],
): Promise<VehicleStep> {
  if (!llm.chat.bindTools) throw new Error('this chat model cannot call tools')
  const model = llm.chat.bindTools(openAiTools())
  const messages: BaseMessage[] = [
    new SystemMessage(systemPrompt(start)),
    ...history(recent),
    new HumanMessage(text),
  ]
  let call = start
  return withDeadline(llm.timeoutMs ?? TOOL_TURN_TIMEOUT_MS, async (signal) => {
    for (let round = 0; round <= MAX_ROUNDS; round++) {
      const ai = (await model.invoke(messages, { signal })) as AIMessage
      messages.push(ai)
      const calls = ai.tool_calls ?? []
      if (calls.length === 0 || round === MAX_ROUNDS) {
        const reply = typeof ai.content === 'string' ? ai.content.trim() : ''
        if (!reply) throw new Error('the model gave no answer')
        return { reply, call }
      }
      for (const tc of calls) {
        const outcome = await tools.run(tc.name, tc.args, call)
        call = afterTool(call, tc.name as ToolName, outcome)
        const content = JSON.stringify(
          outcome.ok ? outcome.result : { error: outcome.error, ...outcome.details },
        )
        messages.push(new ToolMessage({ tool_call_id: tc.id ?? tc.name, name: tc.name, content }))
      }
    }
    throw new Error('unreachable')
  })
}

/** The dialog follows the tools: a decoded VIN waits for a yes, an added car ends the wait. */
function afterTool(call: CompactCallState, tool: ToolName, outcome: Awaited<ReturnType<ToolRunner['run']>>) {
  const next = withToolEffects(call, tool, outcome)
  if (!outcome.ok) return next
  if (tool === 'decode_vin') {
    const car = outcome.result as { vin: string; description: string }
    return {
      ...next,
      dialog: {
        ...next.dialog,
        expecting: 'vin_confirmation' as const,
        vinCandidate: { vin: car.vin, description: car.description },
      },
    }
  }
  if (tool === 'add_vehicle')
    return { ...next, dialog: { ...next.dialog, expecting: null, vinCandidate: undefined } }
  return next
}
