import { readFile, unlink } from 'node:fs/promises'
import { RECORDING_CONTENT_TYPE } from '../../lib/call-recordings'
import type { ObjectStore } from '../../lib/object-store'

/**
 * Moves a finished recording part from disk to the bucket: stored first, then deleted, so at any
 * moment it is in one place or the other (how a new part's number is chosen relies on it:
 * stereo-recorder.ts).
 */
export async function moveToBucket(bucket: ObjectStore, file: string, key: string): Promise<void> {
  await bucket.put(key, await readFile(file), RECORDING_CONTENT_TYPE)
  await unlink(file)
}
