/**
 * The offline speech pair on real audio: espeak-ng speaks, pocketsphinx (with the grammar built from
 * Springfield Auto's seed data) transcribes. Needs the Debian packages .ci/run installs.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { INVENTORY } from '../../db/seed/inventory'
import { SERVICES } from '../../db/seed/services'
import { buildDealershipGrammar } from './dealership-grammar'
import { speakToPcm, ESPEAK_SAMPLE_RATE } from './espeak-tts'
import { loadDictionaryWords, PocketsphinxSTT } from './pocketsphinx-stt'
import { monoPcmToWav } from '../../lib/wav'

const vocabulary = {
  services: SERVICES.map((s) => s.name),
  vehicles: INVENTORY.map((v) => ({ make: v.make, model: v.model })),
}

describe('the dealership grammar', () => {
  it('has the services and vehicles, and leaves out names it cannot pronounce', async () => {
    const words = await loadDictionaryWords()
    const grammar = buildDealershipGrammar(vocabulary, (w) => words.has(w))
    expect(grammar).toMatch(/^#JSGF V1\.0;/)
    expect(grammar).toContain('oil change')
    expect(grammar).toContain('honda civic')
    // "Model 3" must not shrink to "model", nor "F-150" to "f".
    expect(grammar).not.toMatch(/[|=] model [|;]/)
    expect(grammar).not.toContain('f-150')
  })

  it('takes a VIN spelled with the phonetic alphabet: exactly 17 digit words or code words', async () => {
    const words = await loadDictionaryWords()
    const grammar = buildDealershipGrammar(vocabulary, (w) => words.has(w))
    const vin = grammar.split('\n').find((l) => l.startsWith('<vin> ='))!
    expect(vin.match(/<vin-symbol>/g)).toHaveLength(17)
    const symbols = grammar.split('\n').find((l) => l.startsWith('<vin-symbol> ='))!
    for (const word of ['zero', 'oh', 'nine', 'alpha', 'hotel', 'x-ray', 'zulu'])
      expect(symbols).toContain(` ${word}`)
    // No I, O or Q: a VIN never has them.
    for (const word of ['india', 'oscar', 'quebec']) expect(symbols).not.toContain(word)
  })
})

describe('espeak-ng + pocketsphinx', () => {
  let dir: string
  let recognizer: PocketsphinxSTT
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pitcrew-speech-test-'))
    recognizer = await PocketsphinxSTT.create(vocabulary)
  })
  afterAll(async () => {
    await recognizer?.close()
    await rm(dir, { recursive: true, force: true })
  })

  async function roundTrip(text: string) {
    const wav = join(dir, `${text.length}.wav`)
    await writeFile(wav, monoPcmToWav(await speakToPcm(text), ESPEAK_SAMPLE_RATE))
    return recognizer.transcribeWav(wav)
  }

  it('synthesizes 16 kHz mono speech', async () => {
    const pcm = await speakToPcm('Hello')
    // Between a quarter and two seconds of 16-bit samples.
    expect(pcm.length).toBeGreaterThan(ESPEAK_SAMPLE_RATE / 2)
    expect(pcm.length).toBeLessThan(ESPEAK_SAMPLE_RATE * 4)
  })

  it('recognizes a booking request and common answers', async () => {
    expect(await roundTrip('I need an oil change tomorrow morning')).toMatch(
      /i need (a|an|the) oil change tomorrow morning/,
    )
    expect(await roundTrip('What are your hours?')).toBe('what are your hours')
    expect(await roundTrip('yes')).toBe('yes')
  })
})
