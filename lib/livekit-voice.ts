/**
 * What the API does with LiveKit: room-scoped tokens, dispatching the voice agent to a call's room,
 * dialing out through SIP, and a health probe. Rooms are named after calls (domain/voice.ts).
 */
import {
  AccessToken,
  RoomAgentDispatch,
  RoomServiceClient,
  SipCallError,
  SipClient,
} from 'livekit-server-sdk'
import { outcomeOfSipStatus, type DialOutcome } from '../domain/phone-call'
import {
  phoneParticipantOf,
  roomOfCall,
  SIP_CALL_STATUS_ATTRIBUTE,
  VOICE_AGENT_NAME,
  type VoiceDispatchMetadata,
} from '../domain/voice'

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

export interface DialOptions {
  /** How long the phone may ring before the attempt counts as no answer. */
  ringingTimeoutSeconds: number
  /** Called once when the callee's phone starts ringing. */
  onRinging?: () => void
  /** Aborting hangs the attempt up. */
  signal?: AbortSignal
}

/** How often a dial attempt looks at the SIP participant to notice ringing. */
const RINGING_POLL_MS = 500

export interface VoiceService {
  url: string
  sipTrunkId?: string
  /** A token that can join only this call's room, as its caller. */
  callerToken(callId: string, identity: string): Promise<string>
  /** A token for a hidden participant that can listen to this call's room and never publish. */
  listenerToken(callId: string, identity: string): Promise<string>
  /**
   * Sends the voice agent into the call's room (explicit dispatch: the worker takes no other rooms),
   * once: calling it again for the same call sends no second agent, so it is safe to retry.
   */
  dispatchAgent(callId: string): Promise<void>
  /**
   * Dials `to` through the SIP trunk into the call's room and resolves when the call is answered or
   * the attempt is over. Throws only when LiveKit itself could not be asked (worth retrying).
   */
  dialPhone(callId: string, to: string, options: DialOptions): Promise<DialOutcome>
  /** Ends the room of a call: everyone in it (caller, agent, listeners) is disconnected. */
  closeRoom(callId: string): Promise<void>
  /** Resolves when the LiveKit server answers its API; throws saying why not. */
  check(): Promise<void>
}

/** The configured LiveKit server (LIVEKIT_URL, _API_KEY, _API_SECRET), or undefined if any is missing. */
export function configuredLivekit(livekit: Partial<LivekitSettings>): LivekitSettings | undefined {
  const { url, apiKey, apiSecret } = livekit
  return url && apiKey && apiSecret ? { ...livekit, url, apiKey, apiSecret } : undefined
}

export function createVoiceService(s: LivekitSettings): VoiceService {
  const httpUrl = s.url.replace(/^ws/, 'http')
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
      // A room created with an agent dispatch sends the agent once, when the room is created;
      // creating an existing room changes nothing, so a retried activity never sends a second agent.
      const metadata: VoiceDispatchMetadata = { callId }
      await rooms.createRoom({
        name: roomOfCall(callId),
        agents: [
          new RoomAgentDispatch({
            agentName: s.agentName ?? VOICE_AGENT_NAME,
            metadata: JSON.stringify(metadata),
          }),
        ],
      })
    },
    async dialPhone(callId, to, options) {
      if (!s.sipTrunkId) return { result: 'failed', detail: 'no SIP trunk configured (LIVEKIT_SIP_TRUNK_ID)' }
      const room = roomOfCall(callId)
      const identity = phoneParticipantOf(callId)
      const hangUp = () => void rooms.removeParticipant(room, identity).catch(() => undefined)
      options.signal?.addEventListener('abort', hangUp, { once: true })
      let ringing = false
      const watchForRinging = setInterval(() => {
        rooms
          .getParticipant(room, identity)
          .then((p) => {
            if (ringing || p.attributes[SIP_CALL_STATUS_ATTRIBUTE] !== 'ringing') return
            ringing = true
            options.onRinging?.()
          })
          .catch(() => undefined)
      }, RINGING_POLL_MS)
      try {
        await new SipClient(httpUrl, s.apiKey, s.apiSecret).createSipParticipant(s.sipTrunkId, to, room, {
          participantIdentity: identity,
          participantName: to,
          ringingTimeout: options.ringingTimeoutSeconds,
          waitUntilAnswered: true,
          timeout: options.ringingTimeoutSeconds + 15,
        })
        return { result: 'answered' }
      } catch (err) {
        if (err instanceof SipCallError) return outcomeOfSipStatus(err.sipStatusCode, err.message)
        throw err
      } finally {
        clearInterval(watchForRinging)
        options.signal?.removeEventListener('abort', hangUp)
      }
    },
    async closeRoom(callId) {
      await rooms.deleteRoom(roomOfCall(callId)).catch((err: Error) => {
        // A room nobody joined (or already gone) is as closed as it gets.
        if (!/not found|does not exist/i.test(err.message)) throw err
      })
    },
    async check() {
      await rooms.listRooms([])
    },
  }
}
