/**
 * What a crew tool is: one definition (name, description, zod parameters, implementation) that the
 * LLM is offered as a function and the offline rules call directly. Implementations are idempotent:
 * a retried turn calls them again and nothing is written twice.
 */
import type { z, ZodObject } from 'zod'
import type { Db } from '../../db/client'
import type { CompactCallState } from '../../domain/call-state'
import type { ToolName } from '../../domain/tool-calls'
import type { VinDecoder } from '../../lib/vin'

/** What a tool may use: the database, the VIN decoder, the clock, and the call it works for. */
export interface ToolContext {
  db: Db
  vinDecoder: () => Promise<VinDecoder>
  timeZone: string
  now: () => Date
  /** The call as it stands when the tool runs (its customer is "the caller"). */
  call: CompactCallState
}

export interface ToolDefinition<P extends ZodObject = ZodObject, R = unknown> {
  name: ToolName
  /** Shown to the model; says when to call it and what it answers. */
  description: string
  parameters: P
  execute(args: z.infer<P>, ctx: ToolContext): Promise<R>
}

/**
 * A failure the model (or the caller) can fix: a VIN with a wrong check digit, a phone number that
 * is no customer's. It goes back to the model as the tool's answer instead of failing the turn, as
 * LiveKit Agents' `llm.ToolError` does; anything else is a real error and is rethrown.
 */
export class ToolError extends Error {
  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message)
    this.name = 'ToolError'
  }
}

export const defineTool = <P extends ZodObject, R>(tool: ToolDefinition<P, R>) => tool
