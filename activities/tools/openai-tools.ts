import { z } from 'zod'
import { TOOLS } from './definitions'

/**
 * The tools as OpenAI function definitions (JSON Schema from the same zod parameters), for
 * `chatModel.bindTools(...)`: what the LLM is offered.
 */
export function openAiTools() {
  return TOOLS.map((t) => ({
    type: 'function' as const,
    function: {
      name: t.name,
      description: t.description,
      parameters: z.toJSONSchema(t.parameters, { io: 'input' }) as Record<string, unknown>,
    },
  }))
}
