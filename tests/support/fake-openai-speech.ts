/**
 * A FAKE OpenAI-compatible speech server for tests (no network here, so no real OpenAI): the two
 * endpoints the voice worker's OpenAI engines call, answered by the offline engines.
 * `POST /v1/audio/transcriptions` (multipart WAV) runs pocketsphinx with the dealership grammar;
 * `POST /v1/audio/speech` (`response_format: "pcm"`) runs espeak-ng and returns 24 kHz s16 PCM.
 * It records every request, so a test can see what the worker asked for.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { DealershipVocabulary } from '../../voice-worker/speech/dealership-grammar'
import { PocketsphinxSTT } from '../../voice-worker/speech/pocketsphinx-stt'
import { runProcess } from '../../voice-worker/speech/run-process'

export interface SpeechRequest {
  path: string
  authorization: string | undefined
  /** The model asked for. */
  model: string
  /** speech: the text to say; transcriptions: the text the fake heard. */
  text: string
}

export async function startFakeOpenAiSpeech(vocabulary: DealershipVocabulary) {
  const stt = await PocketsphinxSTT.create(vocabulary)
  const requests: SpeechRequest[] = []
  const server = createServer((req, res) => {
    handle(req)
      .then(({ type, body }) => {
        res.writeHead(200, { 'content-type': type })
        res.end(body)
      })
      .catch((err: Error) => {
        res.writeHead(400, { 'content-type': 'application/json' })
        res.end(JSON.stringify({ error: { message: err.message } }))
      })
  })

  async function handle(req: IncomingMessage): Promise<{ type: string; body: Buffer | string }> {
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    const raw = Buffer.concat(chunks)
    const seen = { path: req.url ?? '', authorization: req.headers.authorization }
    if (req.url === '/v1/audio/speech') {
      const body = JSON.parse(raw.toString('utf8')) as {
        model: string
        input: string
        response_format?: string
      }
      if (body.response_format !== 'pcm')
        throw new Error(`the fake speaks pcm only, not ${body.response_format}`)
      requests.push({ ...seen, model: body.model, text: body.input })
      const wav = await runProcess('espeak-ng', ['-v', 'en-us', '--stdout'], body.input)
      const pcm = await runProcess('sox', ['-t', 'wav', '-', ...RAW_24K], wav)
      return { type: 'application/octet-stream', body: pcm }
    }
    if (req.url === '/v1/audio/transcriptions') {
      const form = await new Response(raw, {
        headers: { 'content-type': req.headers['content-type'] ?? '' },
      }).formData()
      const file = form.get('file')
      if (!(file instanceof Blob)) throw new Error('no file in the transcription request')
      const text = await transcribe(Buffer.from(await file.arrayBuffer()))
      requests.push({ ...seen, model: String(form.get('model')), text })
      return { type: 'application/json', body: JSON.stringify({ text }) }
    }
    throw new Error(`the fake has no ${req.url}`)
  }

  /** Any WAV the worker sends, resampled to what pocketsphinx reads, then recognized. */
  async function transcribe(wav: Buffer): Promise<string> {
    const dir = await mkdtemp(path.join(tmpdir(), 'fake-openai-stt-'))
    try {
      const input = path.join(dir, 'in.wav')
      const sphinx = path.join(dir, 'sphinx.wav')
      await writeFile(input, wav)
      await runProcess('sox', [input, '-r', '16000', '-c', '1', '-b', '16', sphinx])
      return await stt.transcribeWav(sphinx)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    /** What LLM_BASE_URL should say. */
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** OpenAI's `pcm` format: 24 kHz, mono, signed 16-bit little-endian, headerless. */
const RAW_24K = ['-t', 'raw', '-r', '24000', '-c', '1', '-b', '16', '-e', 'signed-integer', '-']
