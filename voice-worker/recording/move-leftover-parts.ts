/**
 * Recording parts left on this host's disk with a bucket configured: a part whose upload failed when
 * its call ended (the bucket was down), or whose call process died before it could upload it. A voice
 * worker looks when it starts and then every few minutes, and moves to the bucket each part of an
 * ended call that nothing has written to for a while. Nothing in the bucket is written over: a part
 * whose name the bucket already has (another host numbered a part the same) goes under the next
 * free number.
 */
import { readdir, stat } from 'node:fs/promises'
import path from 'node:path'
import {
  callRecordingsDir,
  listBucketParts,
  recordingKey,
  recordingName,
  recordingPart,
} from '../../lib/call-recordings'
import type { ObjectStore } from '../../lib/object-store'
import type { PitcrewClient } from '../pitcrew-client'
import { moveToBucket } from './move-to-bucket'

/** A part this long untouched is not being written (a live recording is flushed every second). */
export const LEFTOVER_IDLE_MS = 60_000

export interface LeftoverOptions {
  dataDir: string
  bucket: ObjectStore
  pitcrew: Pick<PitcrewClient, 'getCall'>
  log: (fields: Record<string, unknown>, message: string) => void
  idleMs?: number
}

/** Moves the leftover parts once; returns the bucket keys they now have. */
export async function moveLeftoverParts(o: LeftoverOptions): Promise<string[]> {
  const root = path.join(o.dataDir, 'recordings')
  const callIds = await readdir(root).catch(() => [] as string[])
  const moved: string[] = []
  for (const callId of callIds) {
    try {
      moved.push(...(await moveCallParts(o, callId)))
    } catch (err) {
      o.log({ callId, error: String(err) }, 'leftover recording parts not moved; tried again later')
    }
  }
  return moved
}

async function moveCallParts(o: LeftoverOptions, callId: string): Promise<string[]> {
  const dir = callRecordingsDir(o.dataDir, callId)
  const idleBefore = Date.now() - (o.idleMs ?? LEFTOVER_IDLE_MS)
  const parts = (await readdir(dir)).flatMap((name) => {
    const part = recordingPart(name)
    return part === undefined ? [] : [{ name, part }]
  })
  const idle: typeof parts = []
  for (const p of parts) if ((await stat(path.join(dir, p.name))).mtimeMs < idleBefore) idle.push(p)
  if (idle.length === 0) return []
  // A call this API does not know (another deployment's) or that is still going is left alone.
  const call = await o.pitcrew.getCall(callId).catch(() => null)
  if (call?.status !== 'ended') return []

  const taken = new Set((await listBucketParts(o.bucket, callId)).map((p) => p.part))
  const moved: string[] = []
  for (const { name, part } of idle.sort((a, b) => a.part - b.part)) {
    const free = taken.has(part) ? Math.max(...taken, ...parts.map((p) => p.part)) + 1 : part
    const key = recordingKey(callId, recordingName(free))
    await moveToBucket(o.bucket, path.join(dir, name), key)
    taken.add(free)
    moved.push(key)
    o.log(
      { callId, file: name, bucket: o.bucket.describe(), key },
      'leftover recording part stored in the bucket',
    )
  }
  return moved
}

/** Looks now and then every `everyMs` for as long as the process runs. */
export function keepMovingLeftoverParts(o: LeftoverOptions & { everyMs?: number }): void {
  const look = () =>
    void moveLeftoverParts(o).catch((err: unknown) =>
      o.log({ error: String(err) }, 'looking for leftover recording parts failed'),
    )
  look()
  setInterval(look, o.everyMs ?? 5 * 60_000).unref()
}
