/**
 * A spoken sentence as a WAV file for Chromium's fake microphone
 * (`--use-file-for-fake-audio-capture=<file>`): espeak-ng speaks it (the voice the worker's offline
 * STT is tested with), sox writes 48 kHz mono 16-bit PCM, the format WebRTC captures at. Chromium
 * plays the file in a loop, so silence after the words gives the agent's VAD an end of turn and the
 * agent time to answer before the caller speaks again.
 */
import { ESPEAK_SAMPLE_RATE, speakToPcm } from '../../voice-worker/speech/espeak-tts'
import { runProcess } from '../../voice-worker/speech/run-process'

export const FAKE_MIC_SAMPLE_RATE = 48_000

export async function writeSpokenWav(
  file: string,
  text: string,
  silence: { beforeSeconds: number; afterSeconds: number },
): Promise<void> {
  const pcm = await speakToPcm(text)
  const raw = ['-t', 'raw', '-r', String(ESPEAK_SAMPLE_RATE), '-e', 'signed-integer', '-b', '16', '-c', '1']
  const wav = ['-t', 'wav', '-r', String(FAKE_MIC_SAMPLE_RATE), '-e', 'signed-integer', '-b', '16', '-c', '1']
  const pad = ['pad', String(silence.beforeSeconds), String(silence.afterSeconds)]
  await runProcess('sox', [...raw, '-', ...wav, file, ...pad], pcm)
}

/** Chromium's switches for a browser whose microphone says what `wavFile` says, with no prompt. */
export const fakeMicrophoneArgs = (wavFile: string) => [
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  `--use-file-for-fake-audio-capture=${wavFile}`,
  // The run's LiveKit server listens on loopback only; Chromium leaves loopback out of ICE otherwise.
  '--allow-loopback-in-peer-connection',
]
