/**
 * A call's recordings on disk (DATA_DIR/recordings/<callId>/, written by the voice worker): the list
 * the API answers with, read from each file's own header, and the one file a request may open.
 */
import { lstat, open, readdir } from 'node:fs/promises'
import path from 'node:path'
import {
  callRecordingsDir,
  RECORDING_CONTENT_TYPE,
  RECORDING_LAYOUT,
  recordingPart,
} from '../lib/call-recordings'
import { parseWavHeader, wavSeconds } from '../lib/wav'
import type { Recording } from '../domain/recordings'

/** pitcrew's headers are under 200 bytes; this leaves room for any other writer's chunks. */
export const HEADER_READ_BYTES = 4096

/** The call's recordings, oldest part first; none when the call has no folder. */
export async function listRecordings(dataDir: string, callId: string): Promise<Recording[]> {
  const dir = callRecordingsDir(dataDir, callId)
  const names = await readdir(dir).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT') return []
    throw err
  })
  const parts = names
    .map((name) => ({ name, part: recordingPart(name) }))
    .filter((p): p is { name: string; part: number } => p.part !== undefined)
    .sort((a, b) => a.part - b.part)
  const recordings = await Promise.all(parts.map(({ name }) => describeRecording(dir, callId, name)))
  return recordings.filter((r) => r !== undefined)
}

/** The path and size of one recording, or undefined when `name` is not one of this call's. */
export async function findRecording(
  dataDir: string,
  callId: string,
  name: string,
): Promise<{ path: string; bytes: number } | undefined> {
  if (recordingPart(name) === undefined) return undefined
  const file = path.join(callRecordingsDir(dataDir, callId), name)
  const stats = await lstat(file).catch(() => undefined)
  // A regular file only: never a link that could lead out of the folder.
  return stats?.isFile() ? { path: file, bytes: stats.size } : undefined
}

async function describeRecording(dir: string, callId: string, name: string): Promise<Recording | undefined> {
  const file = path.join(dir, name)
  const stats = await lstat(file).catch(() => undefined)
  if (!stats?.isFile()) return undefined
  return describeWav({
    callId,
    name,
    bytes: stats.size,
    start: await readStart(file),
    created: stats.birthtime,
  })
}

/**
 * What the list says of one recording, from its size and the first bytes of the file (its header).
 * `created` stands in for the start time a header without one does not give.
 */
export function describeWav(o: {
  callId: string
  name: string
  bytes: number
  start: Uint8Array
  created: Date
}): Recording {
  const header = parseWavHeader(Buffer.from(o.start))
  const audioBytes = header ? o.bytes - header.dataOffset : 0
  return {
    name: o.name,
    url: `/api/calls/${o.callId}/recordings/${o.name}`,
    contentType: RECORDING_CONTENT_TYPE,
    bytes: o.bytes,
    // From the file's size rather than the header's: a recording cut short by a crash says less.
    ...(header && audioBytes >= 0 ? { durationSeconds: round(wavSeconds(header, audioBytes)) } : {}),
    startedAt: header?.info.ICRD ?? o.created.toISOString(),
    layout: header?.info.ICMT ?? RECORDING_LAYOUT,
  }
}

async function readStart(file: string): Promise<Buffer> {
  const handle = await open(file, 'r')
  try {
    const buffer = Buffer.alloc(HEADER_READ_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return buffer.subarray(0, bytesRead)
  } finally {
    await handle.close()
  }
}

const round = (seconds: number) => Math.round(seconds * 100) / 100
