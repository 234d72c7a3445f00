import { createSignal, Show } from 'solid-js'

/**
 * The message box. Enter sends, Shift+Enter makes a new line. The text stays in the box until the
 * API took it, so a failed send loses nothing. Enter while the previous message is still on its way
 * (its reply often shows over SSE before the API has answered) sends the new one right after it.
 */
export function MessageComposer(props: {
  label: string
  disabled?: boolean
  disabledReason?: string
  onSend: (text: string) => Promise<boolean>
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
      </Show>
    </form>
  )
}
