import { createSignal, onCleanup, Show } from 'solid-js'
import { canRecordVoice, startVoiceRecording, type VoiceRecording } from '../lib/voice-recorder'

/**
 * The message box. Enter sends, Shift+Enter makes a new line. The text stays in the box until the
 * API took it, so a failed send loses nothing. Enter while the previous message is still on its way
 * (its reply often shows over SSE before the API has answered) sends the new one right after it.
 * With `onSendVoice`, a second button records a voice message with the microphone and sends it.
 */
export function MessageComposer(props: {
  label: string
  disabled?: boolean
  disabledReason?: string
  onSend: (text: string) => Promise<boolean>
  /** Sends a recorded voice message; absent = no voice button. */
  onSendVoice?: (audio: Blob) => Promise<boolean>
}) {
  const [text, setText] = createSignal('')
  const [busy, setBusy] = createSignal(false)
  let input: HTMLTextAreaElement | undefined

  let sendNext = false
  const send = async () => {
    const value = text().trim()
    if (!value || props.disabled) return
    if (busy()) {
      sendNext = true
      return
    }
    setBusy(true)
    setText('')
    const ok = await props.onSend(value)
    setBusy(false)
    input?.focus()
    if (!ok) {
      // Not taken: back in the box, unless something new was typed meanwhile; nothing goes next.
      if (!text().trim()) setText(value)
      sendNext = false
      return
    }
    if (sendNext) {
      sendNext = false
      await send()
    }
  }

  const voice = createVoiceRecorder((audio) => props.onSendVoice!(audio))
  onCleanup(voice.cancel)

  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault()
        void send()
      }}
    >
      <label class="composer__label" for="message">
        {props.label}
      </label>
      <Show
        when={!props.disabled}
        fallback={<p class="composer__closed">{props.disabledReason ?? 'This call has ended.'}</p>}
      >
        <div class="composer__row">
          <textarea
            id="message"
            ref={input}
            rows={2}
            maxLength={4000}
            value={text()}
            placeholder="Type a message and press Enter"
            onInput={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
                e.preventDefault()
                void send()
              }
            }}
          />
          <button type="submit" class="button button--primary" disabled={busy() || !text().trim()}>
            {busy() ? 'Sending…' : 'Send'}
          </button>
        </div>
        <Show when={props.onSendVoice && canRecordVoice()}>
          <VoiceButtons voice={voice} />
        </Show>
        <Show when={voice.error()}>
          <p class="composer__error" role="alert">
            {voice.error()}
          </p>
        </Show>
      </Show>
    </form>
  )
}

type VoiceRecorderState = ReturnType<typeof createVoiceRecorder>

/** Recording, then sending, one voice message at a time. */
function createVoiceRecorder(send: (audio: Blob) => Promise<boolean>) {
  const [phase, setPhase] = createSignal<'idle' | 'starting' | 'recording' | 'sending'>('idle')
  const [seconds, setSeconds] = createSignal(0)
  const [error, setError] = createSignal<string | null>(null)
  let recording: VoiceRecording | undefined
  let ticker: ReturnType<typeof setInterval> | undefined

  const stopTicking = () => clearInterval(ticker)
  const finish = async () => {
    if (!recording || phase() !== 'recording') return
    stopTicking()
    setPhase('sending')
    const audio = await recording.stop()
    recording = undefined
    await send(audio)
    setPhase('idle')
  }
  return {
    phase,
    seconds,
    error,
    async start() {
      setError(null)
      setPhase('starting')
      try {
        recording = await startVoiceRecording(() => void finish())
      } catch (err) {
        setPhase('idle')
        setError(`The microphone could not be used: ${err instanceof Error ? err.message : String(err)}`)
        return
      }
      setSeconds(0)
      const started = Date.now()
      ticker = setInterval(() => setSeconds(Math.floor((Date.now() - started) / 1000)), 250)
      setPhase('recording')
    },
    finish,
    cancel() {
      stopTicking()
      recording?.cancel()
      recording = undefined
      if (phase() === 'recording' || phase() === 'starting') setPhase('idle')
    },
  }
}

const clock = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`

function VoiceButtons(props: { voice: VoiceRecorderState }) {
  const v = props.voice
  return (
    <div class="composer__voice">
      <Show
        when={v.phase() === 'recording'}
        fallback={
          <button
            type="button"
            class="button button--small"
            disabled={v.phase() !== 'idle'}
            onClick={() => void v.start()}
          >
            {v.phase() === 'sending' ? 'Sending voice message…' : 'Record a voice message'}
          </button>
        }
      >
        <span class="composer__recording" role="status">
          ● Recording {clock(v.seconds())}
        </span>
        <button type="button" class="button button--small button--primary" onClick={() => void v.finish()}>
          Stop and send
        </button>
        <button type="button" class="button button--small" onClick={() => v.cancel()}>
          Cancel
        </button>
      </Show>
    </div>
  )
}
