/**
 * A 16-bit PCM WAV file written as it grows: every append also rewrites the header's sizes, so a
 * process that dies mid-call leaves a file that plays up to its last append.
 */
import type { FileHandle } from 'node:fs/promises'
import { encodeWavHeader, type WavFormat, type WavInfo } from '../../lib/wav'

export class WavFileWriter {
  private dataBytes = 0
  private readonly headerBytes: number
  private closed = false

  /** Takes over an open, empty file (see `openNextPart`) and writes the header of an empty recording. */
  static async start(file: FileHandle, format: WavFormat, info: WavInfo): Promise<WavFileWriter> {
    const writer = new WavFileWriter(file, format, info)
    await writer.writeHeader()
    return writer
  }

  private constructor(
    private readonly file: FileHandle,
    private readonly format: WavFormat,
    private readonly info: WavInfo,
  ) {
    this.headerBytes = encodeWavHeader(format, 0, info).length
  }

  /** Appends interleaved samples (the host is little-endian, as WAV is) and updates the header. */
  async append(samples: Int16Array): Promise<void> {
    if (this.closed) throw new Error('the recording is closed')
    if (samples.length === 0) return
    const bytes = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)
    await this.file.write(bytes, 0, bytes.length, this.headerBytes + this.dataBytes)
    this.dataBytes += bytes.length
    await this.writeHeader()
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await this.file.close()
  }

  private async writeHeader() {
    const header = encodeWavHeader(this.format, this.dataBytes, this.info)
    await this.file.write(header, 0, header.length, 0)
  }
}
