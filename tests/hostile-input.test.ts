/**
 * No 5xx for bad input, anywhere: every route the app serves, as its OpenAPI document describes it,
 * gets hostile path values, query values, bodies and headers (tests/support/hostile-cases.ts). Each
 * answer must be a 4xx the API promises, in the one JSON error shape, naming what was wrong; and no
 * rejected request may leave anything behind in the database. Real PostgreSQL (a database of this
 * file's own, so "nothing changed" is exact) and the run's real Temporal server, but no worker: every
 * hostile request must be refused before it reaches a workflow, and one let through shows up as a
 * wrong status, a write, or no answer (a call started that nobody runs).
 */
import { randomUUID } from 'node:crypto'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Client, type Connection } from '@temporalio/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCallLog } from '../db/call-log'
import { insertTask } from '../db/escalations'
import { createWebhook } from '../db/webhooks'
import { newCallState } from '../domain/call-state'
import { callRecordingsDir } from '../lib/call-recordings'
import { encodeWavHeader } from '../lib/wav'
import { saveVoiceAudio } from '../lib/voice-message-store'
import { createTestApi } from './support/api'
import {
  goodUrl,
  hostileCases,
  unboundedNumbers,
  type Expectation,
  type HostileCase,
  type JsonSchema,
  type Parameter,
  type SweptOperation,
} from './support/hostile-cases'
import { testVoiceService } from './support/livekit'
import { createSeededTestDatabase, fingerprintDatabase, type TestDatabase } from './support/postgres'
import { connectClient, uniqueTaskQueue } from './support/temporal'

const API_KEY = 'hostile-input-key'
/** A voice message's reply audio the call has (its bytes do not matter to the routes). */
const VOICE_REPLY = 'vm-hostileInputReply00000-reply.wav'
/** What the API promises for bad input (README, API); an operation may document more (416 for ranges). */
const PROMISED = [400, 401, 404, 409, 413]
const PENDING_TASK = 'esc-hostile-pending'
const RUNNING_TASK = 'esc-hostile-running'
/** A request let through to Temporal with no worker would wait for good: this long is "no answer". */
const ANSWER_WITHIN_MS = 5_000
/** Requests in flight at once: the sweep waits on PostgreSQL more than on the CPU. */
const CONCURRENCY = 4

/** Well-formed ids that name nothing. */
const UNKNOWN: Record<string, string> = {
  id: 'call-00000000-0000-4000-8000-000000000000',
  taskId: 'esc-00000000-unknown',
  phone: '+12175550199',
  name: 'call-999.wav',
  webhookId: 'wh_00000000-0000-4000-8000-000000000000',
  audio: 'vm-0000000000000000000000.webm',
  // Well-formed, with a valid check digit, but no manufacturer uses 1ZZ.
  vin: '1ZZCM82603A004352',
}

/** Headers some routes read, with values they must refuse (or at least survive). */
const HEADER_CASES: Record<string, { header: string; values: string[]; expect: Expectation }> = {
  'GET /api/calls/{id}/events': {
    header: 'last-event-id',
    values: ['abc', '-1', '1.5', '99999999999', '1e3', '0x10', '1,2', 'é'],
    expect: { kind: 'reject', field: 'Last-Event-ID' },
  },
  'GET /api/calls/{id}/voice-messages/audio/{audio}': {
    header: 'range',
    values: ['bytes=abc', 'bytes=5-2', 'bytes=0-1,2-3', 'bytes=99999999999999999999-', 'items=0-1'],
    expect: { kind: 'no-5xx' },
  },
  'GET /api/calls/{id}/recordings/{name}': {
    header: 'range',
    values: [
      'bytes=abc',
      'bytes=5-2',
      'bytes=0-1,2-3',
      'bytes=99999999999999999999-',
      'bytes=-0',
      'items=0-1',
    ],
    expect: { kind: 'no-5xx' },
  },
}

let database: TestDatabase
let dataDir: string
let connection: Connection
let api: Awaited<ReturnType<typeof createTestApi>>
const callId = `call-${randomUUID()}`
let webhookId = ''

beforeAll(async () => {
  database = await createSeededTestDatabase('pitcrew_hostile')
  dataDir = await mkdtemp(path.join(tmpdir(), 'pitcrew-hostile-'))
  connection = await connectClient()
  api = await createTestApi({
    databaseUrl: database.url,
    apiKey: API_KEY,
    dataDir,
    liveEvents: true,
    temporal: { client: new Client({ connection }), taskQueue: uniqueTaskQueue('hostile') },
    // Phone calls configured, so a body wrongly let through would start one (and be caught) instead
    // of stopping at "not configured".
    voice: testVoiceService({ agentName: 'hostile-input-nobody', sipTrunkId: 'ST_hostile' }),
  })
  await openCallLog(api.db, newCallState({ callId, channel: 'chat', startedAt: new Date().toISOString() }))
  const task = { callId, taskType: 'escalation', reason: 'hostile input test' } as const
  await insertTask(api.db, { ...task, taskId: PENDING_TASK, status: 'pending' })
  await insertTask(api.db, { ...task, taskId: RUNNING_TASK, status: 'running' })
  webhookId = (await createWebhook(api.db, { url: 'https://93.184.215.14/hooks', events: ['call.ended'] }))
    .webhookId
  const recordings = callRecordingsDir(dataDir, callId)
  await mkdir(recordings, { recursive: true })
  await writeFile(
    path.join(recordings, 'call-1.wav'),
    Buffer.concat([encodeWavHeader({ sampleRate: 16_000, channels: 2 }, 64), Buffer.alloc(64)]),
  )
  await saveVoiceAudio({ dataDir }, callId, VOICE_REPLY, Buffer.alloc(64))
})

