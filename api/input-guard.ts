/**
 * What no route can take, checked on every validated value before the route's own schema sees it
 * (see validate.ts), so a new route is covered without doing anything:
 * - the NUL character anywhere: PostgreSQL cannot store it in text or jsonb and refuses the whole
 *   query, which would surface as a 500 deep inside a handler instead of a 400 at the door;
 * - half of a surrogate pair (JSON can carry `"\ud800"`, UTF-8 cannot): Temporal refuses such a
 *   request outright (a 500 again), and PostgreSQL's driver would quietly store U+FFFD instead;
 * - control characters in path and query values, which no id, filter or token contains;
 * - path values longer than any id (a 300-character "id" is not one);
 * - a query parameter given twice where the route takes one value.
 */
import { z, type ZodType } from 'zod'

export type GuardedTarget = 'param' | 'query' | 'json'

/** Longer than every id a path carries (task ids are the longest, at 200). */
const MAX_PATH_VALUE_CHARS = 200
/** One body full of NULs needs one line in the answer, not thousands. */
const MAX_ISSUES = 10
/** No route takes a body nested anywhere near this deep; a 64 kB body could nest 30,000 levels. */
const MAX_DEPTH = 32

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/
const codePoint = (s: string) => `U+${s.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`

interface Issue {
  path: (string | number)[]
  message: string
}

/** The problem of one text value: NUL or half a surrogate pair anywhere, control characters outside bodies. */
function textIssue(text: string, target: GuardedTarget): string | undefined {
  if (text.includes('\u0000')) return 'must not contain the NUL character (U+0000)'
  if (LONE_SURROGATE.test(text)) return 'must be valid Unicode (it holds half of a surrogate pair)'
  if (target === 'json') return undefined // free text (a message, notes) may hold newlines and tabs
  const control = CONTROL.exec(text)
  if (control) return `must not contain control characters (found ${codePoint(control[0])})`
  if (target === 'param' && text.length > MAX_PATH_VALUE_CHARS)
    return `is too long (${text.length} characters; at most ${MAX_PATH_VALUE_CHARS})`
  return undefined
}

/** Whether the schema's field `key` takes a list (then a repeated query parameter is its items). */
function takesList(schema: ZodType, key: string): boolean {
  const shape = (schema as { shape?: Record<string, ZodType> }).shape
  let field: ZodType | undefined = shape?.[key]
  for (;;) {
    const def = field?._zod.def as { type: string; innerType?: ZodType; in?: ZodType } | undefined
    if (!def) return false
    if (def.type === 'array' || def.type === 'tuple' || def.type === 'set') return true
    field = def.innerType ?? (def.type === 'pipe' ? def.in : undefined)
  }
}

interface Node {
  value: unknown
  depth: number
  key?: string | number
  parent?: Node
}

const pathOf = (node: Node) => {
  const path: (string | number)[] = []
  for (let n: Node | undefined = node; n?.key !== undefined; n = n.parent) path.unshift(n.key)
  return path
}

/**
 * Every problem of `value` (the params, the query or the parsed JSON body). Walks without recursion
 * and builds a path only for a problem, so even a body nested thousands of levels deep costs little.
 */
export function findGuardIssues(value: unknown, target: GuardedTarget, schema: ZodType): Issue[] {
  const issues: Issue[] = []
  if (target === 'query' && value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      if (Array.isArray(v) && !takesList(schema, key))
        issues.push({ path: [key], message: `must be given once (it was given ${v.length} times)` })
    }
  }
  const stack: Node[] = [{ value, depth: 0 }]
  while (stack.length > 0 && issues.length < MAX_ISSUES) {
    const node = stack.pop()!
    if (node.depth > MAX_DEPTH) return [{ path: [], message: `is nested more than ${MAX_DEPTH} levels deep` }]
    if (typeof node.value === 'string') {
      const message = textIssue(node.value, target)
      if (message) issues.push({ path: pathOf(node), message })
    } else if (node.value && typeof node.value === 'object') {
      const isArray = Array.isArray(node.value)
      for (const [key, item] of Object.entries(node.value)) {
        const keyMessage = isArray ? undefined : textIssue(key, target)
        if (keyMessage) issues.push({ path: pathOf(node), message: `has a field name that ${keyMessage}` })
        stack.push({ value: item, depth: node.depth + 1, key: isArray ? Number(key) : key, parent: node })
      }
    }
  }
  return issues.slice(0, MAX_ISSUES)
}

/** `schema`, preceded by the guard: when the guard finds a problem, the schema does not run. */
export function guarded<T extends ZodType>(target: GuardedTarget, schema: T) {
  return z
    .unknown()
    .superRefine((value, ctx) => {
      for (const issue of findGuardIssues(value, target, schema)) ctx.addIssue({ code: 'custom', ...issue })
    })
    .pipe(schema)
}
