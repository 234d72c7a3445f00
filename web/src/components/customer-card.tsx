import { createResource, For, Show } from 'solid-js'
import { api } from '../lib/api'
import type { Customer, VehicleDetails } from '../lib/types'

/** A car of GET /api/customers/:phone: with what its VIN decoded to, for cars added by VIN. */
interface RecordVehicle {
  vin?: string
  mileage?: number
  details?: VehicleDetails
}

/** The decoded details worth a glance: trim, body, engine, fuel. */
function detailLine(d: VehicleDetails | undefined, mileage: number | undefined): string {
  const parts = [
    d?.trim,
    d?.bodyStyle,
    d?.engine,
    d?.fuelType,
    mileage !== undefined ? `${mileage.toLocaleString('en-US')} mi` : undefined,
  ]
  return parts.filter(Boolean).join(' · ')
}

/**
 * Who is calling, when the crew recognised them (by phone number), and their vehicles. The call's
 * state names the cars; their decoded details come from the customer record, read again whenever
 * the crew adds a car during the call.
 */
export function CustomerCard(props: { customer: Customer | null }) {
  // Only a recognised customer has a record: asking for a new caller's would be a 404 every time.
  const key = () => {
    const c = props.customer
    return c?.phone && c.customerId !== undefined ? `${c.phone}|${c.vehicles.length}` : null
  }
  const [record] = createResource(key, async (k) => {
    const phone = k.split('|')[0]!
    try {
      return await api<{ vehicles: RecordVehicle[] }>(`/api/customers/${encodeURIComponent(phone)}`)
    } catch {
      return null // the record is gone or unreadable; the card shows what the call knows
    }
  })
  const detailsOf = (vin: string | undefined) =>
    vin ? record()?.vehicles.find((v) => v.vin === vin) : undefined
  return (
    <section class="panel" aria-labelledby="customer-title">
      <h2 id="customer-title" class="panel__title">
        Customer
      </h2>
      <Show
        when={props.customer}
        fallback={
          <p class="empty">Not identified. The crew asks for a name and phone number when it needs them.</p>
        }
      >
        {(c) => (
          <>
            <p class="customer__name">{c().name ?? (c().customerId ? 'Known customer' : 'New caller')}</p>
            <dl class="facts">
              <Show when={c().phone}>
                <dt>Phone</dt>
                <dd>{c().phone}</dd>
              </Show>
              <Show when={c().email}>
                <dt>Email</dt>
                <dd>{c().email}</dd>
              </Show>
            </dl>
            <Show when={c().vehicles.length > 0} fallback={<p class="empty">No vehicles on file.</p>}>
              <ul class="vehicles" aria-label="Vehicles">
                <For each={c().vehicles}>
                  {(v) => {
                    const onRecord = () => detailsOf(v.vin)
                    const line = () => detailLine(onRecord()?.details, onRecord()?.mileage)
                    return (
                      <li data-vin={v.vin}>
                        {v.year} {v.make} {v.model}
                        <Show when={line()}>
                          <span class="vehicle__details">{line()}</span>
                        </Show>
                        <Show when={v.vin}>
                          <span class="vin">VIN {v.vin}</span>
                        </Show>
                      </li>
                    )
                  }}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </section>
  )
}
