/**
 * One agent per call. Two agents can land in the same call's room at once (two workers taking over
 * the same orphaned call in the same moment, each unaware of the other). Both apply the same rule,
 * when they join and whenever another participant joins: the agent whose identity sorts first keeps
 * the call, any other leaves. Exactly one stays, whichever saw the other first.
 */
import { ParticipantKind } from '@livekit/rtc-node'

export interface RoomMember {
  identity: string
  kind?: ParticipantKind
}

/** Whether the agent `myIdentity` keeps the call, given who else is in the room. */
export function keepsTheCall(myIdentity: string, others: Iterable<RoomMember>): boolean {
  for (const other of others)
    if (other.kind === ParticipantKind.AGENT && other.identity < myIdentity) return false
  return true
}
