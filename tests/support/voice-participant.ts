/**
 * A test caller in a LiveKit room, made of real parts: it joins with the API's token, speaks
 * espeak-ng audio into a microphone track and listens to what the agent publishes.
 */
import { AudioFrame, AudioStream, RoomEvent, TrackKind, type RemoteTrack, type Room } from '@livekit/rtc-node'
import { speakToPcm, ESPEAK_SAMPLE_RATE } from '../../voice-worker/speech/espeak-tts'
import { joinRoom, publishMicrophone } from './livekit'

const FRAME_MS = 10
const SAMPLES_PER_FRAME = (ESPEAK_SAMPLE_RATE * FRAME_MS) / 1000
/** A frame whose mean absolute sample is above this is sound, not silence or comfort noise. */
const SOUND_LEVEL = 200

export interface TestCaller {
  room: Room
  /**
   * Says `text` (espeak-ng), then stays silent for `silenceMs` so the agent's VAD hears the end.
   * Resolves with the `performance.now()` at which the last frame of speech was queued (sent at most
   * `micQueueMs` later).
   */
  say(text: string, silenceMs?: number): Promise<number>
  /** Frames with sound received from the agent so far. */
  agentSoundFrames(): number
  /** When (`performance.now()`) the first frame with sound arrived after `since`, if one has. */
  firstSoundAfter(since: number): number | undefined
  /** When the last frame with sound arrived (0 if none yet). */
  lastSoundAt(): number
  leave(): Promise<void>
}

/**
 * `micQueueMs`: how far ahead of the wire the test may queue its speech. Small (bench/) makes "sent"
 * times exact but gaps the audio whenever this process stalls; the default 1 s keeps speech whole on a
 * loaded machine.
 */
export async function joinAsCaller(url: string, token: string, micQueueMs = 1000): Promise<TestCaller> {
  const room = await joinRoom(url, token)
  let soundFrames = 0
  const soundTimes: number[] = []
  const listen = (track: RemoteTrack) => {
    if (track.kind !== TrackKind.KIND_AUDIO) return
    void (async () => {
      for await (const frame of new AudioStream(track, ESPEAK_SAMPLE_RATE, 1)) {
        if (meanLevel(frame) > SOUND_LEVEL) {
          soundFrames++
          soundTimes.push(performance.now())
        }
      }
    })().catch(() => undefined)
  }
  room.on(RoomEvent.TrackSubscribed, listen)
  for (const participant of room.remoteParticipants.values())
    for (const pub of participant.trackPublications.values()) if (pub.track) listen(pub.track)

  const mic = await publishMicrophone(room, ESPEAK_SAMPLE_RATE, micQueueMs)
  const push = async (samples: Int16Array) => {
    for (let at = 0; at < samples.length; at += SAMPLES_PER_FRAME) {
      const chunk = new Int16Array(SAMPLES_PER_FRAME)
      chunk.set(samples.subarray(at, at + SAMPLES_PER_FRAME))
      await mic.source.captureFrame(new AudioFrame(chunk, ESPEAK_SAMPLE_RATE, 1, SAMPLES_PER_FRAME))
    }
  }
  return {
    room,
    async say(text, silenceMs = 1500) {
      const pcm = await speakToPcm(text)
      // Copied: a pooled Buffer's offset need not be 2-byte aligned, as an Int16Array view requires.
      await push(new Int16Array(Uint8Array.from(pcm).buffer))
      const speechEnded = performance.now()
      await push(new Int16Array((ESPEAK_SAMPLE_RATE * silenceMs) / 1000))
      return speechEnded
    },
    agentSoundFrames: () => soundFrames,
    firstSoundAfter: (since) => soundTimes.find((t) => t > since),
    lastSoundAt: () => soundTimes.at(-1) ?? 0,
    leave: () => room.disconnect(),
  }
}

function meanLevel(frame: AudioFrame): number {
  let sum = 0
  for (const s of frame.data) sum += Math.abs(s)
  return frame.data.length === 0 ? 0 : sum / frame.data.length
}
