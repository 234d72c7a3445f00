/**
 * A voice worker that starts takes over the voice calls whose agent is gone (its worker was killed):
 * LiveKit does not hand an explicit dispatch to another worker by itself, so this one looks for rooms
 * of live calls with a caller and no agent, and dispatches itself there. The call's state lives in
 * the workflow, so the conversation continues where it was.
 */
import { AgentDispatchClient, RoomServiceClient } from 'livekit-server-sdk'
import type { VoiceDispatchMetadata } from '../domain/voice'
import type { PitcrewClient } from './pitcrew-client'

/** ParticipantInfo_Kind.AGENT of @livekit/protocol (not re-exported by livekit-server-sdk). */
const AGENT_KIND = 4
/**
 * A new call's agent takes a few seconds to join; a room is only taken over once it is older than
 * this and was agentless on two looks in a row, so a call is never given a second agent.
 */
const MIN_ROOM_AGE_S = 30

export interface RejoinOptions {
  livekit: { url: string; apiKey: string; apiSecret: string }
  agentName: string
  pitcrew: PitcrewClient
  log: (message: string) => void
  /** A killed worker's agent lingers in its room until its job process notices (~15 s): keep looking. */
  attempts?: number
  everyMs?: number
}

export async function rejoinOrphanedCalls(o: RejoinOptions): Promise<void> {
  const httpUrl = o.livekit.url.replace(/^ws/, 'http')
  const rooms = new RoomServiceClient(httpUrl, o.livekit.apiKey, o.livekit.apiSecret)
  const dispatch = new AgentDispatchClient(httpUrl, o.livekit.apiKey, o.livekit.apiSecret)
  const taken = new Set<string>()
  let agentlessBefore = new Set<string>()
  for (let attempt = 0; attempt < (o.attempts ?? 12); attempt++) {
    const agentless = new Set<string>()
    for (const room of await rooms.listRooms().catch(() => [])) {
      if (taken.has(room.name)) continue
      if (Date.now() / 1000 - Number(room.creationTime) < MIN_ROOM_AGE_S) continue
      const people = await rooms.listParticipants(room.name).catch(() => [])
      if (people.length === 0 || people.some((p) => p.kind === AGENT_KIND)) continue
      agentless.add(room.name)
      if (!agentlessBefore.has(room.name)) continue
      // Rooms of other pitcrews on the same LiveKit server are unknown to this one's API: skipped.
      const call = await o.pitcrew.getCall(room.name).catch(() => null)
      if (!call || call.status === 'ended' || call.channel === 'chat') continue
      const metadata: VoiceDispatchMetadata = { callId: call.callId }
      await dispatch.createDispatch(room.name, o.agentName, { metadata: JSON.stringify(metadata) })
      taken.add(room.name)
      o.log(`rejoining call ${call.callId}: its room had a caller and no agent`)
    }
    agentlessBefore = agentless
    await new Promise((r) => setTimeout(r, o.everyMs ?? 5_000))
  }
}
