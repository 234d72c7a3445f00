/**
 * Closed-loop turn drivers that work on any server answering pitcrew's two call routes:
 * `POST /api/calls` -> {callId} and `POST /api/calls/:id/messages {text}`. pitcrew and the Temporal
 * floor (bench/floor/) are driven by the same code, so their figures compare.
 */
import { conversation } from './conversation'
import { summarize } from './stats'

/** After the bench conversation (minus its goodbye, which ends the call), a caller keeps asking. */
const MORE_QUESTIONS = [
  'What are your hours?',
  'Where are you located?',
  'Do you offer financing for bad credit?',
]

/** The text of turn `i` (from 0) of a caller's call: a conversation that can go on for any length. */
export function turnText(caller: number, i: number, firstDate: string): string {
  const talk = conversation(caller, firstDate).slice(0, -1)
  return talk[i] ?? MORE_QUESTIONS[(i - talk.length) % MORE_QUESTIONS.length]!
}

export async function post(url: string, body: unknown, headers: Record<string, string> = {}) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`)
  return res.json() as Promise<Record<string, unknown>>
}

export async function openCall(apiUrl: string): Promise<string> {
  const { callId } = await post(`${apiUrl}/api/calls`, { channel: 'chat' })
  return callId as string
}

export interface ClosedLoop {
  /** Callers at once, each in a call of its own. */
  callers: number
  /** Turns each caller sends, one right after the other's reply (no pause). */
  turns: number
  /** Rounds of fresh calls. Default 1. */
  rounds?: number
  firstDate: string
  /** Numbers the callers (their names, phones and booking dates). Default 0. */
  firstCaller?: number
  /** Extra request headers, e.g. `Prefer: return=minimal`. */
  headers?: Record<string, string>
}

/**
 * Turn latency and throughput of closed-loop callers. Calls are opened before each round's clock
 * starts: the throughput is of turns only (starting a call is measured nowhere here).
 */
export async function measureClosedLoop(apiUrl: string, o: ClosedLoop) {
  const samples: number[] = []
  let busyMs = 0
  for (let round = 0; round < (o.rounds ?? 1); round++) {
    const callIds = await Promise.all(Array.from({ length: o.callers }, () => openCall(apiUrl)))
    const started = performance.now()
    await Promise.all(
      callIds.map(async (callId, k) => {
        const caller = (o.firstCaller ?? 0) + round * o.callers + k
        for (let i = 0; i < o.turns; i++) {
          const t0 = performance.now()
          await post(
            `${apiUrl}/api/calls/${callId}/messages`,
            { text: turnText(caller, i, o.firstDate) },
            o.headers,
          )
          samples.push(performance.now() - t0)
        }
      }),
    )
    busyMs += performance.now() - started
  }
  return { ...summarize(samples), turnsPerSecond: samples.length / (busyMs / 1000) }
}
