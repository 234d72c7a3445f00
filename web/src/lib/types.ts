/** The API's shapes, from domain/ (types only: nothing of zod reaches the bundle). */
import type { CallState, CallStatus, Intent, Task, TranscriptEntry } from '../../../domain/call-state'

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

/** What joining a call's LiveKit room takes (POST /api/calls for web calls, /api/voice/token, listen-in). */
export interface VoiceCredentials {
  url: string
  room: string
  token: string
}

/** A row of GET /api/calls. */
export interface CallSummary {
  callId: string
  channel: CallState['channel']
  status: CallStatus
  customerPhone: string | null
  customerName: string | null
  intent: Intent | null
  currentAgent: CallState['currentAgent']
  turnCount: number
  startedAt: string
  endedAt: string | null
}

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
}

export type Transcript = TranscriptEntry[]
