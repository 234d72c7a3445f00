/**
 * The state of a call, exactly as CONTRACT.md names it. The call workflow owns it; the API returns
 * it; SSE `state` events carry it; the dashboard renders it.
 */
import { z } from 'zod'

export const AGENT_NAMES = ['router', 'faq', 'booking', 'escalation', 'response', 'human'] as const
export const AgentName = z.enum(AGENT_NAMES)
export type AgentName = z.infer<typeof AgentName>

export const INTENTS = [
  'faq',
  'book_service',
  'book_test_drive',
  'reschedule',
  'cancel',
  'escalation',
  'greeting',
  'goodbye',
  'general',
] as const
export const Intent = z.enum(INTENTS)
export type Intent = z.infer<typeof Intent>

export const CHANNELS = ['chat', 'web', 'phone'] as const
export const Channel = z.enum(CHANNELS)
export type Channel = z.infer<typeof Channel>

export const CALL_STATUSES = ['active', 'escalated', 'ended'] as const
export const CallStatus = z.enum(CALL_STATUSES)
export type CallStatus = z.infer<typeof CallStatus>

export const Vehicle = z.object({
  year: z.number().int(),
  make: z.string(),
  model: z.string(),
  vin: z.string().optional(),
})
export type Vehicle = z.infer<typeof Vehicle>

export const Customer = z.object({
  customerId: z.number().int().optional(),
  name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  vehicles: z.array(Vehicle),
})
export type Customer = z.infer<typeof Customer>

export const BOOKING_STATUSES = ['collecting', 'awaiting_confirmation', 'confirmed', 'cancelled'] as const
export const Booking = z.object({
  appointmentType: z.enum(['service', 'test_drive']).optional(),
  serviceType: z.string().optional(),
  vehicleInterest: z.string().optional(),
  preferredDate: z.string().optional(),
  preferredTime: z.string().optional(),
  customerName: z.string().optional(),
  customerPhone: z.string().optional(),
  customerEmail: z.string().optional(),
  status: z.enum(BOOKING_STATUSES),
  appointmentId: z.number().int().optional(),
})
export type Booking = z.infer<typeof Booking>

export const TASK_STATUSES = ['pending', 'running', 'completed', 'failed'] as const
export const Task = z.object({
  taskId: z.string(),
  taskType: z.enum(['escalation', 'callback']),
  status: z.enum(TASK_STATUSES),
  humanAgentName: z.string().optional(),
  callbackScheduled: z.string().optional(),
  reason: z.string().optional(),
  /** Addition: the human the task is being offered to right now, while it is pending. */
  offeredTo: z.string().optional(),
  /** Addition: how it ended, e.g. 'resolved', 'callback_scheduled', 'no_answer'. */
  outcome: z.string().optional(),
})
export type Task = z.infer<typeof Task>

export const TRANSCRIPT_ROLES = ['user', 'agent', 'human', 'system'] as const
export const TranscriptEntry = z.object({
  seq: z.number().int(),
  role: z.enum(TRANSCRIPT_ROLES),
  text: z.string(),
  agent: AgentName.optional(),
  /** Addition: the turn that wrote the line (its message or its reply); absent for the greeting and notices. */
  turn: z.number().int().optional(),
  at: z.string(),
})
export type TranscriptEntry = z.infer<typeof TranscriptEntry>

/**
 * How an outbound phone call is going (an addition to CONTRACT.md's state; `call_status` SSE events
 * carry it too). `dialing` and `ringing` repeat for each attempt; `no-answer`, `busy` and `failed`
 * are followed by another attempt until the attempts run out.
 */
export const PHONE_STATUSES = [
  'dialing',
  'ringing',
  'answered',
  'no-answer',
  'busy',
  'completed',
  'failed',
] as const
export const PhoneStatus = z.enum(PHONE_STATUSES)
export type PhoneStatus = z.infer<typeof PhoneStatus>

export const PhoneLeg = z.object({
  /** The number dialed, E.164. */
  to: z.string(),
  /** Why pitcrew is calling (said in the greeting), e.g. "your callback about brakes". */
  purpose: z.string().optional(),
  status: PhoneStatus,
  /** Attempts made so far (the current one included) and allowed in all. */
  attempt: z.number().int(),
  maxAttempts: z.number().int(),
  /** Why the last attempt did not connect, in words (e.g. "busy (SIP 486)"). */
  detail: z.string().optional(),
})
export type PhoneLeg = z.infer<typeof PhoneLeg>

export const CallState = z.object({
  callId: z.string(),
  channel: Channel,
  status: CallStatus,
  startedAt: z.string(),
  endedAt: z.string().optional(),
  currentAgent: AgentName,
  intent: Intent.nullable(),
  confidence: z.number().min(0).max(1),
  customer: Customer.nullable(),
  booking: Booking,
  tasks: z.array(Task),
  transcript: z.array(TranscriptEntry),
  turnCount: z.number().int(),
  /** Addition: outbound phone calls only. */
  phone: PhoneLeg.optional(),
})
export type CallState = z.infer<typeof CallState>

/** What the agent asked last, so a bare answer ("Thursday", "yes", "Jane Doe") can be understood. */
export const EXPECTATIONS = [
  'appointment_type',
  'service_type',
  'vehicle',
  'date',
  'time',
  'name',
  'phone',
  'email',
  'confirmation',
  'slot_choice',
  /** The caller was asked for their car's VIN. */
  'vin',
  /** A decoded VIN was read back: "is that your car?" */
  'vin_confirmation',
] as const
export type Expectation = (typeof EXPECTATIONS)[number] | null

/**
 * Conversation memory beyond CONTRACT.md's fields (an addition the contract allows): what was
 * asked, which times were offered, which appointment a reschedule or cancel is about.
 */
export const Dialog = z.object({
  expecting: z.enum(EXPECTATIONS).nullable(),
  offered: z.array(z.object({ date: z.string(), time: z.string() })),
  /** Turns in a row the crew could not help with; two of them escalate. */
  failedTurns: z.number().int(),
  pendingAction: z.enum(['book', 'reschedule', 'cancel']).nullable(),
  /** "Tomorrow morning": the part of the day the customer wants, until a time is chosen. */
  timeOfDay: z.enum(['morning', 'afternoon', 'evening']).optional(),
  targetAppointmentId: z.number().int().optional(),
  /** The decoded VIN read back to the caller, until they say it is (or is not) their car. */
  vinCandidate: z.object({ vin: z.string(), description: z.string() }).optional(),
})
export type Dialog = z.infer<typeof Dialog>

/** CallState without the transcript: what the workflow keeps and activities pass around. */
export type CompactCallState = Omit<CallState, 'transcript'> & { dialog: Dialog }

export { MAX_MESSAGE_CHARS, newCallState } from './new-call'

/** The public CallState: the compact state plus its transcript. */
export function withTranscript(
  state: CompactCallState,
  transcript: TranscriptEntry[],
): CallState & { dialog: Dialog } {
  return { ...state, transcript }
}
