/** An EventSource the tests drive by hand: open it, send named events, drop it. */
export class FakeEventSource {
  static instances: FakeEventSource[] = []
  readyState = 0
  onopen: (() => void) | null = null
  onerror: (() => void) | null = null
  private listeners = new Map<string, ((e: MessageEvent<string>) => void)[]>()

  constructor(readonly url: string) {
    FakeEventSource.instances.push(this)
  }

  addEventListener(name: string, listener: (e: MessageEvent<string>) => void) {
    this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener])
  }

  close() {
    this.readyState = 2
  }

  open() {
    this.readyState = 1
    this.onopen?.()
  }

  emit(name: string, data: unknown, id = '') {
    const event = new MessageEvent<string>(name, { data: JSON.stringify(data), lastEventId: id })
    for (const listener of this.listeners.get(name) ?? []) listener(event)
  }

  /** The browser lost the connection: it retries (readyState 0) or gives up (2). */
  fail(giveUp: boolean) {
    this.readyState = giveUp ? 2 : 0
    this.onerror?.()
  }

  static latest(): FakeEventSource {
    const last = FakeEventSource.instances.at(-1)
    if (!last) throw new Error('no EventSource was opened')
    return last
  }

  static factory = (url: string) => new FakeEventSource(url) as unknown as EventSource
}
