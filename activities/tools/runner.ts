/**
 * Runs the crew's tools and keeps the record of every call (`ToolCall`): arguments, result or error,
 * milliseconds. The turn stores the records as `tool_call` events together with its reply.
 */
import type { CompactCallState } from '../../domain/call-state'
import type { ToolCall, ToolName } from '../../domain/tool-calls'
import { TOOLS } from './definitions'
import { ToolError, type ToolContext, type ToolDefinition } from './tool'

export type ToolOutcome =
  { ok: true; result: unknown } | { ok: false; error: string; details?: Record<string, unknown> }

export type ToolDeps = Omit<ToolContext, 'call'>

export interface ToolRunner {
  /**
   * Calls `name` with `args` for `call`. A bad argument or a ToolError comes back as `{ok: false}`
   * (the model can fix it); any other error is recorded and rethrown, so the turn fails and retries.
   */
  run(name: string, args: unknown, call: CompactCallState): Promise<ToolOutcome>
  /** Every call so far, in order. */
  readonly calls: ToolCall[]
}

const byName = new Map<string, ToolDefinition>(TOOLS.map((t) => [t.name, t as unknown as ToolDefinition]))

export function createToolRunner(deps: ToolDeps, turn: number, by: ToolCall['by']): ToolRunner {
  const calls: ToolCall[] = []
  const record = (tool: ToolName, args: unknown, started: number, outcome: Partial<ToolCall>) =>
    calls.push({
      turn,
      tool,
      by,
      arguments: isRecord(args) ? args : { value: args },
      ...outcome,
      ms: Math.round(performance.now() - started),
    })
  return {
    calls,
    async run(name, args, call) {
      const started = performance.now()
      const tool = byName.get(name)
      if (!tool) return { ok: false, error: `There is no tool named "${name}".` }
      const parsed = tool.parameters.safeParse(args)
      if (!parsed.success) {
        const error = `Invalid arguments for ${name}: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'arguments'} ${i.message}`).join('; ')}`
        record(tool.name, args, started, { error })
        return { ok: false, error }
      }
      try {
        const result = jsonSafe(await tool.execute(parsed.data, { ...deps, call }))
        record(tool.name, parsed.data, started, { result })
        return { ok: true, result }
      } catch (err) {
        if (err instanceof ToolError) {
          record(tool.name, parsed.data, started, { error: err.message })
          return { ok: false, error: err.message, ...(err.details ? { details: err.details } : {}) }
        }
        record(tool.name, parsed.data, started, { error: `failed: ${(err as Error).message}` })
        throw err
      }
    },
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** What the event log and the model see: plain JSON (no Dates, no undefined). */
const jsonSafe = (v: unknown): unknown => (v === undefined ? null : JSON.parse(JSON.stringify(v)))
