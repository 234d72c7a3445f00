/**
 * The car-record step of the crew (answering as the booking agent, the service desk). In LLM mode
 * the model gets the five tools as functions; offline, or when the model fails, the rules call the
 * same tools. Either way every tool call lands in the turn's `toolCalls`.
 */
import { reasonOf } from '../llm/deadline'
import { createToolRunner } from '../tools'
import { toolDepsOf } from './tool-deps'
import type { GraphDeps } from './deps'
import type { TurnGraphState, TurnUpdate } from './graph-state'
import { llmVehicleStep } from './vehicle-llm'
import { rulesVehicleStep } from './vehicle-rules'

export function vehicleNode(deps: GraphDeps) {
  const toolDeps = toolDepsOf(deps)
  return async (s: TurnGraphState): Promise<TurnUpdate> => {
    const call = { ...s.call, currentAgent: 'booking' as const }
    if (deps.toolChat) {
      const tools = createToolRunner(toolDeps, s.turn, 'llm')
      try {
        const step = await llmVehicleStep(deps.toolChat, tools, call, s.text, s.recent)
        return { reply: step.reply, call: step.call, toolCalls: tools.calls }
      } catch (err) {
        deps.log?.warn({ reason: reasonOf(err) }, 'LLM tool calling failed; the rules answer this turn')
        const rules = createToolRunner(toolDeps, s.turn, 'rules')
        const step = await rulesVehicleStep(rules, call, s.text)
        return { reply: step.reply, call: step.call, toolCalls: [...tools.calls, ...rules.calls] }
      }
    }
    const tools = createToolRunner(toolDeps, s.turn, 'rules')
    const step = await rulesVehicleStep(tools, call, s.text)
    return { reply: step.reply, call: step.call, toolCalls: tools.calls }
  }
}
