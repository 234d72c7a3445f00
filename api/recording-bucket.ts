/**
 * A call's recordings in the recordings bucket (S3-compatible; the voice worker moves each finished
 * part there when one is configured): the list, read from each object's size and first bytes.
 */
import { listBucketParts, recordingKey } from '../lib/call-recordings'
import type { ObjectStore } from '../lib/object-store'
import type { Recording } from '../domain/recordings'
import { describeWav, HEADER_READ_BYTES } from './recording-files'

export async function listBucketRecordings(bucket: ObjectStore, callId: string): Promise<Recording[]> {
  return Promise.all(
    (await listBucketParts(bucket, callId)).map(async ({ key, name, bytes, lastModified }) => {
      const res = await bucket.get(key, `bytes=0-${HEADER_READ_BYTES - 1}`)
      const start = res ? new Uint8Array(await res.arrayBuffer()) : new Uint8Array()
      return describeWav({ callId, name, bytes, start, created: lastModified ?? new Date() })
    }),
  )
}

/** One recording in the bucket: its size and a reader of its bytes; undefined when it is not there. */
export async function findInBucket(bucket: ObjectStore, callId: string, name: string) {
  const key = recordingKey(callId, name)
  const [object] = (await bucket.list(key)).filter((o) => o.key === key)
  if (!object) return undefined
  return {
    bytes: object.bytes,
    /** The bytes `start` to `end` (inclusive), streamed from the bucket. */
    async read(start: number, end: number): Promise<ReadableStream> {
      const res = await bucket.get(key, `bytes=${start}-${end}`)
      if (!res?.body) throw new Error(`recording ${key} vanished from the bucket`)
      return res.body
    },
  }
}
