import { For, Show } from 'solid-js'
import type { Customer } from '../lib/types'

/** Who is calling, when the crew recognised them (by phone number), and their vehicles. */
export function CustomerCard(props: { customer: Customer | null }) {
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
                  {(v) => (
                    <li>
                      {v.year} {v.make} {v.model}
                      <Show when={v.vin}>
                        <span class="vin">VIN {v.vin}</span>
                      </Show>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          </>
        )}
      </Show>
    </section>
  )
}
