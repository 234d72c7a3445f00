/**
 * Two mono channels placed on one wall-clock timeline and taken out as interleaved stereo. Each
 * side delivers continuous real-time audio (LiveKit audio streams carry silence too), so frames are
 * appended back to back: counting samples keeps a side in time even when this process stalls and
 * frames arrive in a burst. Only a real gap (a side that delivered nothing for `gapMs`, e.g. before
 * its track exists) is filled with silence up to where the wall clock says the frame belongs.
 */

export const CALLER_CHANNEL = 0
export const AGENT_CHANNEL = 1
export type Channel = typeof CALLER_CHANNEL | typeof AGENT_CHANNEL

interface Pending {
  chunks: Int16Array[]
  samples: number
}

export class StereoTimeline {
  /** Samples per channel already taken out (written). */
  private taken = 0
  private readonly pending: [Pending, Pending] = [
    { chunks: [], samples: 0 },
    { chunks: [], samples: 0 },
  ]

  constructor(
    private readonly sampleRate: number,
    /** Wall-clock time (ms) of sample 0. */
    private readonly t0: number,
    private readonly gapMs = 300,
  ) {}

  /** The sample index of wall-clock time `at` (ms). */
  position(at: number): number {
    return Math.max(0, Math.round(((at - this.t0) * this.sampleRate) / 1000))
  }

  /** Places a mono frame at the recording's rate that arrived (ended) at `receivedAt` (ms). */
  push(channel: Channel, samples: Int16Array, receivedAt: number): void {
    if (samples.length === 0) return
    const side = this.pending[channel]
    const next = this.taken + side.samples
    const startsAt = this.position(receivedAt) - samples.length
    const gap = startsAt - next
    if (gap > (this.gapMs * this.sampleRate) / 1000) this.append(side, new Int16Array(gap))
    this.append(side, samples)
  }

  /** Where the furthest channel ends (samples per channel since t0). */
  get end(): number {
    return this.taken + Math.max(this.pending[0].samples, this.pending[1].samples)
  }

  /**
   * Removes and returns the interleaved stereo samples up to sample index `until`; a channel that has
   * not delivered that far is silent there (audio it delivers later follows on from `until`).
   */
  take(until: number): Int16Array {
    const count = until - this.taken
    if (count <= 0) return new Int16Array(0)
    const stereo = new Int16Array(count * 2)
    for (const channel of [CALLER_CHANNEL, AGENT_CHANNEL] as const) {
      this.drain(this.pending[channel], count, (samples, offset) => {
        for (let i = 0; i < samples.length; i++) stereo[(offset + i) * 2 + channel] = samples[i]!
      })
    }
    this.taken = until
    return stereo
  }

  private append(side: Pending, samples: Int16Array) {
    side.chunks.push(samples)
    side.samples += samples.length
  }

  /** Hands up to `count` samples of `side` to `write` (with their offset) and forgets them. */
  private drain(side: Pending, count: number, write: (samples: Int16Array, offset: number) => void) {
    let offset = 0
    while (offset < count && side.chunks.length > 0) {
      const chunk = side.chunks[0]!
      const used = Math.min(chunk.length, count - offset)
      write(chunk.subarray(0, used), offset)
      offset += used
      if (used === chunk.length) side.chunks.shift()
      else side.chunks[0] = chunk.subarray(used)
    }
    side.samples -= offset
  }
}