afterAll(async () => {
  await api?.close()
  await connection?.close()
  await database?.drop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
})

/** Sends a request with the API key (unless the case sets `authorization`, '' = none). */
async function send(c: Pick<HostileCase, 'url' | 'method' | 'headers' | 'body'>) {
  const headers = Object.fromEntries(
    Object.entries({ authorization: `Bearer ${API_KEY}`, ...c.headers }).filter(([, v]) => v !== ''),
  )
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<undefined>(
    (resolve) => (timer = setTimeout(() => resolve(undefined), ANSWER_WITHIN_MS)),
  )
  const res = await Promise.race([
    api.app.request(c.url, { method: c.method, headers, body: c.body }),
    timeout,
  ])
  clearTimeout(timer)
  if (!res) return { status: 0, type: '', body: `no answer within ${ANSWER_WITHIN_MS} ms` }
  const type = res.headers.get('content-type') ?? ''
  // An event stream or a recording that was let through: its status is the answer.
  if (!type.startsWith('application/json')) await res.body?.cancel()
  const body: unknown = type.startsWith('application/json')
    ? await res.json().catch(() => 'not JSON')
    : undefined
  return { status: res.status, type, body }
}

interface ErrorBody {
  error: { code: string; message: string; details?: { path?: string }[] }
}

function isErrorBody(body: unknown): body is ErrorBody {
  const error = (body as ErrorBody | undefined)?.error
  return (
    Object.keys(body as object).length === 1 &&
    typeof error?.code === 'string' &&
    error.code !== '' &&
    typeof error.message === 'string' &&
    error.message !== '' &&
    Object.keys(error).every((k) => ['code', 'message', 'details'].includes(k))
  )
}

/** What is wrong with an answer, or undefined when it is what `expect` asks for. */
function judge(expect: Expectation, allowed: number[], res: Awaited<ReturnType<typeof send>>) {
  const { status, type, body } = res
  if (status === 0) return String(body)
  if (status >= 500) return `answered ${status}: ${JSON.stringify(body)}`
  if (status >= 400) {
    if (!allowed.includes(status)) return `answered ${status}, which the API does not promise`
    if (!type.startsWith('application/json')) return `answered ${status} as ${type}, not JSON`
    if (!isErrorBody(body)) return `answered ${status} with ${JSON.stringify(body)}, not the error shape`
  }
  const error = (body as ErrorBody | undefined)?.error
  switch (expect.kind) {
    case 'reject':
      if (status !== (expect.status ?? 400)) return `expected ${expect.status ?? 400}, got ${status}`
      if (expect.field && !error?.details?.some((d) => d.path === expect.field))
        return `the error does not name ${expect.field}: ${JSON.stringify(error)}`
      if (expect.mentions && !JSON.stringify(error).includes(expect.mentions))
        return `the error does not mention "${expect.mentions}": ${JSON.stringify(error)}`
      return undefined
    case 'missing':
      return status === 404 ? undefined : `expected 404, got ${status}`
    case 'client-error':
      return status === 400 || status === 404 ? undefined : `expected 400 or 404, got ${status}`
    case 'no-5xx':
      return undefined
  }
}

interface OpenApiOperation {
  parameters: Parameter[]
  requestBody?: { content: { 'application/json': { schema: JsonSchema } } }
  responses: Record<string, unknown>
  security?: unknown[]
}

async function documentedOperations() {
  const doc = await send({ url: '/openapi.json', method: 'GET', headers: {} })
  const paths = (doc.body as { paths: Record<string, Record<string, OpenApiOperation>> }).paths
  return Object.entries(paths).flatMap(([p, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ key: `${method.toUpperCase()} ${p}`, method, path: p, op })),
  )
}

/** The examples each operation is swept with; an operation without them fails the test. */
function examples(key: string): Pick<SweptOperation, 'good' | 'goodBody'> {
  const good: Record<string, string> = {
    id: callId,
    taskId: key.endsWith('/resolve') ? RUNNING_TASK : PENDING_TASK,
    phone: '+12175550101',
    name: 'call-1.wav',
    audio: VOICE_REPLY,
    date: '2030-01-07',
    webhookId,
    vin: '1HGCM82633A004352',
  }
  const bodies: Record<string, Record<string, unknown>> = {
    'POST /api/calls': {
      channel: 'phone',
      to: '+12175550199',
      purpose: 'your oil change',
      customerPhone: '+12175550101',
    },
    'POST /api/calls/{id}/messages': { text: 'hello', idempotencyKey: 'hostile-1' },
    'POST /api/calls/{id}/agent-state': { state: 'listening' },
    'POST /api/calls/{id}/speech': { speaker: 'agent', ms: 1200, interrupted: true },
    'POST /api/escalations/{taskId}/accept': { humanAgentId: 1 },
    'POST /api/escalations/{taskId}/resolve': { notes: 'done' },
    'POST /api/voice/token': { callId },
    'POST /api/voice/listen-in': { callId },
    'POST /api/webhooks': { url: 'https://93.184.215.14/hooks', events: ['call.ended'], description: 'CRM' },
    'POST /api/customers/{phone}/vehicles': { vin: '1HGCM82633A004352', mileage: 1000 },
  }
  return { good, goodBody: bodies[key] }
}

