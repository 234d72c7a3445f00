import { createSignal } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { navigate } from '../lib/router'
import { ErrorAlert } from './error-alert'

/**
 * Has the crew phone a customer: the call workflow dials the number (retrying busy and no answer)
 * and the console it opens shows the dialing progress. Needs a SIP trunk on the server; without one
 * the server's answer says so.
 */
export function PlacePhoneCall() {
  const [to, setTo] = createSignal('')
  const [purpose, setPurpose] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  const [error, setError] = createSignal<string | null>(null)

  const place = async () => {
    setBusy(true)
    setError(null)
    try {
      const why = purpose().trim()
      const body = { channel: 'phone', to: to().trim(), ...(why ? { purpose: why } : {}) }
      const { callId } = await api<{ callId: string }>('/api/calls', { body })
      navigate(`/calls/${encodeURIComponent(callId)}`)
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }

  return (
    <form
      class="panel start__form"
      aria-label="Call a customer"
      onSubmit={(e) => {
        e.preventDefault()
        void place()
      }}
    >
      <h2 class="panel__title">Call a customer</h2>
      <label for="phone-to">Number to call</label>
      <input
        id="phone-to"
        type="tel"
        inputmode="tel"
        autocomplete="off"
        required
        placeholder="e.g. 217-555-0101"
        value={to()}
        onInput={(e) => setTo(e.currentTarget.value)}
      />
      <label for="phone-purpose">What the call is about (optional)</label>
      <input
        id="phone-purpose"
        type="text"
        maxlength="200"
        placeholder="e.g. your brake inspection"
        value={purpose()}
        onInput={(e) => setPurpose(e.currentTarget.value)}
      />
      <p class="hint">The crew says it when the customer answers: "…calling about your brake inspection."</p>
      <ErrorAlert message={error()} />
      <div class="start__buttons">
        <button type="submit" class="button" disabled={busy()}>
          {busy() ? 'Dialing…' : 'Place phone call'}
        </button>
      </div>
    </form>
  )
}
