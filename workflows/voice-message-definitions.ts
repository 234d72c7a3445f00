/** What starts a voice message workflow: the API after it stored the customer's audio. */
import type { VoiceMessageFormat } from '../domain/voice-messages'

export interface VoiceMessageInput {
  callId: string
  messageId: string
  /** The container of the stored audio (its file is `<messageId>.<format>`). */
  format: VoiceMessageFormat
  durationSeconds: number
}

/** One workflow per message: the id makes a repeated idempotency key find the first one. */
export const voiceMessageWorkflowId = (messageId: string) => `voice-message-${messageId}`

/** The failure type of a message the call did not take (it has ended, ...): the API answers 409. */
export const CALL_REFUSED_MESSAGE = 'CallRefusedMessage'
