/**
 * Voice messages for tests, made the way a customer's would be: espeak-ng speaks the words (the voice
 * the offline STT is tested with), ffmpeg encodes them as WAV, OGG/Opus, WebM/Opus or MP3.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { runProcess } from '../../voice-worker/speech/run-process'
import type { VoiceMessageFormat } from '../../domain/voice-messages'

/** ffmpeg's output options for each format pitcrew takes. */
const ENCODE: Record<VoiceMessageFormat, string[]> = {
  wav: ['-c:a', 'pcm_s16le', '-f', 'wav'],
  ogg: ['-c:a', 'libopus', '-b:a', '32k', '-f', 'ogg'],
  webm: ['-c:a', 'libopus', '-b:a', '32k', '-f', 'webm'],
  mp3: ['-c:a', 'libmp3lame', '-b:a', '64k', '-f', 'mp3'],
}

/** Runs ffmpeg from `input` (a file) to bytes with `outputArgs`. */
async function ffmpeg(inputArgs: string[], outputArgs: string[]): Promise<Buffer> {
  const dir = await mkdtemp(path.join(tmpdir(), 'pitcrew-test-audio-'))
  try {
    const out = path.join(dir, 'out')
    await runProcess('ffmpeg', ['-nostdin', '-v', 'error', '-y', ...inputArgs, ...outputArgs, out])
    return await readFile(out)
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** `text` spoken by espeak-ng, with a little silence around it, as `format` (48 kHz mono, as browsers record). */
export async function spokenMessage(text: string, format: VoiceMessageFormat): Promise<Buffer> {
  const wav = await runProcess('espeak-ng', ['-v', 'en-us', '--stdout'], text)
  const dir = await mkdtemp(path.join(tmpdir(), 'pitcrew-test-speech-'))
  try {
    const file = path.join(dir, 'speech.wav')
    await writeFile(file, wav)
    return await ffmpeg(
      ['-i', file],
      ['-af', 'adelay=300,apad=pad_dur=0.5', '-ar', '48000', '-ac', '1', ...ENCODE[format]],
    )
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/** `seconds` of silence as `format`. */
export const silentMessage = (seconds: number, format: VoiceMessageFormat) =>
  ffmpeg(['-f', 'lavfi', '-i', `anullsrc=r=16000:cl=mono`, '-t', String(seconds)], ENCODE[format])

/** `seconds` of a tone, encoded with any ffmpeg output options (e.g. a codec pitcrew does not take). */
export const toneMessage = (seconds: number, outputArgs: string[]) =>
  ffmpeg(['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=16000`, '-t', String(seconds)], outputArgs)

export const encodeArgs = (format: VoiceMessageFormat) => ENCODE[format]
