/**
 * The LiveKit credentials `POST /api/calls {channel: 'web'}` answered, carried from the start page to
 * the call's console (which joins with them once). A reload has none: the console asks for a fresh
 * token instead.
 */
import type { VoiceCredentials } from './types'

const waiting = new Map<string, VoiceCredentials>()

export function handOffVoiceCredentials(callId: string, credentials: VoiceCredentials): void {
  waiting.set(callId, credentials)
}

/** The credentials handed off for this call, once. */
export function takeVoiceCredentials(callId: string): VoiceCredentials | undefined {
  const credentials = waiting.get(callId)
  waiting.delete(callId)
  return credentials
}
