/**
 * Records a voice message with the browser's microphone: MediaRecorder, WebM/Opus where the browser
 * has it (Chromium, Firefox), else whatever it records (Safari: MP4, which the API refuses with a
 * clear 415). Stops by itself at the API's length limit.
 */
import { MAX_VOICE_MESSAGE_SECONDS } from '../../../domain/voice-messages'

const PREFERRED_TYPE = 'audio/webm;codecs=opus'

export interface VoiceRecording {
  /** Stops and resolves with the recorded audio. */
  stop(): Promise<Blob>
  /** Stops and throws the audio away. */
  cancel(): void
}

export function canRecordVoice(): boolean {
  return typeof MediaRecorder !== 'undefined' && !!navigator.mediaDevices?.getUserMedia
}

/** Starts recording; `onLimit` runs when the message reached the longest the API takes. */
export async function startVoiceRecording(onLimit: () => void): Promise<VoiceRecording> {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true })
  const mimeType = MediaRecorder.isTypeSupported(PREFERRED_TYPE) ? PREFERRED_TYPE : undefined
  const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : {})
  const chunks: Blob[] = []
  recorder.ondataavailable = (e) => {
    if (e.data.size > 0) chunks.push(e.data)
  }
  const stopped = new Promise<Blob>((resolve) => {
    recorder.onstop = () => {
      stream.getTracks().forEach((t) => t.stop())
      resolve(new Blob(chunks, { type: (recorder.mimeType || PREFERRED_TYPE).split(';')[0] }))
    }
  })
  recorder.start()
  // A second short of the limit: the container adds a little to the length the API measures.
  const limit = setTimeout(onLimit, (MAX_VOICE_MESSAGE_SECONDS - 1) * 1000)
  const end = () => {
    clearTimeout(limit)
    if (recorder.state !== 'inactive') recorder.stop()
  }
  return {
    stop() {
      end()
      return stopped
    },
    cancel() {
      end()
      chunks.length = 0
    },
  }
}
