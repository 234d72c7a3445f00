import { Show } from 'solid-js'

/** A failure said in plain words, announced to screen readers; nothing while there is none. */
export function ErrorAlert(props: { message: string | null | undefined }) {
  return (
    <Show when={props.message}>
      <p class="alert" role="alert">
        {props.message}
      </p>
    </Show>
  )
}
