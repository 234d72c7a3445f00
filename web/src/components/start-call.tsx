import { createSignal } from 'solid-js'
import { api, errorMessage } from '../lib/api'
import { navigate } from '../lib/router'
import type { VoiceCredentials } from '../lib/types'
import { handOffVoiceCredentials } from '../lib/voice-handoff'
import { PlacePhoneCall } from './place-phone-call'
import { ErrorAlert } from './error-alert'

/**
 * Starts a chat call or a browser voice call (optionally as a known customer, by phone) and opens its
 * console; a voice call's console joins the call's room with the credentials it was started with.
 * Staff can also have the crew phone a customer.
 */
export function StartCall() {
  const [phone, setPhone] = createSignal('')
  const [busy, setBusy] = createSignal<'chat' | 'web' | null>(null)
  const [error, setError] = createSignal<string | null>(null)

  const start = async (channel: 'chat' | 'web') => {
    setBusy(channel)
    setError(null)
    try {
      const customerPhone = phone().trim()
      const body = customerPhone ? { channel, customerPhone } : { channel }
      const { callId, livekit } = await api<{ callId: string; livekit?: VoiceCredentials }>('/api/calls', {
        body,
      })
      if (livekit) handOffVoiceCredentials(callId, livekit)
      navigate(`/calls/${encodeURIComponent(callId)}`)
    } catch (err) {
      setError(errorMessage(err))
      setBusy(null)
    }
  }

  return (
    <div class="start">
      <h1 class="page-title">Start a call</h1>
      <p class="subtitle">
        Talk to Springfield Auto's crew as a customer would, by chat or by voice with your microphone: ask
        about hours, book an oil change or a test drive, or ask for a person. Everything the crew does shows
        up live.
      </p>
      <form
        class="panel start__form"
        onSubmit={(e) => {
          e.preventDefault()
          void start('chat')
        }}
      >
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
        <ErrorAlert message={error()} />
        <div class="start__buttons">
          <button type="submit" class="button button--primary" disabled={busy() !== null}>
            {busy() === 'chat' ? 'Starting…' : 'Start chat call'}
          </button>
          <button type="button" class="button" disabled={busy() !== null} onClick={() => start('web')}>
            {busy() === 'web' ? 'Starting…' : 'Start voice call'}
          </button>
        </div>
        <p class="hint">A voice call asks for your microphone and plays the crew's voice.</p>
      </form>
      <PlacePhoneCall />
    </div>
  )
}
