/**
 * Audio a customer uploads, checked and decoded by Debian's ffmpeg (ffprobe for the codec, ffmpeg
 * for the samples): which container it is (from its first bytes, not from what the client claims),
 * whether pitcrew takes its codec, whether it decodes cleanly, and how long it is.
 */
import { runProcess } from '../voice-worker/speech/run-process'
import { VOICE_MESSAGE_FORMATS, type VoiceMessageFormat } from '../domain/voice-messages'

/** What STT engines take: 16 kHz mono 16-bit PCM. */
export const DECODED_SAMPLE_RATE = 16_000

export type AudioCheck =
  | { ok: true; format: VoiceMessageFormat; codec: string; durationSeconds: number; pcm: Buffer }
  /** unsupported: not audio, or a codec not taken (415); corrupt: does not decode (400); too_long (413). */
  | { ok: false; problem: 'unsupported' | 'corrupt' | 'too_long'; message: string }

/** The container of `bytes`, from its magic numbers; undefined for anything else. */
export function sniffContainer(bytes: Uint8Array): VoiceMessageFormat | undefined {
  const ascii = (from: number, to: number) => Buffer.from(bytes.subarray(from, to)).toString('latin1')
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'wav'
  if (ascii(0, 4) === 'OggS') return 'ogg'
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'webm'
  if (ascii(0, 3) === 'ID3') return 'mp3'
  // An MPEG audio frame header: 11 sync bits, then layer III.
  if (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe6) === 0xe2) return 'mp3'
  return undefined
}

const codecTaken = (format: VoiceMessageFormat, codec: string) =>
  VOICE_MESSAGE_FORMATS[format].codecs === 'pcm'
    ? codec.startsWith('pcm_')
    : codec === VOICE_MESSAGE_FORMATS[format].codecs

/**
 * Checks `bytes` and decodes at most `maxSeconds` (+1) of them to 16 kHz mono PCM. ffmpeg runs with
 * `-xerror`, and anything it reports at error level counts as corrupt: a message is taken whole or not.
 */
export async function checkAudio(bytes: Buffer, maxSeconds: number): Promise<AudioCheck> {
  const format = sniffContainer(bytes)
  if (!format)
    return {
      ok: false,
      problem: 'unsupported',
      message: 'The body is not audio pitcrew takes: send WAV, OGG/Opus, WebM/Opus or MP3',
    }
  const probe = await runProcess(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'stream=codec_type,codec_name', '-of', 'json', '-i', 'pipe:0'],
    bytes,
  ).catch((err: Error) => err)
  if (probe instanceof Error)
    return {
      ok: false,
      problem: 'corrupt',
      message: `The ${format} audio is corrupt: ${lastLine(probe.message)}`,
    }
  const streams = (
    JSON.parse(probe.toString('utf8')) as { streams?: { codec_type?: string; codec_name?: string }[] }
  ).streams
  const audio = streams?.find((s) => s.codec_type === 'audio')
  if (!audio?.codec_name)
    return { ok: false, problem: 'unsupported', message: `The ${format} file holds no audio stream` }
  if (!codecTaken(format, audio.codec_name))
    return {
      ok: false,
      problem: 'unsupported',
      message: `pitcrew takes ${format} with ${VOICE_MESSAGE_FORMATS[format].codecs} audio, not ${audio.codec_name}`,
    }
  const decoded = await decodeToPcm(bytes, maxSeconds + 1).catch((err: Error) => err)
  if (decoded instanceof Error)
    return {
      ok: false,
      problem: 'corrupt',
      message: `The ${format} audio is corrupt: ${lastLine(decoded.message)}`,
    }
  const durationSeconds = decoded.length / 2 / DECODED_SAMPLE_RATE
  if (decoded.length === 0)
    return { ok: false, problem: 'corrupt', message: `The ${format} audio holds no samples` }
  if (durationSeconds > maxSeconds)
    return {
      ok: false,
      problem: 'too_long',
      message: `The message is longer than ${maxSeconds} seconds, the most a voice message may be`,
    }
  return { ok: true, format, codec: audio.codec_name, durationSeconds: round(durationSeconds), pcm: decoded }
}

/** 16 kHz mono s16le samples of any audio ffmpeg reads, at most `maxSeconds` of them. */
export async function decodeToPcm(bytes: Buffer, maxSeconds?: number): Promise<Buffer> {
  const limit = maxSeconds === undefined ? [] : ['-t', String(maxSeconds)]
  const args = ['-nostdin', '-hide_banner', '-v', 'error', '-xerror', '-i', 'pipe:0', ...limit]
  const out = ['-vn', '-ac', '1', '-ar', String(DECODED_SAMPLE_RATE), '-f', 's16le', 'pipe:1']
  return runProcess('ffmpeg', [...args, ...out], bytes, undefined, { failOnStderr: true })
}

const lastLine = (message: string) => message.trim().split('\n').pop()!.slice(0, 200)
const round = (seconds: number) => Math.round(seconds * 100) / 100
