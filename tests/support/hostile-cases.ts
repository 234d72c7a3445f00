/**
 * Hostile requests for tests/hostile-input.test.ts, generated from one operation of the OpenAPI
 * document: every path parameter, query parameter and body field of every route gets values that are
 * broken (NUL, control characters, bad percent-encoding, wrong types, ...) or merely odd (unicode,
 * path tricks, SQL-looking text). Nothing here knows a route by name: a new route is swept as it is
 * documented, given examples of its ids and body.
 */

export interface JsonSchema {
  type?: string
  enum?: unknown[]
  pattern?: string
  minLength?: number
  maxLength?: number
  minimum?: number
  maximum?: number
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean
}

export interface Parameter {
  name: string
  in: 'path' | 'query'
  required: boolean
  schema: JsonSchema
}

/** One documented operation, with the examples a sweep needs to reach past the part under attack. */
export interface SweptOperation {
  method: string
  /** OpenAPI path, e.g. /api/calls/{id}/events. */
  path: string
  parameters: Parameter[]
  body?: JsonSchema
  /** Values of the path parameters (and required query parameters) that name something that exists. */
  good: Record<string, string>
  /** Well-formed values of the path parameters that name nothing: a 404. */
  unknown: Record<string, string>
  /** A body the route would accept, so one field at a time can be spoiled. */
  goodBody?: Record<string, unknown>
}

/**
 * What must come back: `reject` is that status (400 unless said) with an error whose details name
 * `field` or whose message mentions `mentions`; `missing` is 404; `client-error` is 400 or 404;
 * `no-5xx` is anything but a server error.
 */
export type Expectation =
  | { kind: 'reject'; status?: number; field?: string; mentions?: string }
  | { kind: 'missing' }
  | { kind: 'client-error' }
  | { kind: 'no-5xx' }

export interface HostileCase {
  label: string
  /** Path and query, already percent-encoded (or deliberately mis-encoded). */
  url: string
  method: string
  headers: Record<string, string>
  body?: string | Uint8Array
  expect: Expectation
}

const LONG = 'x'.repeat(300)

/** Path or query values no route may take (already encoded): NUL, control characters, too long. */
const UNSAFE = ['%00', 'call-%00', '%01', '%09', '%0A', '%1F', '%7F', '%C2%85', '%C2%9F']
/** Percent-encoding that does not decode: bad hex, cut short, an encoded lone surrogate, half a character. */
const BROKEN = ['%zz', '%', '%E0%A4%A', '%ED%A0%80', '%C3', 'ok%2']
/** Odd but decodable path values: no route has anything by these names. */
const ODD_PATH = [
  '',
  '%C3%A9',
  '%F0%9F%98%80',
  '%E2%80%AE',
  '%EF%BB%BF',
  '%20',
  'a%20b',
  '%2F',
  '..%2F..%2Fetc%2Fpasswd',
  '%2E%2E',
  '%5C',
  '%25',
  '%27%20OR%20%271%27%3D%271',
  '%3Cscript%3E',
  '-1',
  '0',
  '99999999999',
  'null',
  '%2B',
  'x'.repeat(101),
]
/** Query values of every kind; whether one must be refused depends on the parameter's schema. */
const QUERY_VALUES = [
  '',
  'nope',
  'TRUE',
  'abc',
  '1.5',
  '-1',
  '0',
  '1e400',
  '99999999999',
  'NaN',
  'Infinity',
  '%C3%A9',
  '%F0%9F%98%80',
  '%E2%80%AE',
  LONG,
  '%27%20OR%201%3D1--',
  '%5C',
  '%25',
  '_',
  '%2B1',
]
/** Bodies sent as JSON that are not JSON, or not an object. */
const NOT_JSON_OBJECTS = [
  '',
  'not json',
  '{"a":',
  '{',
  "{'a': 1}",
  'NaN',
  '\u0000',
  'null',
  '[]',
  '"text"',
  '123',
  'true',
]
/** JSON values of every type for a body field; only those its schema refuses are sent. */
const FIELD_VALUES: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53 + 2,
  1e308,
  '1',
  '',
  'nope',
  'é',
  '../x',
  [],
  ['a'],
  {},
  { nested: { deeper: [1, { x: null }] } },
]

