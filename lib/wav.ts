/**
 * 16-bit PCM WAV headers: written by the voice worker's call recorder, read back by the API (to list
 * a recording's length, start and channel layout) and by tests. The header carries a LIST/INFO chunk
 * with the recording's start (ICRD) and what is on which channel (ICMT), so a file says it all itself.
 */

export interface WavFormat {
  sampleRate: number
  channels: number
}

/** Text tags of the LIST/INFO chunk: ICRD = creation date (ISO 8601 here), ICMT = comment. */
export interface WavInfo {
  ICRD?: string
  ICMT?: string
}

export interface WavHeader extends WavFormat {
  bitsPerSample: number
  /** Where the samples start in the file. */
  dataOffset: number
  /** The data size the header claims (a file cut short by a crash may claim less than it has). */
  dataBytes: number
  info: WavInfo
}

const BYTES_PER_SAMPLE = 2

/**
 * A header for `dataBytes` of interleaved 16-bit samples. Its length depends only on `info`, so the
 * header of a file being written can be rewritten in place with new sizes.
 */
export function encodeWavHeader(format: WavFormat, dataBytes: number, info: WavInfo = {}): Buffer {
  const infoChunk = encodeInfo(info)
  const fmt = Buffer.alloc(24)
  fmt.write('fmt ', 0, 'ascii')
  fmt.writeUInt32LE(16, 4)
  fmt.writeUInt16LE(1, 8) // PCM
  fmt.writeUInt16LE(format.channels, 10)
  fmt.writeUInt32LE(format.sampleRate, 12)
  fmt.writeUInt32LE(format.sampleRate * format.channels * BYTES_PER_SAMPLE, 16)
  fmt.writeUInt16LE(format.channels * BYTES_PER_SAMPLE, 20)
  fmt.writeUInt16LE(BYTES_PER_SAMPLE * 8, 22)
  const data = Buffer.alloc(8)
  data.write('data', 0, 'ascii')
  data.writeUInt32LE(dataBytes, 4)
  const riff = Buffer.alloc(12)
  const headerBytes = riff.length + fmt.length + infoChunk.length + data.length
  riff.write('RIFF', 0, 'ascii')
  riff.writeUInt32LE(headerBytes - 8 + dataBytes, 4)
  riff.write('WAVE', 8, 'ascii')
  return Buffer.concat([riff, fmt, infoChunk, data])
}

function encodeInfo(info: WavInfo): Buffer {
  const tags = Object.entries(info).filter(([, text]) => text !== undefined) as [string, string][]
  if (tags.length === 0) return Buffer.alloc(0)
  const subchunks = tags.map(([id, text]) => {
    const bytes = Buffer.from(`${text}\0`, 'utf8')
    const padded = Buffer.alloc(8 + bytes.length + (bytes.length % 2))
    padded.write(id, 0, 'ascii')
    padded.writeUInt32LE(bytes.length, 4)
    bytes.copy(padded, 8)
    return padded
  })
  const body = Buffer.concat([Buffer.from('INFO', 'ascii'), ...subchunks])
  const head = Buffer.alloc(8)
  head.write('LIST', 0, 'ascii')
  head.writeUInt32LE(body.length, 4)
  return Buffer.concat([head, body])
}

/**
 * Reads the header at the start of a WAV file (the first few hundred bytes suffice for pitcrew's
 * own). Returns undefined when `bytes` does not hold a whole PCM header.
 */
export function parseWavHeader(bytes: Buffer): WavHeader | undefined {
  if (
    bytes.length < 12 ||
    bytes.toString('ascii', 0, 4) !== 'RIFF' ||
    bytes.toString('ascii', 8, 12) !== 'WAVE'
  )
    return undefined
  let format: Omit<WavHeader, 'dataOffset' | 'dataBytes' | 'info'> | undefined
  const info: WavInfo = {}
  for (let at = 12; at + 8 <= bytes.length;) {
    const id = bytes.toString('ascii', at, at + 4)
    const size = bytes.readUInt32LE(at + 4)
    const body = at + 8
    if (id === 'data') {
      return format ? { ...format, dataOffset: body, dataBytes: size, info } : undefined
    }
    if (body + size > bytes.length) return undefined
    if (id === 'fmt ' && size >= 16 && bytes.readUInt16LE(body) === 1) {
      format = {
        channels: bytes.readUInt16LE(body + 2),
        sampleRate: bytes.readUInt32LE(body + 4),
        bitsPerSample: bytes.readUInt16LE(body + 14),
      }
    }
    if (id === 'LIST' && bytes.toString('ascii', body, body + 4) === 'INFO')
      readInfo(bytes, body + 4, body + size, info)
    at = body + size + (size % 2)
  }
  return undefined
}

function readInfo(bytes: Buffer, from: number, to: number, info: WavInfo) {
  for (let at = from; at + 8 <= to;) {
    const id = bytes.toString('ascii', at, at + 4)
    const size = bytes.readUInt32LE(at + 4)
    const text = bytes.toString('utf8', at + 8, Math.min(at + 8 + size, to)).replace(/\0+$/, '')
    if (id === 'ICRD' || id === 'ICMT') info[id] = text
    at += 8 + size + (size % 2)
  }
}

/** Seconds of audio in `dataBytes` of 16-bit samples. */
export function wavSeconds(format: WavFormat, dataBytes: number): number {
  return dataBytes / (format.sampleRate * format.channels * BYTES_PER_SAMPLE)
}

/** A whole WAV file of mono 16-bit PCM: the header, then the samples as they are. */
export const monoPcmToWav = (pcm: Buffer, sampleRate: number): Buffer =>
  Buffer.concat([encodeWavHeader({ sampleRate, channels: 1 }, pcm.length), pcm])
