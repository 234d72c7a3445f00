/**
 * Speech for voice messages, in the worker: the same engine choice as the voice worker
 * (voice-worker/speech/engines.ts). Offline: pocketsphinx with the dealership grammar (LIMITED: a
 * demo and test engine) and espeak-ng. OpenAI, or any OpenAI-compatible server: the plain
 * transcriptions endpoint and the speech endpoint. Both take and give whole files, no streaming.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Db } from '../db/client'
import { listInventory, listServices } from '../db/catalog'
import { DECODED_SAMPLE_RATE } from '../lib/audio-decode'
import { monoPcmToWav } from '../lib/wav'
import { chooseEngines, type SpeechSettings } from '../voice-worker/speech/engines'
import { speakToPcm, ESPEAK_SAMPLE_RATE } from '../voice-worker/speech/espeak-tts'
import { PocketsphinxSTT } from '../voice-worker/speech/pocketsphinx-stt'

export interface MessageSpeech {
  /** The words in 16 kHz mono s16le PCM; '' when none were recognised. */
  transcribe(pcm: Buffer): Promise<string>
  /** A WAV file of `text` spoken. */
  speak(text: string): Promise<Buffer>
  description: string
}

/** OpenAI's `pcm` speech format: 24 kHz mono s16le. */
const OPENAI_PCM_RATE = 24_000

export function createMessageSpeech(db: Db, settings?: SpeechSettings): MessageSpeech {
  const s = settings ?? { engines: 'auto', openai: {} }
  return chooseEngines(s) === 'openai' ? openAiSpeech(s.openai) : offlineSpeech(db)
}

function offlineSpeech(db: Db): MessageSpeech {
  // Built once per worker from the dealership's services and vehicles (~0.2 s).
  let stt: Promise<PocketsphinxSTT> | undefined
  const recognizer = () =>
    (stt ??= (async () => {
      const [services, inventory] = await Promise.all([
        listServices(db),
        listInventory(db, { availableOnly: false }),
      ])
      return PocketsphinxSTT.create({
        services: services.map((s) => s.name),
        vehicles: inventory.map((v) => ({ make: v.make, model: v.model })),
      })
    })().catch((err: unknown) => {
      stt = undefined
      throw err
    }))
  return {
    async transcribe(pcm) {
      const dir = await mkdtemp(path.join(tmpdir(), 'pitcrew-voice-message-'))
      try {
        const file = path.join(dir, 'message.wav')
        await writeFile(file, monoPcmToWav(pcm, DECODED_SAMPLE_RATE))
        return await (await recognizer()).transcribeWav(file)
      } finally {
        await rm(dir, { recursive: true, force: true })
      }
    },
    speak: async (text) => monoPcmToWav(await speakToPcm(text), ESPEAK_SAMPLE_RATE),
    description: 'offline (pocketsphinx with a dealership grammar: limited, for demos and tests; espeak-ng)',
  }
}

function openAiSpeech(o: { apiKey?: string; baseUrl?: string }): MessageSpeech {
  const base = (o.baseUrl ?? 'https://api.openai.com/v1').replace(/\/+$/, '')
  const headers = { authorization: `Bearer ${o.apiKey ?? 'unused'}` }
  const fail = async (what: string, res: Response) =>
    new Error(`${what} failed: ${res.status} ${(await res.text()).slice(0, 300)}`)
  return {
    async transcribe(pcm) {
      const form = new FormData()
      form.set(
        'file',
        new Blob([monoPcmToWav(pcm, DECODED_SAMPLE_RATE)], { type: 'audio/wav' }),
        'message.wav',
      )
      form.set('model', 'gpt-4o-mini-transcribe')
      const res = await fetch(`${base}/audio/transcriptions`, { method: 'POST', headers, body: form })
      if (!res.ok) throw await fail('transcription', res)
      return ((await res.json()) as { text?: string }).text?.trim() ?? ''
    },
    async speak(text) {
      const res = await fetch(`${base}/audio/speech`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'gpt-4o-mini-tts',
          voice: 'alloy',
          input: text,
          response_format: 'pcm',
        }),
      })
      if (!res.ok) throw await fail('speech', res)
      return monoPcmToWav(Buffer.from(await res.arrayBuffer()), OPENAI_PCM_RATE)
    },
    description: `openai (${base})`,
  }
}
