/**
 * The `data` of webhook events, built from the rows the change wrote, so every writer of an event
 * describes it the same way (domain/webhooks.ts has the shapes).
 */
import type { CompactCallState } from '../domain/call-state'
import type { WebhookAppointment, WebhookEventData, WebhookTask } from '../domain/webhooks'
import type { BookedAppointment } from './appointments'
import type { escalationTasks } from './schema'

export function webhookAppointment(a: BookedAppointment): WebhookAppointment {
  return {
    appointmentId: a.id,
    appointmentType: a.appointmentType,
    status: a.status,
    date: a.date,
    time: a.time,
    durationMinutes: a.durationMinutes,
    serviceType: a.serviceType,
    vehicleDescription: a.vehicleDescription,
    customer: {
      customerId: a.customerId,
      name: a.customerName,
      phone: a.customerPhone,
      email: a.customerEmail,
    },
    callId: a.callId,
  }
}

export function webhookTask(
  row: typeof escalationTasks.$inferSelect,
  humanAgentName: string | null = null,
): WebhookTask {
  return {
    taskId: row.taskId,
    taskType: row.taskType,
    status: row.status,
    callId: row.callId,
    reason: row.reason,
    humanAgent: row.humanAgentId === null ? null : { id: row.humanAgentId, name: humanAgentName },
    callbackScheduled: row.callbackScheduled?.toISOString() ?? null,
  }
}

export function callEndedData(
  state: CompactCallState,
  reason: string | null,
): WebhookEventData['call.ended'] {
  const endedAt = state.endedAt ?? new Date().toISOString()
  return {
    callId: state.callId,
    channel: state.channel,
    startedAt: state.startedAt,
    endedAt,
    durationSeconds: Math.max(0, Math.round((Date.parse(endedAt) - Date.parse(state.startedAt)) / 1000)),
    turnCount: state.turnCount,
    intent: state.intent,
    customer: {
      customerId: state.customer?.customerId ?? null,
      name: state.customer?.name ?? state.booking.customerName ?? null,
      phone: state.customer?.phone ?? state.booking.customerPhone ?? null,
    },
    appointmentId: state.booking.appointmentId ?? null,
    reason,
  }
}
