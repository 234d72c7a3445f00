/**
 * Voice messages: a customer's recorded message posted to a call (`POST /api/calls/:id/voice-messages`),
 * heard by STT, answered by the crew in the call's turn, and the reply spoken back by TTS. Both audios
 * are stored like recordings. Isomorphic: no Node built-ins, importable from workflows.
 */

/** The longest message taken (documented in docs/voice-messages.md): longer ones answer 413. */
export const MAX_VOICE_MESSAGE_SECONDS = 120
/** The largest body taken: 2 minutes of 16-bit 48 kHz stereo WAV fits; bigger ones answer 413. */
export const MAX_VOICE_MESSAGE_BYTES = 24 * 1024 * 1024

/** The containers taken, each with the codecs it may carry (anything else answers 415). */
export const VOICE_MESSAGE_FORMATS = {
  wav: { contentType: 'audio/wav', codecs: 'pcm' },
  ogg: { contentType: 'audio/ogg', codecs: 'opus' },
  webm: { contentType: 'audio/webm', codecs: 'opus' },
  mp3: { contentType: 'audio/mpeg', codecs: 'mp3' },
} as const
export type VoiceMessageFormat = keyof typeof VOICE_MESSAGE_FORMATS

/** The reply audio is always a 16-bit mono WAV, which every browser plays. */
export const VOICE_REPLY_CONTENT_TYPE = 'audio/wav'

export const VOICE_MESSAGE_STATUSES = ['processing', 'answered', 'failed'] as const
export type VoiceMessageStatus = (typeof VOICE_MESSAGE_STATUSES)[number]

/** What the crew says when STT heard no words (silence, noise, or speech the engine does not know). */
export const NOTHING_HEARD_REPLY =
  "Sorry, I couldn't make out any words in your voice message. Could you record it again, a little closer to the microphone, or type your message?"

/** The answer of `POST /api/calls/:id/voice-messages` (the same answer for the same idempotency key). */
export interface VoiceMessageResult {
  messageId: string
  /** What STT heard; '' when it heard nothing. */
  transcript: string
  /** The crew's reply; null when the crew had nothing to say (a human agent has the call). */
  reply: string | null
  /** Where the spoken reply is served; null when there is no reply. */
  replyAudioUrl: string | null
  /** Where the customer's own audio is served. */
  audioUrl: string
  /** The length of the customer's audio. */
  durationSeconds: number
  /** The number of the call's turn the message became; null when nothing was heard (no turn ran). */
  turn: number | null
}

/** One voice message of a call, as `GET /api/calls/:id/voice-messages` lists it. */
export interface VoiceMessage extends Omit<VoiceMessageResult, 'transcript' | 'reply'> {
  callId: string
  status: VoiceMessageStatus
  transcript: string | null
  reply: string | null
  createdAt: string
}

/** Where a call's voice message audio lives: the disk's folder or the bucket's key prefix. */
export const voiceMessagePrefix = (callId: string) => `voice-messages/${callId}/`
/** Message ids: `vm-` and 22 url-safe characters (a hash of the idempotency key, or random). */
export const VOICE_MESSAGE_ID = /^vm-[A-Za-z0-9_-]{22}$/
/** The two audio files of a message: the customer's (`<id>.<format>`) and the reply (`<id>-reply.wav`). */
export const VOICE_AUDIO_NAME = /^(vm-[A-Za-z0-9_-]{22})(?:\.(wav|ogg|webm|mp3)|-(reply)\.wav)$/
export const customerAudioName = (messageId: string, format: VoiceMessageFormat) => `${messageId}.${format}`
export const replyAudioName = (messageId: string) => `${messageId}-reply.wav`
export const voiceAudioUrl = (callId: string, name: string) =>
  `/api/calls/${callId}/voice-messages/audio/${name}`
