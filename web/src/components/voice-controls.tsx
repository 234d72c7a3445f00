/**
 * The voice panel of a web or phone call's console: this browser's connection to the call's audio
 * (as the caller, or listening in as staff), mute, the microphone's trouble in plain words, and what
 * the voice agent is doing (listening / thinking / speaking, from the call's SSE stream).
 */
import { Match, Show, Switch } from 'solid-js'
import type { ConnectionStatus } from '../lib/event-stream'
import type { AgentState, CallState } from '../lib/types'
import type { VoiceConnectionState } from '../lib/voice-room'
import type { VoiceSession } from '../stores/voice-session'
import { ConnectionIndicator } from './connection-indicator'

const AS_INDICATOR: Record<VoiceConnectionState, ConnectionStatus> = {
  connecting: 'connecting',
  connected: 'live',
  reconnecting: 'reconnecting',
  disconnected: 'closed',
}
const INDICATOR_LABELS = { live: 'Connected' }

export const AGENT_STATE_LABELS: Record<AgentState, string> = {
  listening: 'Listening',
  thinking: 'Thinking…',
  speaking: 'Speaking',
}

export function VoiceControls(props: {
  session: VoiceSession
  call: Pick<CallState, 'channel' | 'status'>
  activity: AgentState | null
}) {
  const s = () => props.session
  const inRoom = () => s().role() !== null && s().connection() !== 'disconnected'
  const live = () => props.call.status !== 'ended'

  return (
    <section class="panel voice" aria-labelledby="voice-title" data-testid="voice-controls">
      <h2 id="voice-title" class="panel__title">
        Voice
        <Show when={live() && props.activity}>
          {(state) => (
            <span class="pill agent-state" data-state={state()} data-testid="agent-state">
              Agent: {AGENT_STATE_LABELS[state()]}
            </span>
          )}
        </Show>
      </h2>
      <div class="voice__status">
        <Show
          when={s().connection()}
          fallback={<span class="muted">{live() ? 'Not connected to the audio' : 'The call has ended'}</span>}
        >
          {(state) => (
            <ConnectionIndicator status={AS_INDICATOR[state()]} label="Voice" labels={INDICATOR_LABELS} />
          )}
        </Show>
        <Show when={inRoom()}>
          <span class="muted" data-testid="voice-role">
            {s().role() === 'caller' ? 'You are the caller' : 'Listening in (hidden)'}
          </span>
        </Show>
      </div>

      <Switch>
        <Match when={s().mic() === 'denied'}>
          <div class="alert" role="alert" data-testid="mic-denied">
            <strong>Microphone blocked.</strong> Allow this page to use the microphone (the icon in the
            address bar), then try again. You can still hear the call.
            <button type="button" class="button button--small" onClick={() => s().retryMicrophone()}>
              Try the microphone again
            </button>
          </div>
        </Match>
        <Match when={s().error()}>
          <p class="alert" role="alert">
            {s().error()}
          </p>
        </Match>
      </Switch>

      <div class="voice__actions">
        <Show when={inRoom() && s().role() === 'caller' && (s().mic() === 'on' || s().mic() === 'muted')}>
          <button
            type="button"
            class="button"
            aria-pressed={s().mic() === 'muted'}
            onClick={() => s().setMuted(s().mic() === 'on')}
          >
            {s().mic() === 'muted' ? 'Unmute' : 'Mute'}
          </button>
        </Show>
        <Show when={inRoom() && s().role() === 'listener'}>
          <button type="button" class="button" onClick={() => s().leave()}>
            Stop listening
          </button>
        </Show>
        <Show when={s().audioBlocked()}>
          <button type="button" class="button button--warning" onClick={() => s().startAudio()}>
            Play the call's audio
          </button>
        </Show>
        <Show when={live() && !inRoom()}>
          <Show when={props.call.channel === 'web'}>
            <button type="button" class="button button--primary" onClick={() => s().joinAsCaller()}>
              Join as the caller
            </button>
          </Show>
          <button type="button" class="button" onClick={() => s().listenIn()}>
            Listen in
          </button>
        </Show>
      </div>
      <Show when={inRoom() && s().role() === 'caller'}>
        <p class="hint">Speak to the crew. Leaving this page hangs up.</p>
      </Show>
    </section>
  )
}
