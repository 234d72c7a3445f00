/** The recorder's alignment rules, on a made-up clock: gaps become silence, bursts stay in time. */
import { describe, expect, it } from 'vitest'
import { AGENT_CHANNEL, CALLER_CHANNEL, StereoTimeline } from './stereo-timeline'

const RATE = 1000 // one sample per millisecond keeps the arithmetic readable
const frame = (value: number, samples = 10) => new Int16Array(samples).fill(value)
/** [left, right] of interleaved stereo. */
const split = (stereo: Int16Array): [number[], number[]] => [
  Array.from(stereo.filter((_, i) => i % 2 === 0)),
  Array.from(stereo.filter((_, i) => i % 2 === 1)),
]

describe('StereoTimeline', () => {
  it('puts a side that starts late where the clock says, with silence before it', () => {
    const timeline = new StereoTimeline(RATE, 0, 300)
    timeline.push(CALLER_CHANNEL, frame(1), 10) // samples 0..9
    timeline.push(AGENT_CHANNEL, frame(2), 1010) // received at 1010 ms: samples 1000..1009
    const [left, right] = split(timeline.take(1010))
    expect(left.slice(0, 10)).toEqual(Array(10).fill(1))
    expect(left.slice(10).every((s) => s === 0)).toBe(true)
    expect(right.slice(0, 1000).every((s) => s === 0)).toBe(true)
    expect(right.slice(1000)).toEqual(Array(10).fill(2))
  })

  it('keeps a burst of late frames back to back (a stalled process), not spread over the stall', () => {
    const timeline = new StereoTimeline(RATE, 0, 300)
    timeline.push(CALLER_CHANNEL, frame(1), 10)
    // Frames 2..11 were due at 20..110 ms but all arrive at 200 ms.
    for (let i = 2; i <= 11; i++) timeline.push(CALLER_CHANNEL, frame(i), 200)
    const [left] = split(timeline.take(110))
    expect(left.filter((_, i) => i % 10 === 0)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
  })

  it('writes a side that has not delivered yet as silence, and its later audio after that', () => {
    const timeline = new StereoTimeline(RATE, 0, 300)
    timeline.push(AGENT_CHANNEL, frame(2, 100), 100)
    const [left1, right1] = split(timeline.take(100))
    expect(left1.every((s) => s === 0)).toBe(true)
    expect(right1.every((s) => s === 2)).toBe(true)
    timeline.push(CALLER_CHANNEL, frame(1, 20), 80) // late: it follows on from what was written
    expect(timeline.end).toBe(120)
    const [left2] = split(timeline.take(timeline.end))
    expect(left2).toEqual(Array(20).fill(1))
    expect(timeline.take(120)).toHaveLength(0)
  })
})
