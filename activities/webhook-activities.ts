/**
 * The activities of webhook delivery: one signed POST per attempt, recorded whatever its result,
 * and giving a delivery up when its retry schedule has run out.
 */
import { ApplicationFailure, Context } from '@temporalio/activity'
import { deliveryToMake, markDeliveryFailed, recordAttempt } from '../db/webhooks'
import { sendWebhook } from '../lib/webhook-sender'
import type { ActivityDeps } from '.'

export function createWebhookActivities(deps: ActivityDeps) {
  return {
    /**
     * POSTs the event to the subscription; 'delivered' on a 2xx, 'gone' when the subscription was
     * deleted (or the delivery settled by another run); anything else throws, so Temporal retries.
     */
    async deliverWebhook(input: {
      eventId: string
      webhookId: string
      timeoutMs: number
    }): Promise<'delivered' | 'gone'> {
      const { eventId, webhookId } = input
      const delivery = await deliveryToMake(deps.db, eventId, webhookId)
      if (!delivery || delivery.status === 'failed') return 'gone'
      if (delivery.status === 'delivered') return 'delivered'
      const attempt = Context.current().info.attempt
      const result = await sendWebhook({
        url: delivery.url,
        secret: delivery.secret,
        eventId,
        payload: delivery.payload,
        timeoutMs: input.timeoutMs,
        allowPrivate: deps.webhooks?.allowPrivate ?? false,
      })
      const delivered = result.error === null
      await recordAttempt(deps.db, { eventId, webhookId, attempt, ...result, delivered })
      if (delivered) return 'delivered'
      deps.log.debug({ eventId, webhookId, attempt, error: result.error }, 'webhook not delivered')
      throw ApplicationFailure.retryable(result.error ?? 'not delivered', 'WebhookNotDelivered')
    },

    async giveUpWebhookDelivery(input: { eventId: string; webhookId: string }) {
      await markDeliveryFailed(deps.db, input.eventId, input.webhookId)
    },
  }
}
