/**
 * A FAKE OpenAI-compatible server for tests: `POST /v1/chat/completions` on loopback, answering
 * what each test scripts and recording every request. No real model is ever reached.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** One request as the fake received it. */
export interface FakeRequest {
  path: string
  headers: IncomingMessage['headers']
  /** The JSON body (model, messages, tools, ...). */
  body: {
    model?: string
    messages?: { role: string; content: unknown; tool_call_id?: string }[]
    tools?: unknown[]
    [key: string]: unknown
  }
  /** True when the client asked for a function call (structured output). */
  structured: boolean
  /** Every message's text, joined: handy for `toContain` assertions on the prompt. */
  prompt: string
}

/** What the fake answers to one request. */
export type FakeAnswer =
  | { kind: 'tool_call'; arguments: string }
  /** Calls of named functions (the crew's tools), in one assistant message. */
  | { kind: 'tool_calls'; calls: { name: string; arguments: string }[] }
  | { kind: 'content'; content: string }
  | { kind: 'http_error'; status: number }
  | { kind: 'delay'; ms: number; then: FakeAnswer }

/** A function call whose arguments are `value` as JSON. */
export const toolCall = (value: unknown): FakeAnswer => ({
  kind: 'tool_call',
  arguments: JSON.stringify(value),
})
/** A function call whose arguments are not JSON at all. */
export const malformedToolCall = (text = '{"intent": "book_service", "slots": {'): FakeAnswer => ({
  kind: 'tool_call',
  arguments: text,
})
/** The model calls these tools, e.g. `toolCalls(['decode_vin', { vin }])`. */
export const toolCalls = (...calls: [name: string, args: unknown][]): FakeAnswer => ({
  kind: 'tool_calls',
  calls: calls.map(([name, args]) => ({ name, arguments: JSON.stringify(args) })),
})
/** The names of the functions a request offers. */
export const offeredTools = (req: FakeRequest): string[] =>
  (req.body.tools ?? []).map((t) => (t as { function?: { name?: string } }).function?.name ?? '')
export const content = (text: string): FakeAnswer => ({ kind: 'content', content: text })
export const httpError = (status = 500): FakeAnswer => ({ kind: 'http_error', status })
export const delayed = (ms: number, then: FakeAnswer): FakeAnswer => ({ kind: 'delay', ms, then })

export type FakeScript = FakeAnswer | ((req: FakeRequest) => FakeAnswer)

export interface FakeOpenAiServer {
  /** Base URL to hand to the client as LLM_BASE_URL, e.g. http://127.0.0.1:40123/v1. */
  baseUrl: string
  requests: FakeRequest[]
  /** Sets the answer for every following request. */
  respond(script: FakeScript): void
  /** Forgets requests and the script (the default answer is an HTTP 500 "nothing scripted"). */
  reset(): void
  close(): Promise<void>
}

export async function startFakeOpenAiServer(): Promise<FakeOpenAiServer> {
  const requests: FakeRequest[] = []
  let script: FakeScript = httpError(500)
  let counter = 0

  const server = createServer((req, res) => {
    void handle(req, res).catch((err: unknown) => send(res, 500, { error: { message: String(err) } }))
  })
  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0] ?? '/'
    if (req.method !== 'POST' || path !== '/v1/chat/completions') {
      return send(res, 404, { error: { message: `fake: no route ${req.method} ${path}`, type: 'not_found' } })
    }
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as FakeRequest['body']
    const prompt = (body.messages ?? []).map((m) =>
      typeof m.content === 'string' ? m.content : JSON.stringify(m.content),
    )
    const request: FakeRequest = {
      path,
      headers: req.headers,
      body,
      structured: Array.isArray(body.tools),
      prompt: prompt.join('\n'),
    }
    requests.push(request)
    await answer(res, request, typeof script === 'function' ? script(request) : script, ++counter)
  }

  async function answer(res: ServerResponse, req: FakeRequest, a: FakeAnswer, n: number): Promise<void> {
    switch (a.kind) {
      case 'delay': {
        // The client may give up first; then the socket is gone and there is nothing to answer.
        const gone = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), a.ms)
          res.once('close', () => {
            clearTimeout(timer)
            resolve(true)
          })
        })
        if (!gone) await answer(res, req, a.then, n)
        return
      }
      case 'http_error':
        return send(res, a.status, { error: { message: 'fake: scripted failure', type: 'server_error' } })
      case 'content':
        return send(res, 200, completion(n, req, { role: 'assistant', content: a.content }, 'stop'))
      case 'tool_call': {
        const name = toolName(req) ?? 'understanding'
        const message = {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: `call_${n}`, type: 'function', function: { name, arguments: a.arguments } }],
        }
        return send(res, 200, completion(n, req, message, 'tool_calls'))
      }
      case 'tool_calls': {
        const message = {
          role: 'assistant',
          content: null,
          tool_calls: a.calls.map((c, i) => ({
            id: `call_${n}_${i}`,
            type: 'function',
            function: { name: c.name, arguments: c.arguments },
          })),
        }
        return send(res, 200, completion(n, req, message, 'tool_calls'))
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    respond: (next) => (script = next),
    reset() {
      requests.length = 0
      script = httpError(500)
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

function toolName(req: FakeRequest): string | undefined {
  const tool = req.body.tools?.[0] as { function?: { name?: string } } | undefined
  return tool?.function?.name
}

function completion(n: number, req: FakeRequest, message: object, finishReason: string) {
  return {
    id: `chatcmpl-fake-${n}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: req.body.model ?? 'fake-model',
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
    usage: { prompt_tokens: 0, completion_tokens: 0, total_tokens: 0 },
  }
}

function send(res: ServerResponse, status: number, body: unknown) {
  if (res.writableEnded || res.destroyed) return
  res.writeHead(status, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
