/**
 * A FAKE phone network, for what cannot run here: no SIP service, no phones. It stands in for
 * LiveKit SIP's dialing only (`dialPhone`); agent dispatch and rooms stay the run's real LiveKit
 * server. Each number follows a script, one outcome per attempt (the last one repeats):
 * `answered`, `busy`, `no-answer`, `failed`, or `rings-forever` (until the attempt is hung up).
 */
import type { VoiceRooms } from '../../activities/phone-activities'
import type { DialOutcome } from '../../domain/phone-call'
import type { DialOptions } from '../../lib/livekit-voice'
import { testVoiceService } from './livekit'

export type ScriptedOutcome = DialOutcome['result'] | 'rings-forever'

export interface DialRecord {
  callId: string
  to: string
  /** Set when the attempt was hung up (the call ended while it rang). */
  hungUp: boolean
}

export interface FakePhoneOptions {
  ringMs?: number
  /** The voice worker's agent name that answered calls are dispatched to. */
  agentName?: string
  /**
   * The callee's side in the call's room. LiveKit SIP puts the callee in the room while the phone
   * rings; they leave if nobody answers, and stay (and talk) if someone does.
   */
  joinRoom?: (callId: string) => Promise<{ leave(): Promise<void> }>
}

export type Script = Record<string, ScriptedOutcome[]>

export function fakePhoneNetwork(script: Script, o: FakePhoneOptions = {}) {
  const ringMs = o.ringMs ?? 150
  const dials: DialRecord[] = []
  const real = testVoiceService({ sipTrunkId: 'ST_fake_trunk', agentName: o.agentName })
  const rooms: VoiceRooms = {
    sipTrunkId: real.sipTrunkId,
    dispatchAgent: (callId) => real.dispatchAgent(callId),
    closeRoom: (callId) => real.closeRoom(callId),
    async dialPhone(callId: string, to: string, options: DialOptions): Promise<DialOutcome> {
      const record: DialRecord = { callId, to, hungUp: false }
      dials.push(record)
      const plan = script[to] ?? ['failed']
      const attempt = dials.filter((d) => d.to === to).length
      const scripted = plan[Math.min(attempt, plan.length) - 1]!
      const callee = await o.joinRoom?.(callId)
      await ring(ringMs / 2, options.signal)
      options.onRinging?.()
      const rang = await ring(scripted === 'rings-forever' ? Infinity : ringMs / 2, options.signal)
      if (scripted === 'answered' && rang) return { result: 'answered' }
      await callee?.leave()
      if (!rang) {
        record.hungUp = true
        return { result: 'failed', detail: 'hung up while ringing' }
      }
      return {
        result: scripted as Exclude<ScriptedOutcome, 'answered' | 'rings-forever'>,
        detail: `fake ${scripted}`,
      }
    },
  }
  return { rooms, dials }
}

/** Waits `ms` (Infinity = until aborted); false when `signal` aborted first. */
function ring(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false)
    const timer = Number.isFinite(ms) ? setTimeout(() => resolve(true), ms) : undefined
    signal?.addEventListener('abort', () => {
      clearTimeout(timer)
      resolve(false)
    })
  })
}
