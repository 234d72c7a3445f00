/**
 * Every voice worker, for as long as it runs, takes over the voice calls whose agent is gone (its
 * worker was killed): LiveKit does not hand an explicit dispatch to another worker by itself, so each
 * worker looks for rooms of live calls with a caller and no agent, and dispatches itself there. The
 * call's state lives in the workflow, so the conversation continues where it was. Two workers that
 * pick the same room at once both send an agent; one of them leaves (call-session.ts).
 */
import { AgentDispatchClient, RoomServiceClient } from 'livekit-server-sdk'
import type { VoiceDispatchMetadata } from '../domain/voice'
import type { PitcrewClient } from './pitcrew-client'

/** ParticipantInfo_Kind.AGENT of @livekit/protocol (not re-exported by livekit-server-sdk). */
export const AGENT_KIND = 4
/**
 * A new call's agent takes a few seconds to join; a room is only taken over once it is older than
 * this and was agentless on two looks in a row, so a call is never given a second agent.
 */
const MIN_ROOM_AGE_S = 30
/**
 * LiveKit may hand a fresh dispatch to the killed worker while it still counts as registered; the job
 * then dies with it. A room still agentless this long after our dispatch gets a new one.
 */
const REDISPATCH_AFTER_MS = 30_000

export interface RejoinOptions {
  livekit: { url: string; apiKey: string; apiSecret: string }
  agentName: string
  pitcrew: PitcrewClient
  log: (message: string) => void
  /** Looks to make (default: as long as the worker runs). */
  attempts?: number
  /** Between looks; each look waits up to a fifth more at random, so workers do not look in step. */
  everyMs?: number
}

export async function rejoinOrphanedCalls(o: RejoinOptions): Promise<void> {
  const httpUrl = o.livekit.url.replace(/^ws/, 'http')
  const rooms = new RoomServiceClient(httpUrl, o.livekit.apiKey, o.livekit.apiSecret)
  const dispatch = new AgentDispatchClient(httpUrl, o.livekit.apiKey, o.livekit.apiSecret)
  /** Our dispatch per room: its id and when it was made. */
  const ours = new Map<string, { id: string; at: number }>()
  let agentlessBefore = new Set<string>()
  for (let attempt = 0; attempt < (o.attempts ?? Infinity); attempt++) {
    const agentless = new Set<string>()
    for (const room of await rooms.listRooms().catch(() => [])) {
      const previous = ours.get(room.name)
      if (previous && Date.now() - previous.at < REDISPATCH_AFTER_MS) continue
      if (Date.now() / 1000 - Number(room.creationTime) < MIN_ROOM_AGE_S) continue
      const people = await rooms.listParticipants(room.name).catch(() => [])
      if (people.length === 0 || people.some((p) => p.kind === AGENT_KIND)) continue
      agentless.add(room.name)
      if (!agentlessBefore.has(room.name)) continue
      // Rooms of other pitcrews on the same LiveKit server are unknown to this one's API: skipped.
      const call = await o.pitcrew.getCall(room.name).catch(() => null)
      if (!call || call.status === 'ended' || call.channel === 'chat') continue
      if (previous) await dispatch.deleteDispatch(previous.id, room.name).catch(() => undefined)
      const metadata: VoiceDispatchMetadata = { callId: call.callId }
      const made = await dispatch.createDispatch(room.name, o.agentName, {
        metadata: JSON.stringify(metadata),
      })
      ours.set(room.name, { id: made.id, at: Date.now() })
      o.log(`rejoining call ${call.callId}: its room had a caller and no agent`)
    }
    agentlessBefore = agentless
    const every = o.everyMs ?? 5_000
    await new Promise((r) => setTimeout(r, every * (1 + Math.random() / 5)))
  }
}
