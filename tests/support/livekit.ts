/** The test run's LiveKit dev server (tests/global-setup.ts): pitcrew's voice service on it, and rooms. */
import { AudioSource, LocalAudioTrack, Room, TrackPublishOptions, TrackSource } from '@livekit/rtc-node'
import { inject } from 'vitest'
import { createVoiceService } from '../../lib/livekit-voice'
import { DEV_API_KEY, DEV_API_SECRET } from '../../scripts/livekit/dev-server'

/**
 * The API's voice service on the run's LiveKit server. Test files run in parallel on that one server:
 * each stack dispatches to its own `agentName`, so its calls never reach another file's worker.
 */
export const testVoiceService = (o: { agentName?: string; sipTrunkId?: string } = {}) =>
  createVoiceService({ url: inject('livekitUrl'), apiKey: DEV_API_KEY, apiSecret: DEV_API_SECRET, ...o })

/** Joins a room with `token`; the caller disconnects it. */
export async function joinRoom(url: string, token: string): Promise<Room> {
  const room = new Room()
  await room.connect(url, token, { autoSubscribe: true, dynacast: false })
  return room
}

/**
 * Publishes a microphone-like track fed by the returned source (48 kHz mono). A short `queueMs`
 * makes `captureFrame` resolve about when the frame is sent, as a live microphone would.
 */
export async function publishMicrophone(room: Room, sampleRate = 48_000, queueMs = 1000) {
  const source = new AudioSource(sampleRate, 1, queueMs)
  const track = LocalAudioTrack.createAudioTrack('microphone', source)
  const options = new TrackPublishOptions({ source: TrackSource.SOURCE_MICROPHONE })
  const publication = await room.localParticipant!.publishTrack(track, options)
  return { source, track, publication }
}

/** The claims of a JWT, unverified (the server is what verifies them). */
export function jwtClaims(token: string): Record<string, unknown> {
  const payload = token.split('.')[1] ?? ''
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>
}

/** The same token with its claims changed and the original signature kept: a forgery. */
export function forgeClaims(token: string, change: (claims: Record<string, unknown>) => void): string {
  const [header, , signature] = token.split('.')
  const claims = jwtClaims(token)
  change(claims)
  return [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.')
}
