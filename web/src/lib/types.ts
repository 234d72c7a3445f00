/** The API's shapes, from domain/ (types only: nothing of zod reaches the bundle). */
import type { Task, TranscriptEntry } from '../../../domain/call-state'

export type {
  AgentName,
  Booking,
  CallState,
  CallStatus,
  Customer,
  Intent,
  Task,
  PhoneLeg,
  PhoneStatus,
  TranscriptEntry,
} from '../../../domain/call-state'
export type { CallEvent, CallStatusChange, CallUpdate } from '../../../domain/call-events'
export type { Recording, RecordingList } from '../../../domain/recordings'
export type { CallAnalysis } from '../../../domain/call-analysis'
export type { VoiceMessage, VoiceMessageResult } from '../../../domain/voice-messages'
export type { AgentState } from '../../../domain/voice'
export type { ToolCall } from '../../../domain/tool-calls'
export type { DecodedVehicle, VehicleDetails } from '../../../domain/vehicle'
export type { AnalyticsPoint, AnalyticsReport, AnalyticsTotals } from '../../../domain/analytics'
export type { CallOutcome, SentimentFilter } from '../../../domain/call-analysis'

/** What joining a call's LiveKit room takes (POST /api/calls for web calls, /api/voice/token, listen-in). */
export interface VoiceCredentials {
  url: string
  room: string
  token: string
}

export type { CallSummary, SearchHit } from '../../../domain/call-summary'

/** A row of GET /api/escalations and the queue stream. */
export interface TaskView extends Task {
  callId: string
  humanAgentId?: number
  createdAt: string
}

export interface HumanAgent {
  id: number
  name: string
  role?: string
  available: boolean
}

export interface AppConfig {
  version: string
  temporalUi: { url: string; namespace: string } | null
  /** The dealership's time zone and its date (YYYY-MM-DD) when the config was read. */
  timeZone?: string
  today?: string
}

/** A row of GET /api/appointments. */
export interface Appointment {
  id: number
  appointmentType: 'service' | 'test_drive'
  status: 'scheduled' | 'cancelled' | 'completed' | 'no_show'
  customerName: string
  customerPhone: string
  serviceType: string | null
  vehicleDescription: string | null
  date: string
  time: string
  durationMinutes: number
  callId: string | null
}

export type Transcript = TranscriptEntry[]
