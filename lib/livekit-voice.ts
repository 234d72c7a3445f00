/**
 * What the API does with LiveKit: room-scoped tokens, dispatching the voice agent to a call's room,
 * dialing out through SIP, and a health probe. Rooms are named after calls (domain/voice.ts).
 */
import { AccessToken, AgentDispatchClient, RoomServiceClient, SipClient } from 'livekit-server-sdk'
import { roomOfCall, VOICE_AGENT_NAME, type VoiceDispatchMetadata } from '../domain/voice'

/** Short: a token only has to last until the browser joins; LiveKit refreshes it for a joined client. */
export const VOICE_TOKEN_TTL_SECONDS = 10 * 60

export interface LivekitSettings {
  /** WebSocket URL that clients (browsers, phones' SIP bridge, the worker) connect to. */
  url: string
  apiKey: string
  apiSecret: string
  /** Outbound SIP trunk; without it phone calls are not configured. */
  sipTrunkId?: string
  /** The voice worker's agent name. Default {@link VOICE_AGENT_NAME}. */
  agentName?: string
}

export interface VoiceService {
  url: string
  sipTrunkId?: string
  /** A token that can join only this call's room, as its caller. */
  callerToken(callId: string, identity: string): Promise<string>
  /** A token for a hidden participant that can listen to this call's room and never publish. */
  listenerToken(callId: string, identity: string): Promise<string>
  /** Sends the voice agent into the call's room (explicit dispatch: the worker takes no other rooms). */
  dispatchAgent(callId: string): Promise<void>
  /** Dials `to` through the SIP trunk into the call's room. */
  dialPhone(callId: string, to: string): Promise<void>
  /** Resolves when the LiveKit server answers its API; throws saying why not. */
  check(): Promise<void>
}

export function createVoiceService(s: LivekitSettings): VoiceService {
  const httpUrl = s.url.replace(/^ws/, 'http')
  const dispatch = new AgentDispatchClient(httpUrl, s.apiKey, s.apiSecret)
  const rooms = new RoomServiceClient(httpUrl, s.apiKey, s.apiSecret)
  const token = (identity: string, grant: ConstructorParameters<typeof AccessToken>[2]) =>
    new AccessToken(s.apiKey, s.apiSecret, { ...grant, identity, ttl: VOICE_TOKEN_TTL_SECONDS })
  return {
    url: s.url,
    sipTrunkId: s.sipTrunkId,
    async callerToken(callId, identity) {
      const at = token(identity, {})
      at.addGrant({ room: roomOfCall(callId), roomJoin: true, canPublish: true, canSubscribe: true })
      return at.toJwt()
    },
    async listenerToken(callId, identity) {
      const at = token(identity, {})
      at.addGrant({
        room: roomOfCall(callId),
        roomJoin: true,
        hidden: true,
        canPublish: false,
        canPublishData: false,
        canSubscribe: true,
      })
      return at.toJwt()
    },
    async dispatchAgent(callId) {
      const metadata: VoiceDispatchMetadata = { callId }
      await dispatch.createDispatch(roomOfCall(callId), s.agentName ?? VOICE_AGENT_NAME, {
        metadata: JSON.stringify(metadata),
      })
    },
    async dialPhone(callId, to) {
      if (!s.sipTrunkId) throw new Error('no SIP trunk configured')
      await new SipClient(httpUrl, s.apiKey, s.apiSecret).createSipParticipant(
        s.sipTrunkId,
        to,
        roomOfCall(callId),
        { participantIdentity: `phone-${callId}`, participantName: to },
      )
    },
    async check() {
      await rooms.listRooms([])
    },
  }
}
