/** Names the API and the voice worker share about voice calls. Isomorphic: imports only zod. */
import { z } from 'zod'

/**
 * The default name the voice worker registers under; the API dispatches it explicitly to each voice
 * call. VOICE_AGENT_NAME changes it, so pitcrews (or test runs) can share one LiveKit server.
 */
export const VOICE_AGENT_NAME = 'pitcrew-voice'

/** A voice call's LiveKit room is named after the call, so either id leads to the other. */
export const roomOfCall = (callId: string): string => callId

/** The participant a phone call's callee is in the room (LiveKit SIP joins them under this identity). */
export const phoneParticipantOf = (callId: string): string => `phone-${callId}`

/** LiveKit SIP's participant attribute with the call's progress; `active` means answered. */
export const SIP_CALL_STATUS_ATTRIBUTE = 'sip.callStatus'

/** What the voice agent is doing, as SSE `agent_state` events carry it. */
export const AGENT_STATES = ['listening', 'thinking', 'speaking'] as const
export const AgentState = z.enum(AGENT_STATES)
export type AgentState = z.infer<typeof AgentState>

/** Metadata of the agent dispatch: which call the room belongs to. */
export const VoiceDispatchMetadata = z.object({ callId: z.string().min(1) })
export type VoiceDispatchMetadata = z.infer<typeof VoiceDispatchMetadata>
