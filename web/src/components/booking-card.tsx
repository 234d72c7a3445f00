import { For, Show } from 'solid-js'
import { formatDay, formatTime } from '../lib/format'
import type { Booking } from '../lib/types'

const STATUS_LABELS: Record<Booking['status'], string> = {
  collecting: 'Collecting details',
  awaiting_confirmation: 'Waiting for the customer to confirm',
  confirmed: 'Confirmed',
  cancelled: 'Cancelled',
}

interface Slot {
  label: string
  value: string | undefined
}

function slots(b: Booking): Slot[] {
  const type =
    b.appointmentType === 'test_drive'
      ? 'Test drive'
      : b.appointmentType === 'service'
        ? 'Service'
        : undefined
  return [
    { label: 'Appointment', value: type },
    b.appointmentType === 'test_drive'
      ? { label: 'Vehicle', value: b.vehicleInterest }
      : { label: 'Service', value: b.serviceType },
    { label: 'Date', value: b.preferredDate && formatDay(b.preferredDate) },
    { label: 'Time', value: b.preferredTime && formatTime(b.preferredTime) },
    { label: 'Name', value: b.customerName },
    { label: 'Phone', value: b.customerPhone },
    { label: 'Email', value: b.customerEmail },
  ]
}

/** The booking slots: each fills in as the crew collects it; the appointment once confirmed. */
export function BookingCard(props: { booking: Booking }) {
  const filled = () => slots(props.booking).filter((s) => s.value).length
  return (
    <section class="panel" aria-labelledby="booking-title">
      <h2 id="booking-title" class="panel__title">
        Booking
        <span class="pill" data-tone={props.booking.status} data-testid="booking-status">
          {STATUS_LABELS[props.booking.status]}
        </span>
      </h2>
      <Show
        when={filled() > 0 || props.booking.status !== 'collecting'}
        fallback={<p class="empty">Nothing to book yet. Slots fill in as the customer gives them.</p>}
      >
        <dl class="slots">
          <For each={slots(props.booking)}>
            {(slot) => (
              <div class="slot" classList={{ 'slot--filled': !!slot.value }} data-slot={slot.label}>
                <dt>{slot.label}</dt>
                <dd>{slot.value ?? '—'}</dd>
              </div>
            )}
          </For>
        </dl>
        <Show when={props.booking.appointmentId !== undefined && props.booking.status === 'confirmed'}>
          <p class="appointment" data-testid="appointment">
            Appointment #{props.booking.appointmentId} booked
          </p>
        </Show>
      </Show>
    </section>
  )
}