/** Whether `value` breaks `schema` (the parts of JSON Schema the API's documents use). */
export function violates(schema: JsonSchema, value: unknown): boolean {
  if (schema.enum) return !schema.enum.includes(value)
  switch (schema.type) {
    case 'string':
      return (
        typeof value !== 'string' ||
        (schema.pattern !== undefined && !new RegExp(schema.pattern).test(value)) ||
        value.length < (schema.minLength ?? 0) ||
        value.length > (schema.maxLength ?? Infinity)
      )
    case 'integer':
    case 'number':
      return (
        typeof value !== 'number' ||
        (schema.type === 'integer' && !Number.isInteger(value)) ||
        value < (schema.minimum ?? -Infinity) ||
        value > (schema.maximum ?? Infinity)
      )
    case 'boolean':
      return typeof value !== 'boolean'
    default:
      return false
  }
}

/** A query value as the route's schema sees it: numbers are coerced from text. */
const queryValueViolates = (schema: JsonSchema, raw: string) => {
  const text = decodeURIComponent(raw)
  const numeric = schema.type === 'integer' || schema.type === 'number'
  return violates(schema, numeric ? Number(text) : text)
}

const JSON_TYPE = { 'content-type': 'application/json' }

/**
 * The URL with the good path parameters and required query parameters, except those in `raw`
 * (already encoded; a list is a repeated parameter, null leaves it out).
 */
function urlOf(op: SweptOperation, raw: Record<string, string | string[] | null> = {}) {
  let path = op.path
  const query: string[] = []
  for (const p of op.parameters) {
    const value = p.name in raw ? raw[p.name] : encodeURIComponent(op.good[p.name] ?? '')
    if (p.in === 'path') path = path.replace(`{${p.name}}`, String(value))
    else if (value !== null && (p.required || p.name in raw))
      query.push(...[value].flat().map((v) => `${p.name}=${v}`))
  }
  for (const [name, value] of Object.entries(raw)) {
    if (!op.parameters.some((p) => p.name === name)) query.push(`${name}=${value}`)
  }
  return query.length ? `${path}?${query.join('&')}` : path
}

/** The operation's URL with its good examples: a request that should succeed. */
export const goodUrl = (op: SweptOperation) => urlOf(op)

function goodRequest(op: SweptOperation) {
  return op.goodBody === undefined
    ? { method: op.method, headers: {} }
    : { method: op.method, headers: { ...JSON_TYPE }, body: JSON.stringify(op.goodBody) }
}

/** Each path parameter spoiled in turn, the others naming things that exist; and each one unknown. */
function pathCases(op: SweptOperation): HostileCase[] {
  const cases: HostileCase[] = []
  for (const p of op.parameters.filter((p) => p.in === 'path')) {
    const add = (label: string, value: string, expect: Expectation) =>
      cases.push({
        label: `path ${p.name}=${label}`,
        url: urlOf(op, { [p.name]: value }),
        ...goodRequest(op),
        expect,
      })
    for (const v of [...UNSAFE, LONG]) add(v.slice(0, 20), v, { kind: 'reject', field: p.name })
    for (const v of BROKEN) add(v, v, { kind: 'reject', mentions: 'percent-encoding' })
    for (const v of ODD_PATH) add(v.slice(0, 30), v, { kind: 'client-error' })
    add('unknown', encodeURIComponent(op.unknown[p.name]!), { kind: 'missing' })
  }
  return cases
}

/**
 * Each documented query parameter spoiled in turn, and undocumented ones. A request that changes
 * something is sent for an unknown id and without its body, so one the route lets through does no harm.
 */
function queryCases(op: SweptOperation): HostileCase[] {
  const cases: HostileCase[] = []
  const reads = op.method === 'GET'
  const base = reads ? goodRequest(op) : { method: op.method, headers: {} }
  const pathParams = op.parameters.filter((p) => p.in === 'path').map((p) => p.name)
  const ids = reads
    ? {}
    : Object.fromEntries(pathParams.map((name) => [name, encodeURIComponent(op.unknown[name]!)]))
  const add = (label: string, raw: Record<string, string | string[] | null>, expect: Expectation) =>
    cases.push({ label: `query ${label}`, url: urlOf(op, { ...ids, ...raw }), ...base, expect })
  for (const p of op.parameters.filter((p) => p.in === 'query')) {
    for (const v of [...UNSAFE, ...BROKEN])
      add(`${p.name}=${v}`, { [p.name]: v }, { kind: 'reject', field: p.name })
    add(`${p.name} twice`, { [p.name]: ['1', '1'] }, { kind: 'reject', field: p.name })
    for (const v of QUERY_VALUES) {
      const refused = queryValueViolates(p.schema, v)
      add(
        `${p.name}=${v.slice(0, 20)}`,
        { [p.name]: v },
        refused ? { kind: 'reject', field: p.name } : { kind: 'no-5xx' },
      )
    }
    if (p.required) add(`${p.name} missing`, { [p.name]: null }, { kind: 'reject', field: p.name })
  }
  add('undocumented parameter', { unexpected: '1' }, { kind: 'no-5xx' })
  add('NUL in a parameter name', { '%00': '1' }, { kind: 'no-5xx' })
  add('broken parameter name', { '%zz': '1' }, { kind: 'reject', mentions: 'percent-encoding' })
  add('broken undocumented value', { unexpected: '%E0%A4%A' }, { kind: 'reject', field: 'unexpected' })
  return cases
}

