import { createSignal, Show } from 'solid-js'
import { apiKey, needsKey, setApiKey } from '../lib/api-key'

/** Where the user pastes PITCREW_API_KEY; opens by itself when the API answered 401. */
export function ApiKeyForm(props: { onSaved?: () => void }) {
  const [open, setOpen] = createSignal(false)
  const [draft, setDraft] = createSignal(apiKey())
  const shown = () => open() || needsKey()
  return (
    <div class="api-key">
      <button
        type="button"
        class="button button--small"
        classList={{ 'button--warning': needsKey() }}
        aria-expanded={shown()}
        aria-controls="api-key-form"
        onClick={() => setOpen(!shown())}
      >
        {needsKey() ? 'API key needed' : apiKey() ? 'API key ✓' : 'API key'}
      </button>
      <Show when={shown()}>
        <form
          id="api-key-form"
          class="api-key__form panel"
          onSubmit={(e) => {
            e.preventDefault()
            setApiKey(draft())
            setOpen(false)
            props.onSaved?.()
          }}
        >
          <label for="api-key-input">PITCREW_API_KEY</label>
          <input
            id="api-key-input"
            type="password"
            autocomplete="off"
            value={draft()}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
          <p class="hint">Kept in this browser (localStorage). Leave empty when the API has no key.</p>
          <button type="submit" class="button button--primary button--small">
            Save
          </button>
        </form>
      </Show>
    </div>
  )
}