function sweptOperation(key: string, method: string, p: string, op: OpenApiOperation): SweptOperation {
  const swept: SweptOperation = {
    method: method.toUpperCase(),
    path: p,
    parameters: op.parameters,
    body: op.requestBody?.content['application/json'].schema,
    unknown: UNKNOWN,
    ...examples(key),
  }
  for (const param of op.parameters.filter((q) => q.in === 'path' || q.required)) {
    if (!swept.good[param.name]) throw new Error(`${key}: no example for parameter ${param.name}`)
    if (param.in === 'path' && !UNKNOWN[param.name]) throw new Error(`${key}: no unknown ${param.name}`)
  }
  if (swept.body && !swept.goodBody) throw new Error(`${key}: no example body`)
  return swept
}

/** Header cases: the route's own headers, and the API key missing or wrong. */
function headerCases(key: string, swept: SweptOperation, op: OpenApiOperation): HostileCase[] {
  // A request that changes something goes without its body: refused before it could do anything.
  const base = { url: goodUrl(swept), method: swept.method }
  const cases: HostileCase[] = []
  const special = HEADER_CASES[key]
  for (const value of special?.values ?? [])
    cases.push({
      ...base,
      label: `${special!.header}: ${value}`,
      headers: { [special!.header]: value },
      expect: special!.expect,
    })
  if (op.security?.length !== 0) {
    for (const authorization of [
      '',
      'Bearer wrong',
      'Basic Zm9vOmJhcg==',
      `Bearer ${'x'.repeat(300)}`,
      'Bearer',
    ])
      cases.push({
        ...base,
        label: `authorization: ${authorization.slice(0, 20) || 'none'}`,
        headers: { authorization },
        expect: { kind: 'reject', status: 401, mentions: 'API key' },
      })
  }
  return cases
}

/** Runs `cases` a few at a time; the problems found, in the order of the cases. */
async function sweep(cases: HostileCase[], allowed: number[]): Promise<(string | undefined)[]> {
  const problems: (string | undefined)[] = []
  for (let i = 0; i < cases.length; i += CONCURRENCY) {
    const batch = cases.slice(i, i + CONCURRENCY)
    problems.push(...(await Promise.all(batch.map(async (c) => judge(c.expect, allowed, await send(c))))))
  }
  return problems
}

describe('hostile input', () => {
  it('covers every route the app serves', async () => {
    const documented = (await documentedOperations()).map((o) => o.key)
    const served = api.app.routes
      .filter((r) => r.method !== 'ALL')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`)
      .filter((r) => r !== 'GET /openapi.json') // the document itself, which takes no input
    expect([...new Set(served)].sort()).toEqual([...documented].sort())
  })

  it('answers every hostile request with a promised 4xx in the error shape, and writes nothing', async () => {
    const before = await fingerprintDatabase(api.db)
    const failures: string[] = []
    let sent = 0
    for (const { key, method, path: p, op } of await documentedOperations()) {
      const swept = sweptOperation(key, method, p, op)
      const allowed = [
        ...PROMISED,
        ...Object.keys(op.responses)
          .map(Number)
          .filter((s) => s >= 400 && s < 500),
      ]
      for (const name of unboundedNumbers(swept)) failures.push(`${key}: number ${name} has no maximum`)
      const opBefore = swept.method === 'GET' ? '' : await fingerprintDatabase(api.db)
      if (swept.method === 'GET') {
        // The examples must be good, or every spoiled request would fail for the wrong reason.
        const res = await send({ url: goodUrl(swept), method: 'GET', headers: {} })
        if (res.status >= 300)
          failures.push(`${key} with its examples: ${res.status} ${JSON.stringify(res.body)}`)
      }
      const cases = [...hostileCases(swept), ...headerCases(key, swept, op)]
      const problems = await sweep(cases, allowed)
      sent += cases.length
      cases.forEach((c, i) => {
        if (problems[i])
          failures.push(`${key} [${c.label}] ${c.method} ${c.url.slice(0, 100)}: ${problems[i]}`)
      })
      if (swept.method !== 'GET' && (await fingerprintDatabase(api.db)) !== opBefore)
        failures.push(`${key}: a rejected request changed the database`)
    }
    expect(failures).toEqual([])
    expect(sent).toBeGreaterThan(1000)
    expect(await fingerprintDatabase(api.db)).toBe(before)
  })
})
