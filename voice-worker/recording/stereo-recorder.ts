/**
 * Records two LiveKit audio tracks into one stereo WAV file (left = caller, right = agent), time
 * aligned by the wall clock, written to disk every second (see StereoTimeline, WavFileWriter).
 */
import { mkdir, open, readdir, type FileHandle } from 'node:fs/promises'
import path from 'node:path'
import { AudioStream, type AudioFrame, type Track } from '@livekit/rtc-node'
import { RECORDING_LAYOUT, recordingName, recordingPart } from '../../lib/call-recordings'
import { AGENT_CHANNEL, CALLER_CHANNEL, StereoTimeline } from './stereo-timeline'
import { WavFileWriter } from './wav-file-writer'

/** Speech needs no more; 64 kB a second for both sides. */
export const RECORDING_SAMPLE_RATE = 16_000

export type Side = 'caller' | 'agent'

export interface StereoRecorderOptions {
  /** The call's recordings folder; the recording is its next free `call-<n>.wav`. */
  dir: string
  /**
   * Parts that exist elsewhere (moved to a bucket): the new one comes after them too. Asked after
   * the folder is read, so a part that another process moves from the folder to the bucket (upload,
   * then delete) in between is seen in one or the other, never missed and written over.
   */
  takenParts?: () => Promise<number[]>
  sampleRate?: number
  /** How often what is settled goes to disk. */
  flushEveryMs?: number
  /** How long a side may lag behind the wall clock before its missing audio is written as silence. */
  settleMs?: number
  /** A write failed: the recording stops, the call goes on. */
  onError?: (err: unknown) => void
}

export class StereoRecorder {
  private readonly readers = new Map<Side, ReadableStreamDefaultReader<AudioFrame>>()
  private writes: Promise<void> = Promise.resolve()
  private failed = false
  private closing?: Promise<void>
  private readonly timer: NodeJS.Timeout

  /** Opens the next part's file and starts writing it. */
  static async start(o: StereoRecorderOptions): Promise<StereoRecorder> {
    const sampleRate = o.sampleRate ?? RECORDING_SAMPLE_RATE
    const { file, name } = await openNextPart(o.dir, o.takenParts ?? (async () => []))
    const startedAt = new Date()
    const writer = await WavFileWriter.start(
      file,
      { sampleRate, channels: 2 },
      { ICRD: startedAt.toISOString(), ICMT: RECORDING_LAYOUT },
    ).catch(async (err: unknown) => {
      await file.close()
      throw err
    })
    return new StereoRecorder(o, path.join(o.dir, name), name, startedAt, sampleRate, writer)
  }

  private readonly timeline: StereoTimeline

  private constructor(
    private readonly options: StereoRecorderOptions,
    readonly filePath: string,
    readonly name: string,
    readonly startedAt: Date,
    private readonly sampleRate: number,
    private readonly writer: WavFileWriter,
  ) {
    this.timeline = new StereoTimeline(sampleRate, startedAt.getTime())
    this.timer = setInterval(
      () => this.flush(Date.now() - (options.settleMs ?? 500)),
      options.flushEveryMs ?? 1000,
    )
  }

  /** Records `track` on `side` until it ends or another track replaces it there. */
  record(side: Side, track: Track): void {
    if (this.closing) return
    void this.readers.get(side)?.cancel()
    const reader = new AudioStream(track, { sampleRate: this.sampleRate, numChannels: 1 }).getReader()
    this.readers.set(side, reader)
    const channel = side === 'caller' ? CALLER_CHANNEL : AGENT_CHANNEL
    void (async () => {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        this.timeline.push(channel, value.data, Date.now())
      }
    })().catch(() => undefined)
  }

  /** Stops listening, writes everything received and the final header, and closes the file. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.timer)
      await Promise.all([...this.readers.values()].map((r) => r.cancel().catch(() => undefined)))
      this.flush(Date.now(), true)
      await this.writes
      await this.writer.close()
    })()
    return this.closing
  }

  /** Queues the write of everything up to wall-clock time `until` (and, when `all`, beyond). */
  private flush(until: number, all = false) {
    if (this.failed) return
    const end = this.timeline.position(until)
    const samples = this.timeline.take(all ? Math.max(end, this.timeline.end) : end)
    this.writes = this.writes
      .then(() => (this.failed ? undefined : this.writer.append(samples)))
      .catch((err: unknown) => {
        if (this.failed) return
        this.failed = true
        clearInterval(this.timer)
        this.options.onError?.(err)
      })
  }
}

/** Creates the folder's next `call-<n>.wav` exclusively: two workers on one call never share a file. */
async function openNextPart(
  dir: string,
  takenElsewhere: () => Promise<number[]>,
): Promise<{ file: FileHandle; name: string }> {
  await mkdir(dir, { recursive: true })
  const parts = (await readdir(dir)).map(recordingPart).filter((n) => n !== undefined)
  const taken = await takenElsewhere()
  for (let part = Math.max(0, ...parts, ...taken) + 1; ; part++) {
    const name = recordingName(part)
    try {
      return { file: await open(path.join(dir, name), 'wx'), name }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
    }
  }
}
