/**
 * The OpenAPI 3.1 description served at /openapi.json, built from the same zod schemas the routes
 * validate with, so the document cannot drift from what the API accepts.
 */
import { z, type ZodObject, type ZodType } from 'zod'

export interface Operation {
  method: 'get' | 'post' | 'delete'
  /** OpenAPI path, e.g. /api/customers/{phone}. */
  path: string
  summary: string
  tag: string
  params?: ZodObject
  query?: ZodObject
  body?: ZodType
  /** Status code -> description of the answer. */
  responses: Record<number, string>
  auth?: boolean
}

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
    },
  },
}

function parameters(where: 'path' | 'query', schema?: ZodObject) {
  if (!schema) return []
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, object>
    required?: string[]
  }
  return Object.entries(json.properties ?? {}).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: s,
  }))
}

export function buildOpenApi(operations: Operation[], info: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {}
  for (const op of operations) {
    const responses = Object.fromEntries(
      Object.entries(op.responses).map(([status, description]) => [
        status,
        Number(status) >= 400
          ? {
              description,
              content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
            }
          : { description },
      ]),
    )
    paths[op.path] = {
      ...paths[op.path],
      [op.method]: {
        summary: op.summary,
        tags: [op.tag],
        parameters: [...parameters('path', op.params), ...parameters('query', op.query)],
        ...(op.body
          ? {
              requestBody: {
                required: true,
                content: { 'application/json': { schema: z.toJSONSchema(op.body, { io: 'input' }) } },
              },
            }
          : {}),
        responses,
        ...(op.auth === false ? { security: [] } : {}),
      },
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'pitcrew API',
      version: info.version,
      description:
        'Calls, escalations and the dealership catalog of pitcrew. Errors: {"error": {code, message, details?}}.',
    },
    security: [{ bearer: [] }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', description: 'PITCREW_API_KEY, when set' },
      },
      schemas: { Error: errorSchema },
    },
    paths,
  }
}
