/** The voice part of starting a call: is the channel configured, then the web caller's room. */
import { randomUUID } from 'node:crypto'
import type { Client } from '@temporalio/client'
import type { Channel } from '../../domain/call-state'
import { roomOfCall } from '../../domain/voice'
import { endCallSignal } from '../../workflows/call-definitions'
import type { ApiDeps } from '../context'
import { ApiError } from '../errors'
import type { VoiceService } from '../../lib/livekit-voice'

/** The voice service for a web or phone call; a 400 `not_configured` saying what is missing. */
export function voiceFor(deps: ApiDeps, body: { channel: Channel }): VoiceService {
  const what = body.channel === 'phone' ? 'Phone calls' : 'Browser voice calls'
  if (!deps.voice) {
    throw new ApiError(
      400,
      'not_configured',
      `${what} are not available: voice is off on this server (VOICE=off, or no LiveKit server); use channel "chat"`,
    )
  }
  if (body.channel === 'phone' && !deps.voice.sipTrunkId) {
    throw new ApiError(
      400,
      'not_configured',
      'Phone calls are not configured: set LIVEKIT_SIP_TRUNK_ID to an outbound SIP trunk of your LiveKit server',
    )
  }
  return deps.voice
}

/**
 * Sends the voice agent into a new web call's room and returns what a browser needs to join it. When
 * LiveKit refuses, the call is ended (not left open with nobody to carry it) and the client gets 503.
 * (Phone calls are dispatched and dialed by their workflow: see workflows/phone-dialing.ts.)
 */
export async function connectVoice(
  client: Client,
  voice: VoiceService,
  callId: string,
): Promise<{ url: string; room: string; token: string }> {
  try {
    await voice.dispatchAgent(callId)
    const token = await voice.callerToken(callId, `caller-${randomUUID().slice(0, 8)}`)
    return { url: voice.url, room: roomOfCall(callId), token }
  } catch (err) {
    await client.workflow
      .getHandle(callId)
      .signal(endCallSignal, { reason: 'the voice server did not take the call' })
      .catch(() => undefined)
    throw new ApiError(
      503,
      'unavailable',
      `The voice server did not take the call: ${(err as Error).message}`,
    )
  }
}
