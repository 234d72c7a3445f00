/**
 * Offline STT, LIMITED: pocketsphinx 0.8 constrained by a JSGF grammar of the dealership's phrases
 * (dealership-grammar.ts). It hears those sentences, including synthesized speech, and little else.
 * A demo and test engine: configure a cloud STT (OPENAI_API_KEY) for real callers.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { mergeFrames, normalizeLanguage, stt, type AudioBuffer } from '@livekit/agents'
import { buildDealershipGrammar, type DealershipVocabulary } from './dealership-grammar'
import { runProcess } from './run-process'

/** Where Debian's pocketsphinx-en-us puts the acoustic model and the pronouncing dictionary. */
export const POCKETSPHINX_MODEL_DIR = '/usr/share/pocketsphinx/model/en-us'
const SPHINX_SAMPLE_RATE = 16_000

/** Words the recognizer can say: the first column of its pronouncing dictionary. */
export async function loadDictionaryWords(modelDir = POCKETSPHINX_MODEL_DIR): Promise<Set<string>> {
  const text = await readFile(join(modelDir, 'cmudict-en-us.dict'), 'utf8')
  return new Set(text.split('\n').map((line) => line.split(' ', 1)[0]!))
}

export class PocketsphinxSTT extends stt.STT {
  label = 'pitcrew.PocketsphinxSTT'

  private constructor(
    private readonly grammarFile: string,
    private readonly workDir: string,
    private readonly modelDir: string,
  ) {
    super({ streaming: false, interimResults: false })
  }

  /** Writes the grammar for this dealership's vocabulary and returns a recognizer using it. */
  static async create(vocabulary: DealershipVocabulary, modelDir = POCKETSPHINX_MODEL_DIR) {
    const words = await loadDictionaryWords(modelDir)
    const workDir = await mkdtemp(join(tmpdir(), 'pitcrew-sphinx-'))
    const grammarFile = join(workDir, 'dealership.jsgf')
    await writeFile(
      grammarFile,
      buildDealershipGrammar(vocabulary, (w) => words.has(w)),
    )
    return new PocketsphinxSTT(grammarFile, workDir, modelDir)
  }

  override get model(): string {
    return 'pocketsphinx-0.8-jsgf'
  }

  /** The text of 16 kHz mono s16 PCM (or of a WAV file at `wavFile`). */
  async transcribeWav(wavFile: string, signal?: AbortSignal): Promise<string> {
    const out = await runProcess(
      'pocketsphinx_continuous',
      [
        '-infile',
        wavFile,
        '-jsgf',
        this.grammarFile,
        '-hmm',
        join(this.modelDir, 'en-us'),
        '-dict',
        join(this.modelDir, 'cmudict-en-us.dict'),
        '-logfn',
        '/dev/null',
        // Wider beams than the defaults: with the whole dealership grammar the defaults prune the right
        // sentence from speech that went through Opus ("the nissan on today morning"). Costs ~0.5 s.
        ...['-beam', '1e-80', '-wbeam', '1e-60', '-pbeam', '1e-80'],
      ],
      undefined,
      signal,
    )
    return out
      .toString('utf8')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ')
  }

  protected async _recognize(buffer: AudioBuffer, abortSignal?: AbortSignal): Promise<stt.SpeechEvent> {
    const frame = mergeFrames(buffer)
    const pcm = Buffer.from(frame.data.buffer, frame.data.byteOffset, frame.data.byteLength)
    const dir = await mkdtemp(join(this.workDir, 'utt-'))
    try {
      const wavFile = join(dir, 'utterance.wav')
      await runProcess(
        'sox',
        [
          '-t',
          'raw',
          '-r',
          String(frame.sampleRate),
          '-e',
          'signed-integer',
          '-b',
          '16',
          '-c',
          String(frame.channels),
          '-',
          '-r',
          String(SPHINX_SAMPLE_RATE),
          '-c',
          '1',
          wavFile,
        ],
        pcm,
        abortSignal,
      )
      const text = await this.transcribeWav(wavFile, abortSignal)
      return {
        type: stt.SpeechEventType.FINAL_TRANSCRIPT,
        alternatives: [
          {
            text,
            language: normalizeLanguage('en'),
            startTime: 0,
            endTime: frame.samplesPerChannel / frame.sampleRate,
            confidence: text ? 1 : 0,
          },
        ],
      }
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  stream(): stt.SpeechStream {
    throw new Error(
      'PocketsphinxSTT does not stream; the session wraps it in an stt.StreamAdapter with a VAD',
    )
  }

  override async close(): Promise<void> {
    await rm(this.workDir, { recursive: true, force: true })
  }
}
