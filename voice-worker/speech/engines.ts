/**
 * The voice worker's speech engines behind one choice: OpenAI's STT/TTS (or any OpenAI-compatible
 * server) when configured, else the offline pair — espeak-ng and a grammar-limited pocketsphinx.
 */
import type { stt, tts } from '@livekit/agents'
import * as openai from '@livekit/agents-plugin-openai'
import type { DealershipVocabulary } from './dealership-grammar'
import { EspeakTTS } from './espeak-tts'
import { PocketsphinxSTT } from './pocketsphinx-stt'

export interface SpeechEngines {
  stt: stt.STT
  tts: tts.TTS
  /** Which pair, for logs and /health, e.g. "offline (espeak-ng + pocketsphinx, limited)". */
  description: string
}

export interface SpeechSettings {
  engines: 'auto' | 'offline' | 'openai'
  openai: { apiKey?: string; baseUrl?: string }
}

/** `auto` takes OpenAI when a key or an OpenAI-compatible base URL is configured. */
export function chooseEngines(s: SpeechSettings): 'offline' | 'openai' {
  if (s.engines !== 'auto') return s.engines
  return s.openai.apiKey || s.openai.baseUrl ? 'openai' : 'offline'
}

export async function createSpeechEngines(
  s: SpeechSettings,
  vocabulary: () => Promise<DealershipVocabulary>,
): Promise<SpeechEngines> {
  if (chooseEngines(s) === 'openai') {
    // A local OpenAI-compatible server may need no key, but the client insists on one.
    const options = { apiKey: s.openai.apiKey ?? 'unused', baseURL: s.openai.baseUrl }
    return {
      // OpenAI itself: streaming transcription over its realtime API. An OpenAI-compatible server
      // (LLM_BASE_URL) is asked on the plain transcriptions endpoint, which such servers implement.
      stt: new openai.STT({ ...options, useRealtime: !s.openai.baseUrl }),
      tts: new openai.TTS(options),
      description: `openai (${s.openai.baseUrl ?? 'api.openai.com'})`,
    }
  }
  return {
    stt: await PocketsphinxSTT.create(await vocabulary()),
    tts: new EspeakTTS(),
    description: 'offline (espeak-ng + pocketsphinx with a dealership grammar: limited, for demos and tests)',
  }
}
