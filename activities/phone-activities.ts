/**
 * The activities of a voice call's room: send the voice agent in, dial one attempt of an outbound
 * phone call (reporting ringing to the workflow), close the room when the call ends.
 */
import { ApplicationFailure, Context } from '@temporalio/activity'
import type { DialOutcome } from '../domain/phone-call'
import type { VoiceService } from '../lib/livekit-voice'
import { phoneRingingSignal } from '../workflows/call-definitions'
import type { ActivityDeps } from '.'

/** What the worker needs of LiveKit; tests hand in a fake phone network with the same shape. */
export type VoiceRooms = Pick<VoiceService, 'sipTrunkId' | 'dispatchAgent' | 'dialPhone' | 'closeRoom'>

/** A dial attempt tells Temporal it is alive this often, so a cancel (hang-up) reaches it quickly. */
const HEARTBEAT_MS = 2000

export function createPhoneActivities(deps: ActivityDeps) {
  const rooms = (): VoiceRooms => {
    if (deps.voiceRooms) return deps.voiceRooms
    throw ApplicationFailure.nonRetryable(
      'Voice is not configured on this worker (no LiveKit server): it cannot place phone calls',
      'NotConfigured',
    )
  }

  return {
    async dispatchVoiceAgent(input: { callId: string }) {
      await rooms().dispatchAgent(input.callId)
    },

    async dialCustomer(input: {
      callId: string
      to: string
      attempt: number
      ringingTimeoutSeconds: number
    }): Promise<DialOutcome> {
      const ctx = Context.current()
      const alive = setInterval(() => ctx.heartbeat(), HEARTBEAT_MS)
      try {
        return await rooms().dialPhone(input.callId, input.to, {
          ringingTimeoutSeconds: input.ringingTimeoutSeconds,
          signal: ctx.cancellationSignal,
          onRinging: () => {
            ctx.client.workflow
              .getHandle(input.callId)
              .signal(phoneRingingSignal, { attempt: input.attempt })
              .catch((err: Error) => deps.log.warn({ err, callId: input.callId }, 'ringing not reported'))
          },
        })
      } finally {
        clearInterval(alive)
      }
    },

    /** Disconnects whoever is still in an ended call's room (caller, agent, listeners). */
    async closeVoiceRoom(input: { callId: string }) {
      await deps.voiceRooms?.closeRoom(input.callId)
    },
  }
}
