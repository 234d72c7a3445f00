/**
 * Delivers one webhook event to one subscription: the activity POSTs it (signed) and throws on
 * anything but a 2xx, and Temporal retries it with exponential backoff until the schedule's
 * `retryForMs` (24 h by default) runs out; then the delivery is marked failed. Every attempt is
 * recorded by the activity, so GET /api/webhooks/:id/deliveries shows them as they happen.
 */
import { ActivityFailure, proxyActivities } from '@temporalio/workflow'
import type { Activities } from '../activities'
import type { WebhookDeliveryInput } from './webhook-definitions'

export async function webhookDeliveryWorkflow(
  input: WebhookDeliveryInput,
): Promise<'delivered' | 'failed' | 'gone'> {
  const { retry } = input
  const { deliverWebhook } = proxyActivities<Activities>({
    // The POST's own timeout plus time to record the attempt.
    startToCloseTimeout: retry.timeoutMs + 10_000,
    scheduleToCloseTimeout: retry.retryForMs,
    retry: {
      initialInterval: retry.initialIntervalMs,
      backoffCoefficient: 2,
      maximumInterval: retry.maximumIntervalMs,
    },
  })
  const { giveUpWebhookDelivery } = proxyActivities<Activities>({
    startToCloseTimeout: '20 seconds',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  })
  const { eventId, webhookId } = input
  try {
    return await deliverWebhook({ eventId, webhookId, timeoutMs: retry.timeoutMs })
  } catch (err) {
    if (!(err instanceof ActivityFailure)) throw err
    await giveUpWebhookDelivery({ eventId, webhookId })
    return 'failed'
  }
}
