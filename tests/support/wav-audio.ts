/**
 * Reading a recording back in tests: the header (lib/wav.ts), each channel's samples, and where on
 * a channel there is sound, so a test can say "the caller speaks here, the agent there".
 */
import { parseWavHeader, type WavHeader } from '../../lib/wav'

export interface StereoWav {
  header: WavHeader
  left: Int16Array
  right: Int16Array
}

/** Splits a 16-bit stereo WAV file into its channels; throws when it is anything else. */
export function readStereoWav(file: Buffer): StereoWav {
  const header = parseWavHeader(file.subarray(0, 4096))
  if (!header || header.channels !== 2 || header.bitsPerSample !== 16)
    throw new Error(`not a 16-bit stereo WAV: ${JSON.stringify(header)}`)
  const data = file.subarray(header.dataOffset, header.dataOffset + header.dataBytes)
  const frames = Math.floor(data.length / 4)
  const left = new Int16Array(frames)
  const right = new Int16Array(frames)
  for (let i = 0; i < frames; i++) {
    left[i] = data.readInt16LE(i * 4)
    right[i] = data.readInt16LE(i * 4 + 2)
  }
  return { header, left, right }
}

/** A 50 ms window whose mean absolute sample is above this is sound (speech), not silence. */
const SOUND_LEVEL = 200
const WINDOW_SECONDS = 0.05
/** Sound this close to the previous sound continues its span (pauses between words). */
const JOIN_SECONDS = 0.4

/** The stretches of sound on one channel, in seconds from the start: `[[start, end], ...]`. */
export function soundSpans(samples: Int16Array, sampleRate: number): [number, number][] {
  const window = Math.round(sampleRate * WINDOW_SECONDS)
  const spans: [number, number][] = []
  for (let at = 0; at + window <= samples.length; at += window) {
    let sum = 0
    for (let i = at; i < at + window; i++) sum += Math.abs(samples[i]!)
    if (sum / window <= SOUND_LEVEL) continue
    const start = at / sampleRate
    const end = (at + window) / sampleRate
    const last = spans.at(-1)
    if (last && start - last[1] <= JOIN_SECONDS) last[1] = end
    else spans.push([start, end])
  }
  return spans
}

/** Seconds of sound on one channel. */
export const soundSeconds = (spans: [number, number][]) => spans.reduce((sum, [a, b]) => sum + b - a, 0)
