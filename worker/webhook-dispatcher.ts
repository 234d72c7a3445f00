/**
 * Starts the delivery workflows of outbox events. Events are committed with the change that caused
 * them (db/webhook-outbox.ts); this loop, in every worker process, sweeps the events not yet
 * dispatched (at start, then every `intervalMs`): it creates each event's deliveries and starts one
 * workflow per delivery, then marks the event dispatched. A crash anywhere in between only means
 * the next sweep does it again, and starting a delivery workflow twice is a no-op (its id is derived
 * from the event and the subscription), so several workers may sweep at once.
 */
import { WorkflowIdReusePolicy } from '@temporalio/common'
import { WorkflowExecutionAlreadyStartedError, type Client } from '@temporalio/client'
import type { Db } from '../db/client'
import { fanOutEvent, markDispatched, undispatchedEvents } from '../db/webhook-outbox'
import type { WebhookRetrySchedule } from '../domain/webhooks'
import type { Logger } from '../lib/logger'
import { webhookDeliveryWorkflowId } from '../workflows/webhook-definitions'
import type { webhookDeliveryWorkflow } from '../workflows/webhook-delivery-workflow'

export interface WebhookDispatcherOptions {
  db: Db
  client: Client
  taskQueue: string
  retry: WebhookRetrySchedule
  /** Time between sweeps when there was nothing to do. */
  intervalMs: number
  log: Logger
  batchSize?: number
}

export function startWebhookDispatcher(o: WebhookDispatcherOptions) {
  const batchSize = o.batchSize ?? 100
  let stopped = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<unknown> = Promise.resolve()

  const startDelivery = async (eventId: string, webhookId: string) => {
    try {
      await o.client.workflow.start<typeof webhookDeliveryWorkflow>('webhookDeliveryWorkflow', {
        workflowId: webhookDeliveryWorkflowId(eventId, webhookId),
        taskQueue: o.taskQueue,
        args: [{ eventId, webhookId, retry: o.retry }],
        // A delivery that finished is never sent again; one whose workflow was terminated may be.
        workflowIdReusePolicy: WorkflowIdReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
      })
    } catch (err) {
      if (!(err instanceof WorkflowExecutionAlreadyStartedError)) throw err
    }
  }

  /** Dispatches up to one batch; returns how many events it dispatched. */
  async function sweep(): Promise<number> {
    const events = await undispatchedEvents(o.db, batchSize)
    for (const event of events) {
      const webhookIds = await fanOutEvent(o.db, event.id)
      await Promise.all(webhookIds.map((webhookId) => startDelivery(event.id, webhookId)))
    }
    await markDispatched(
      o.db,
      events.map((e) => e.id),
    )
    return events.length
  }

  const loop = async () => {
    let full = false
    try {
      full = (await sweep()) === batchSize
    } catch (err) {
      if (!stopped) o.log.warn({ err }, 'webhook dispatch failed; the next sweep retries it')
    }
    if (!stopped) timer = setTimeout(() => (running = loop()), full ? 0 : o.intervalMs)
  }
  running = loop()

  return {
    /** Runs one sweep now (tests, and callers that just committed an event). */
    sweep,
    async stop() {
      stopped = true
      clearTimeout(timer)
      await running
    },
  }
}
