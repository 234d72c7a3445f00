/**
 * How an outbound phone call is going: the number dialed, the dial status, which attempt this is and
 * why the last one did not connect. Updated live with the call's state.
 */
import { Show } from 'solid-js'
import { formatPhone } from '../lib/format'
import type { PhoneLeg, PhoneStatus as DialStatus } from '../lib/types'

export const PHONE_STATUS_LABELS: Record<DialStatus, string> = {
  dialing: 'Dialing…',
  ringing: 'Ringing…',
  answered: 'Answered',
  'no-answer': 'No answer',
  busy: 'Busy',
  completed: 'Completed',
  failed: 'Failed',
}

/** The pill tones of styles.css: blue while it goes on, amber for a miss, green, red. */
const TONES: Record<DialStatus, string> = {
  dialing: 'running',
  ringing: 'running',
  answered: 'active',
  'no-answer': 'pending',
  busy: 'pending',
  completed: 'completed',
  failed: 'failed',
}

export function PhoneStatus(props: { phone: PhoneLeg }) {
  return (
    <section class="panel" aria-labelledby="phone-title" data-testid="phone-status">
      <h2 id="phone-title" class="panel__title">
        Phone call
        <span class="pill" data-tone={TONES[props.phone.status]} data-testid="phone-status-badge">
          {PHONE_STATUS_LABELS[props.phone.status]}
        </span>
      </h2>
      <dl class="facts">
        <dt>Number</dt>
        <dd class="mono">{formatPhone(props.phone.to)}</dd>
        <dt>Attempt</dt>
        <dd data-testid="phone-attempt">
          attempt {props.phone.attempt} of {props.phone.maxAttempts}
        </dd>
        <Show when={props.phone.purpose}>
          <dt>Purpose</dt>
          <dd>{props.phone.purpose}</dd>
        </Show>
        <Show when={props.phone.detail}>
          <dt>Detail</dt>
          <dd data-testid="phone-detail">{props.phone.detail}</dd>
        </Show>
      </dl>
    </section>
  )
}
