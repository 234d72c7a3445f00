/**
 * Text-turn latency through the whole stack (HTTP -> Temporal Update -> worker -> graph ->
 * database) with N concurrent calls, each running `conversation()` turn after turn.
 */
import { conversation } from './conversation'
import { summarize } from './stats'

async function post(url: string, body: unknown) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!res.ok) throw new Error(`${url} answered ${res.status}: ${await res.text()}`)
  return res.json() as Promise<Record<string, unknown>>
}

/**
 * `thinkMs` is the pause between a reply and the caller's next message (jittered ±50%): 0 is a
 * closed loop that measures saturation, about a second is what people on the phone do.
 */
export async function measureTurns(
  apiUrl: string,
  concurrency: number,
  firstDate: string,
  rounds = 1,
  thinkMs = 0,
) {
  const samples: number[] = []
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async (_, caller) => {
      // Paced callers don't all dial in the same millisecond either.
      if (thinkMs > 0) await new Promise((r) => setTimeout(r, Math.random() * thinkMs))
      for (let round = 0; round < rounds; round++) {
        const { callId } = (await post(`${apiUrl}/api/calls`, { channel: 'chat' })) as { callId: string }
        for (const text of conversation(caller + round * concurrency, firstDate)) {
          const t0 = performance.now()
          await post(`${apiUrl}/api/calls/${callId}/messages`, { text })
          samples.push(performance.now() - t0)
          if (thinkMs > 0) await new Promise((r) => setTimeout(r, thinkMs * (0.5 + Math.random())))
        }
      }
    }),
  )
  const seconds = (performance.now() - started) / 1000
  return { ...summarize(samples), turnsPerSecond: samples.length / seconds }
}

/** From sending a message to its reply arriving over SSE, against the HTTP answer itself. */
export async function measureSse(apiUrl: string, turns: number, firstDate: string) {
  const { callId } = (await post(`${apiUrl}/api/calls`, { channel: 'chat' })) as { callId: string }
  const controller = new AbortController()
  const res = await fetch(`${apiUrl}/api/calls/${callId}/events`, { signal: controller.signal })
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader()
  const arrivals: number[] = []
  let buffer = ''
  const signal = { notify: () => {} }
  void (async () => {
    for (;;) {
      const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }))
      if (done) return
      buffer += value
      for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
        const message = buffer.slice(0, i)
        buffer = buffer.slice(i + 2)
        if (message.includes('event: transcript') && message.includes('"role":"agent"')) {
          arrivals.push(performance.now())
          signal.notify()
        }
      }
    }
  })()
  const viaSse: number[] = []
  const viaHttp: number[] = []
  const texts = conversation(9_000, firstDate).slice(0, 2)
  for (let i = 0; i < turns; i++) {
    const seen = arrivals.length
    const arrived = new Promise<void>(
      (resolve) => (signal.notify = () => arrivals.length > seen && resolve()),
    )
    const t0 = performance.now()
    await post(`${apiUrl}/api/calls/${callId}/messages`, { text: texts[i % texts.length] })
    viaHttp.push(performance.now() - t0)
    await arrived
    viaSse.push(arrivals[seen]! - t0)
  }
  controller.abort()
  return { http: summarize(viaHttp), sse: summarize(viaSse) }
}
