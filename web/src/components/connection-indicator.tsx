import { Show } from 'solid-js'
import type { ConnectionStatus } from '../lib/event-stream'

const LABELS: Record<ConnectionStatus, string> = {
  connecting: 'Connecting…',
  live: 'Live',
  reconnecting: 'Reconnecting…',
  closed: 'Disconnected',
}

/**
 * Whether the live stream (or another connection, with its own `labels`) is up; a Retry once the
 * browser has given up reconnecting.
 */
export function ConnectionIndicator(props: {
  status: ConnectionStatus
  onRetry?: () => void
  label?: string
  labels?: Partial<Record<ConnectionStatus, string>>
}) {
  return (
    <span class="connection" data-status={props.status} role="status" aria-live="polite">
      <span class="connection__dot" aria-hidden="true" />
      <span>
        {props.label ? `${props.label}: ` : ''}
        {props.labels?.[props.status] ?? LABELS[props.status]}
      </span>
      <Show when={props.status === 'closed' && props.onRetry}>
        <button type="button" class="button button--small" onClick={() => props.onRetry?.()}>
          Retry
        </button>
      </Show>
    </span>
  )
}
