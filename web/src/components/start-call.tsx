import { createSignal, Show } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { navigate } from '../lib/router'

/** Starts a chat call (optionally as a known customer, by phone) and opens its console. */
export function StartCall() {
  const [phone, setPhone] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)

  const start = async (e: SubmitEvent) => {
    e.preventDefault()
    setBusy(true)
    setError(null)
    try {
      const body = phone().trim() ? { channel: 'chat', customerPhone: phone().trim() } : { channel: 'chat' }
      const { callId } = await api<{ callId: string }>('/api/calls', { body })
      navigate(`/calls/${encodeURIComponent(callId)}`)
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }

  return (
    <div class="start">
      <h1 class="page-title">Start a chat call</h1>
      <p class="subtitle">
        Talk to Springfield Auto's crew as a customer would: ask about hours, book an oil change or a test
        drive, or ask for a person. Everything the crew does shows up live.
      </p>
      <form class="panel start__form" onSubmit={start}>
        <label for="customer-phone">Customer phone (optional)</label>
        <input
          id="customer-phone"
          type="tel"
          inputmode="tel"
          autocomplete="off"
          placeholder="e.g. 217-555-0101, a known customer"
          value={phone()}
          onInput={(e) => setPhone(e.currentTarget.value)}
        />
        <p class="hint">With a known number the crew greets the customer by name and knows their vehicles.</p>
        <Show when={error()}>
          <p class="alert" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" class="button button--primary" disabled={busy()}>
          {busy() ? 'Starting…' : 'Start chat call'}
        </button>
      </form>
    </div>
  )
}
