/**
 * Where voice call recordings live and what they are called, shared by the voice worker (which
 * writes them) and the API (which lists and serves them): DATA_DIR/recordings/<callId>/call-<n>.wav,
 * one part per voice worker session of the call (a worker that takes a call over starts part n + 1).
 * With a bucket configured, each part moves to `recordings/<callId>/call-<n>.wav` there once finished.
 */
import path from 'node:path'
import type { ObjectStore, StoredObject } from './object-store'

export const RECORDING_CONTENT_TYPE = 'audio/wav'
/** What is on which channel of every recording. */
export const RECORDING_LAYOUT = 'left: caller, right: agent'

/** A recording's file name; nothing else in a call's folder is ever served. */
export const RECORDING_NAME = /^call-([1-9][0-9]{0,5})\.wav$/

/** Call ids are `call-<uuid>`; the pattern keeps any other id from naming a folder outside. */
const SAFE_CALL_ID = /^[A-Za-z0-9_-]{1,100}$/

export function recordingName(part: number): string {
  return `call-${part}.wav`
}

/** The part number of a recording's name, or undefined when it is not one. */
export function recordingPart(name: string): number | undefined {
  const match = RECORDING_NAME.exec(name)
  return match ? Number(match[1]) : undefined
}

/** Where a finished recording is kept in an S3-compatible bucket. */
export function recordingKey(callId: string, name: string): string {
  return `${recordingsPrefix(callId)}${name}`
}

/** The key prefix of one call's recordings in a bucket. Throws for an id that is not safe. */
export function recordingsPrefix(callId: string): string {
  if (!SAFE_CALL_ID.test(callId)) throw new Error(`not a call id: ${JSON.stringify(callId)}`)
  return `recordings/${callId}/`
}

/** The folder of one call's recordings. Throws for an id that is not a safe folder name. */
export function callRecordingsDir(dataDir: string, callId: string): string {
  if (!SAFE_CALL_ID.test(callId)) throw new Error(`not a call id: ${JSON.stringify(callId)}`)
  return path.join(dataDir, 'recordings', callId)
}

/** The call's recordings in a bucket, oldest part first (other objects under its prefix are not). */
export async function listBucketParts(
  bucket: ObjectStore,
  callId: string,
): Promise<Array<StoredObject & { name: string; part: number }>> {
  const prefix = recordingsPrefix(callId)
  const parts = (await bucket.list(prefix)).map((o) => {
    const name = o.key.slice(prefix.length)
    return { ...o, name, part: recordingPart(name) }
  })
  return parts
    .filter((p): p is typeof p & { part: number } => p.part !== undefined)
    .sort((a, b) => a.part - b.part)
}
