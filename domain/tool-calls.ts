/**
 * The crew's tools, by name, and the record of one call of a tool: what it was asked, what it
 * answered or why it failed, and how long it took. Every call is a `tool_call` event in the call's
 * log, written with its turn.
 */
import { z } from 'zod'

export const TOOL_NAMES = [
  'decode_vin',
  'add_vehicle',
  'lookup_customer',
  'search_inventory',
  'find_appointments',
] as const
export const ToolName = z.enum(TOOL_NAMES)
export type ToolName = z.infer<typeof ToolName>

export const ToolCall = z.object({
  /** The turn that called the tool. */
  turn: z.number().int(),
  tool: ToolName,
  /** Who decided to call it: the LLM (function calling) or the offline rules. */
  by: z.enum(['llm', 'rules']),
  arguments: z.record(z.string(), z.unknown()),
  /** The tool's answer (JSON), when it succeeded. */
  result: z.unknown().optional(),
  /** Why it failed, in words the model (or an operator) can act on. */
  error: z.string().optional(),
  ms: z.number().int().min(0),
})
export type ToolCall = z.infer<typeof ToolCall>
