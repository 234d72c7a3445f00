/**
 * Signed webhooks (docs/webhooks.md): the events a dealership's systems can subscribe to, what each
 * carries, and the shapes of subscriptions and deliveries. Free of zod and of I/O so workflows may
 * import it; the API's zod schemas are built from these lists.
 */
import type { CallAnalysis } from './call-analysis'
import type { Channel, Task } from './call-state'

export const WEBHOOK_EVENT_TYPES = [
  'call.ended',
  'call.analyzed',
  'appointment.booked',
  'appointment.rescheduled',
  'appointment.cancelled',
  'escalation.created',
  'escalation.accepted',
  'callback.due',
] as const
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number]

export function isWebhookEventType(value: string): value is WebhookEventType {
  return (WEBHOOK_EVENT_TYPES as readonly string[]).includes(value)
}

/** An appointment as webhook receivers see it. Dates and times are dealership-local. */
export interface WebhookAppointment {
  appointmentId: number
  appointmentType: 'service' | 'test_drive'
  status: 'scheduled' | 'cancelled' | 'completed' | 'no_show'
  /** YYYY-MM-DD and HH:MM in the dealership's time zone. */
  date: string
  time: string
  durationMinutes: number
  serviceType: string | null
  vehicleDescription: string | null
  customer: { customerId: number | null; name: string; phone: string; email: string | null }
  /** The call that booked (or changed) it, if a call did. */
  callId: string | null
}

/** A task (escalation or callback) as webhook receivers see it. */
export type WebhookTask = Pick<Task, 'taskId' | 'taskType' | 'status'> & {
  callId: string
  reason: string | null
  humanAgent: { id: number; name: string | null } | null
  /** ISO 8601, for callbacks. */
  callbackScheduled: string | null
}

/** What each event carries in its `data`. */
export interface WebhookEventData {
  'call.ended': {
    callId: string
    channel: Channel
    startedAt: string
    endedAt: string
    durationSeconds: number
    turnCount: number
    intent: string | null
    customer: { customerId: number | null; name: string | null; phone: string | null }
    /** The appointment the call booked or changed, if any. */
    appointmentId: number | null
    /** Why it ended ("the customer said goodbye", "no activity (idle timeout)", ...). */
    reason: string | null
  }
  'call.analyzed': { callId: string; analysis: CallAnalysis }
  'appointment.booked': { appointment: WebhookAppointment }
  'appointment.rescheduled': {
    appointment: WebhookAppointment
    previous: { date: string; time: string }
  }
  'appointment.cancelled': { appointment: WebhookAppointment }
  'escalation.created': { task: WebhookTask }
  'escalation.accepted': { task: WebhookTask }
  'callback.due': { task: WebhookTask }
}

/** One event for the outbox: written in the transaction of the change that caused it. */
export type NewWebhookEvent = {
  [T in WebhookEventType]: {
    type: T
    /** Names the change: the same key twice (a retried activity) writes one event. */
    dedupeKey: string
    data: WebhookEventData[T]
  }
}[WebhookEventType]

/** The JSON body POSTed to a receiver (Standard Webhooks' recommended `{type, timestamp, data}`). */
export interface WebhookPayload<T extends WebhookEventType = WebhookEventType> {
  type: T
  /** When the event happened (ISO 8601). */
  timestamp: string
  data: WebhookEventData[T]
}

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]

/** A subscription as the API shows it (never with its secret). */
export interface Webhook {
  webhookId: string
  url: string
  events: WebhookEventType[]
  description: string | null
  createdAt: string
}

/** One attempt to deliver an event to a subscription. */
export interface DeliveryAttempt {
  attempt: number
  at: string
  /** The receiver's HTTP status, or null when no answer came (refused, timeout, DNS). */
  httpStatus: number | null
  error: string | null
  durationMs: number
}

/** The delivery of one event to one subscription, as `GET /api/webhooks/:id/deliveries` lists it. */
export interface WebhookDelivery {
  /** The event's stable id: the `webhook-id` header, the same on every attempt. */
  eventId: string
  type: WebhookEventType
  status: DeliveryStatus
  attempts: number
  lastHttpStatus: number | null
  lastError: string | null
  createdAt: string
  lastAttemptAt: string | null
  deliveredAt: string | null
  /** The latest attempts, newest first (at most 10). */
  recentAttempts: DeliveryAttempt[]
}

/**
 * How a delivery is retried: exponential backoff from `initialIntervalMs`, doubling up to
 * `maximumIntervalMs`, until `retryForMs` after the first attempt; each POST waits `timeoutMs`.
 */
export interface WebhookRetrySchedule {
  initialIntervalMs: number
  maximumIntervalMs: number
  retryForMs: number
  timeoutMs: number
}

/** Production schedule: 5 s, 10 s, 20 s ... capped at 1 h between attempts, for 24 h; 10 s per POST. */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetrySchedule = {
  initialIntervalMs: 5_000,
  maximumIntervalMs: 60 * 60_000,
  retryForMs: 24 * 60 * 60_000,
  timeoutMs: 10_000,
}
