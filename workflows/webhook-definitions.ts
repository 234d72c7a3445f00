/** The webhook delivery workflow's input and id, shared by the workflow and the dispatcher that starts it. */
import type { WebhookRetrySchedule } from '../domain/webhooks'

export interface WebhookDeliveryInput {
  eventId: string
  webhookId: string
  retry: WebhookRetrySchedule
}

/** One workflow per (event, subscription): starting it again for the same pair is a no-op. */
export function webhookDeliveryWorkflowId(eventId: string, webhookId: string): string {
  return `webhook-delivery:${eventId}:${webhookId}`
}
