/**
 * Holds a call's turns inside the worker (between the agent graph and storing the turn) until the
 * test lets each one go, so a test can make messages and signals arrive while a turn is running.
 */
export interface TurnGate {
  /** The worker hook: `startCallStack({ hooks: { beforeSaveTurn: gate.hook } })`. */
  hook(turn: { callId: string; turn: number }): Promise<void>
  /** From now on, the call's turns wait in the hook until released. */
  hold(callId: string): void
  /** Resolves once turn `turn` of the call is waiting in the hook. */
  entered(callId: string, turn: number): Promise<void>
  /** Lets turn `turn` go (now, or as soon as it arrives). */
  release(callId: string, turn: number): void
  /** Lets every turn of the call go, now and later. */
  open(callId: string): void
}

/** A promise and its resolve (Node 20 has no Promise.withResolvers). */
function deferred() {
  let resolve!: () => void
  const promise = new Promise<void>((r) => (resolve = r))
  return { promise, resolve }
}

export function createTurnGate(): TurnGate {
  const held = new Set<string>()
  const waiting = new Map<string, { arrived: ReturnType<typeof deferred>; go: ReturnType<typeof deferred> }>()
  const slot = (callId: string, turn: number) => {
    const key = `${callId}#${turn}`
    let s = waiting.get(key)
    if (!s) waiting.set(key, (s = { arrived: deferred(), go: deferred() }))
    return s
  }
  return {
    async hook({ callId, turn }) {
      if (!held.has(callId)) return
      const s = slot(callId, turn)
      s.arrived.resolve()
      await s.go.promise
    },
    hold: (callId) => void held.add(callId),
    entered: (callId, turn) => slot(callId, turn).arrived.promise,
    release: (callId, turn) => slot(callId, turn).go.resolve(),
    open(callId) {
      held.delete(callId)
      for (const [key, s] of waiting) if (key.startsWith(`${callId}#`)) s.go.resolve()
    },
  }
}
