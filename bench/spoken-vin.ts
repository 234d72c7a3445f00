/**
 * How often the offline speech pair gets a spoken VIN right: espeak-ng says each VIN (letters and
 * digit words, or the phonetic alphabet), sox writes a 16 kHz WAV, pocketsphinx with the dealership
 * grammar transcribes it, domain/vin.ts reads the VIN back. Prints the exact-match rate per style and
 * the characters that were misheard. Not a test: a measurement (figures in docs/performance.md).
 *
 *   npx tsx bench/spoken-vin.ts [count=20]
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { INVENTORY } from '../db/seed/inventory'
import { SERVICES } from '../db/seed/services'
import { findVin, vinCheckDigit } from '../domain/vin'
import { ESPEAK_SAMPLE_RATE, speakToPcm } from '../voice-worker/speech/espeak-tts'
import { PocketsphinxSTT } from '../voice-worker/speech/pocketsphinx-stt'
import { monoPcmToWav } from '../lib/wav'

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
const PHONETIC: Record<string, string> = {
  A: 'alpha',
  B: 'bravo',
  C: 'charlie',
  D: 'delta',
  E: 'echo',
  F: 'foxtrot',
  G: 'golf',
  H: 'hotel',
  J: 'juliet',
  K: 'kilo',
  L: 'lima',
  M: 'mike',
  N: 'november',
  P: 'papa',
  R: 'romeo',
  S: 'sierra',
  T: 'tango',
  U: 'uniform',
  V: 'victor',
  W: 'whiskey',
  X: 'x-ray',
  Y: 'yankee',
  Z: 'zulu',
}
const WMIS = ['1HG', '1FT', '2T1', '5YJ', 'JTD', '4T1', '1G1', '3FA', 'KM8', 'WBA']
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'

/** A random VIN with a real maker code and a correct check digit (deterministic per index). */
function sampleVin(i: number): string {
  let seed = i * 7919 + 17
  const next = () => (seed = (seed * 48271) % 2147483647)
  const body = Array.from({ length: 14 }, () => VIN_CHARS[next() % VIN_CHARS.length]).join('')
  const draft = WMIS[i % WMIS.length]! + body
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9)
}

export const sayLetters = (vin: string) =>
  [...vin].map((c) => (/\d/.test(c) ? DIGITS[Number(c)] : c)).join(' ')
const sayPhonetic = (vin: string) =>
  [...vin].map((c) => (/\d/.test(c) ? DIGITS[Number(c)] : PHONETIC[c])).join(' ')

async function main() {
  const count = Number(process.argv[2] ?? 20)
  const dir = await mkdtemp(join(tmpdir(), 'pitcrew-vin-speech-'))
  const stt = await PocketsphinxSTT.create({
    services: SERVICES.map((s) => s.name),
    vehicles: INVENTORY.map((v) => ({ make: v.make, model: v.model })),
  })
  try {
    // Only the phonetic alphabet: the offline grammar does not take single letters (see
    // voice-worker/speech/dealership-grammar.ts); `sayLetters` is kept for cloud STT comparisons.
    for (const [style, say] of [['phonetic alphabet', sayPhonetic]] as const) {
      let exact = 0
      let chars = 0
      const misses: string[] = []
      for (let i = 0; i < count; i++) {
        const vin = sampleVin(i)
        const wav = join(dir, `${i}.wav`)
        await writeFile(wav, monoPcmToWav(await speakToPcm(`my VIN is ${say(vin)}`), ESPEAK_SAMPLE_RATE))
        const heard = await stt.transcribeWav(wav)
        const got = findVin(heard)?.vin ?? ''
        if (got === vin) exact++
        chars += [...vin].filter((c, k) => got[k] === c).length
        if (got !== vin) misses.push(`${vin} -> ${got || '(none)'}  heard "${heard}"`)
      }
      console.log(
        `${style}: ${exact}/${count} VINs exact (${((100 * exact) / count).toFixed(0)} %), ${((100 * chars) / (count * 17)).toFixed(1)} % of characters`,
      )
      for (const m of misses.slice(0, 8)) console.log(`  ${m}`)
    }
  } finally {
    await stt.close()
    await rm(dir, { recursive: true, force: true })
  }
}

await main()
