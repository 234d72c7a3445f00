/**
 * The voice worker's only way into pitcrew: the HTTP API. A voice turn is the same
 * `POST /api/calls/:id/messages` (the workflow's `userTurn` Update) as a chat turn, so the graph,
 * booking, escalation and events are shared; the worker holds no database and no call state.
 */
import { CallEvent, type SpeechSegment } from '../domain/call-events'
import type { CallState, TranscriptEntry } from '../domain/call-state'
import type { AgentState } from '../domain/voice'
import { readSse } from '../lib/sse-parser'

/** Wait before reconnecting a dropped event stream. */
const RECONNECT_MS = 1000

export interface TurnReply {
  reply: string | null
  /** The number of the turn the utterance became: its reply's transcript line carries it. */
  turn: number
  /** The API's Server-Timing header: where the turn's time went (bench/ reads it from the log). */
  serverTiming: string | null
}

export interface PitcrewClient {
  getCall(callId: string): Promise<CallState>
  /** One customer utterance; `idempotencyKey` makes a retried request one turn. */
  sendTurn(callId: string, text: string, idempotencyKey: string): Promise<TurnReply>
  reportAgentState(callId: string, state: AgentState): Promise<void>
  /** One stretch of speech the worker measured (talk time, barge-ins). */
  reportSpeech(callId: string, segment: SpeechSegment): Promise<void>
  endCall(callId: string): Promise<void>
  /**
   * Calls `onEntry` for each transcript entry of the call (those of the snapshot it connects with,
   * then live ones), reconnecting with Last-Event-ID after a drop, until `signal` aborts or the
   * call's stream ends.
   */
  followTranscript(
    callId: string,
    onEntry: (entry: TranscriptEntry) => void,
    signal: AbortSignal,
  ): Promise<void>
  listServices(): Promise<{ name: string }[]>
  listInventory(): Promise<{ make: string; model: string }[]>
}

export class PitcrewApiError extends Error {
  override name = 'PitcrewApiError'
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
  }
}

export function createPitcrewClient(baseUrl: string, apiKey?: string): PitcrewClient {
  const auth: Record<string, string> = apiKey ? { authorization: `Bearer ${apiKey}` } : {}
  const exchange = async <T>(
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<{ body: T; headers: Headers }> => {
    const res = await fetch(new URL(path, baseUrl), {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...auth,
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(30_000),
    })
    const text = await res.text()
    const parsed: unknown = text ? JSON.parse(text) : undefined
    if (!res.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error
      throw new PitcrewApiError(res.status, error?.code ?? 'unknown', error?.message ?? `HTTP ${res.status}`)
    }
    return { body: parsed as T, headers: res.headers }
  }
  const request = async <T>(path: string, body?: unknown) => (await exchange<T>(path, body)).body
  const callPath = (callId: string) => `/api/calls/${encodeURIComponent(callId)}`
  return {
    getCall: (callId) => request(callPath(callId)),
    async sendTurn(callId, text, idempotencyKey) {
      // The reply is all a voice turn needs: the API then skips reading the transcript back.
      const { body, headers } = await exchange<{ reply: string | null; turn: number }>(
        `${callPath(callId)}/messages`,
        { text, idempotencyKey },
        { prefer: 'return=minimal' },
      )
      return { reply: body.reply, turn: body.turn, serverTiming: headers.get('server-timing') }
    },
    reportAgentState: async (callId, state) => {
      await request(`${callPath(callId)}/agent-state`, { state })
    },
    reportSpeech: async (callId, segment) => {
      await request(`${callPath(callId)}/speech`, segment)
    },
    endCall: async (callId) => {
      await request(`${callPath(callId)}/end`, {})
    },
    async followTranscript(callId, onEntry, signal) {
      let lastEventId = ''
      while (!signal.aborted) {
        try {
          const res = await fetch(new URL(`${callPath(callId)}/events`, baseUrl), {
            headers: {
              accept: 'text/event-stream',
              ...auth,
              ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
            },
            signal,
          })
          if (res.status === 404) return
          if (res.ok && res.body) {
            await readSse(res.body as AsyncIterable<Uint8Array>, {
              id: (id) => (lastEventId = id),
              message: (m) => {
                const event = CallEvent.safeParse({ type: m.event, data: JSON.parse(m.data) })
                if (!event.success) return // an event this worker does not know: not for it
                if (event.data.type === 'state') event.data.data.transcript.forEach(onEntry)
                if (event.data.type === 'transcript') onEntry(event.data.data)
              },
            })
          }
        } catch {
          // Dropped or aborted: the loop decides.
        }
        await new Promise((resolve) => setTimeout(resolve, RECONNECT_MS))
      }
    },
    listServices: () => request('/api/services'),
    listInventory: () => request('/api/inventory'),
  }
}