/** Bodies that are not JSON, not objects, not sent as JSON; and the good body with one field spoiled. */
function bodyCases(op: SweptOperation): HostileCase[] {
  if (!op.body) return []
  const schema = op.body
  const good = op.goodBody!
  const url = urlOf(op)
  const cases: HostileCase[] = []
  const send = (
    label: string,
    body: string | Uint8Array,
    headers: Record<string, string>,
    expect: Expectation,
  ) => cases.push({ label: `body ${label}`, url, method: op.method, headers, body, expect })
  const json = (label: string, value: unknown, expect: Expectation) =>
    send(label, JSON.stringify(value), JSON_TYPE, expect)
  const refused = { kind: 'reject' } as const
  const tooLarge = { kind: 'reject', status: 413, mentions: 'larger' } as const

  for (const raw of NOT_JSON_OBJECTS) send(JSON.stringify(raw), raw, JSON_TYPE, refused)
  send('invalid UTF-8', new Uint8Array([0xff, 0xfe, 0x7b, 0x7d]), JSON_TYPE, refused)
  send('nested 20,000 deep', '['.repeat(20_000) + ']'.repeat(20_000), JSON_TYPE, refused)
  send('100 kB', JSON.stringify({ ...good, padding: 'x'.repeat(100_000) }), JSON_TYPE, tooLarge)
  // The good body, sent as anything but JSON.
  const goodText = JSON.stringify(good)
  for (const [label, body, type] of [
    ['as text/plain', goodText, 'text/plain'],
    ['without a content type', new TextEncoder().encode(goodText), undefined],
    ['as a form', 'a=1', 'application/x-www-form-urlencoded'],
    ['as multipart', '--x\r\n\r\n--x--', 'multipart/form-data; boundary=x'],
  ] as const) {
    send(label, body, type ? { 'content-type': type } : {}, { kind: 'reject', field: 'Content-Type' })
  }
  // No body and no content type is "no fields": refused only when some field is required.
  send(
    'empty without a content type',
    new Uint8Array(),
    {},
    schema.required?.length ? refused : { kind: 'no-5xx' },
  )
  if (schema.additionalProperties === false) {
    json('with an unknown field', { ...good, unexpected: 1 }, { kind: 'reject', mentions: 'unexpected' })
    send('with __proto__', `{"__proto__": {"admin": true}, ${goodText.slice(1)}`, JSON_TYPE, refused)
  }
  for (const name of schema.required ?? []) {
    const { [name]: _, ...rest } = good
    json(`without ${name}`, rest, { kind: 'reject', field: name })
  }
  for (const [name, field] of Object.entries(schema.properties ?? {})) {
    const spoiled = (value: unknown) => ({ ...good, [name]: value })
    json(`${name} with NUL`, spoiled('a\u0000b'), { kind: 'reject', field: name })
    json(`${name} with a lone surrogate`, spoiled('a\ud800b'), { kind: 'reject', field: name })
    json(`${name} 70,000 characters`, spoiled('x'.repeat(70_000)), tooLarge)
    if (field.maxLength !== undefined)
      json(`${name} one too long`, spoiled('x'.repeat(field.maxLength + 1)), { kind: 'reject', field: name })
    for (const value of FIELD_VALUES.filter((v) => violates(field, v)))
      json(`${name}=${JSON.stringify(value).slice(0, 30)}`, spoiled(value), { kind: 'reject', field: name })
  }
  return cases
}

/**
 * Numbers of the operation without a largest value. Ids are Postgres integers and JavaScript loses
 * digits past 2^53: an unbounded number reaches the database as something it refuses (a 500).
 */
export function unboundedNumbers(op: SweptOperation): string[] {
  const fields = [
    ...op.parameters.map((p) => [p.name, p.schema] as const),
    ...Object.entries(op.body?.properties ?? {}),
  ]
  return fields
    .filter(([, s]) => (s.type === 'integer' || s.type === 'number') && s.maximum === undefined)
    .map(([name]) => name)
}

/** Every hostile request for one operation. */
export function hostileCases(op: SweptOperation): HostileCase[] {
  return [...pathCases(op), ...queryCases(op), ...bodyCases(op)]
}
