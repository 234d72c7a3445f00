/**
 * Offline TTS: espeak-ng speaks, sox resamples its 22 kHz WAV to 16 kHz mono s16. Robotic but
 * instant (~0.1 s a sentence) and needs only Debian packages.
 */
import { AudioByteStream, shortuuid, tts, type APIConnectOptions } from '@livekit/agents'
import { runProcess } from './run-process'

export const ESPEAK_SAMPLE_RATE = 16_000

export class EspeakTTS extends tts.TTS {
  label = 'pitcrew.EspeakTTS'

  constructor(private readonly voice = 'en-us') {
    super(ESPEAK_SAMPLE_RATE, 1, { streaming: false })
  }

  override get model(): string {
    return `espeak-ng ${this.voice}`
  }

  synthesize(text: string, connOptions?: APIConnectOptions, abortSignal?: AbortSignal): tts.ChunkedStream {
    return new EspeakStream(text, this, this.voice, connOptions, abortSignal)
  }

  stream(): tts.SynthesizeStream {
    throw new Error('EspeakTTS does not stream; the session wraps it in a tts.StreamAdapter')
  }
}

/** 16 kHz mono s16 PCM of `text`, spoken by espeak-ng. */
export async function speakToPcm(text: string, voice = 'en-us', signal?: AbortSignal): Promise<Buffer> {
  const wav = await runProcess('espeak-ng', ['-v', voice, '--stdout'], text, signal)
  return runProcess(
    'sox',
    [
      '-t',
      'wav',
      '-',
      '-t',
      'raw',
      '-r',
      String(ESPEAK_SAMPLE_RATE),
      '-c',
      '1',
      '-b',
      '16',
      '-e',
      'signed-integer',
      '-',
    ],
    wav,
    signal,
  )
}

class EspeakStream extends tts.ChunkedStream {
  label = 'pitcrew.EspeakStream'

  constructor(
    text: string,
    owner: EspeakTTS,
    private readonly voice: string,
    connOptions?: APIConnectOptions,
    private readonly signal?: AbortSignal,
  ) {
    super(text, owner, connOptions, signal)
  }

  protected async run(): Promise<void> {
    try {
      const pcm = await speakToPcm(this.inputText, this.voice, this.signal)
      const requestId = shortuuid('espeak_')
      const bytes = new AudioByteStream(ESPEAK_SAMPLE_RATE, 1)
      const frames = [
        ...bytes.write(pcm.buffer.slice(pcm.byteOffset, pcm.byteOffset + pcm.byteLength)),
        ...bytes.flush(),
      ]
      frames.forEach((frame, i) =>
        this.queue.put({ requestId, segmentId: requestId, frame, final: i === frames.length - 1 }),
      )
    } catch (err) {
      if ((err as Error).name !== 'AbortError') throw err
    } finally {
      this.queue.close()
    }
  }
}
