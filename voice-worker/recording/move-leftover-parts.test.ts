/**
 * Leftover recording parts move to the bucket (a FAKE S3 server, tests/support/fake-s3.ts) once their
 * call has ended and nothing writes to them; nothing in the bucket is written over. Call statuses are
 * given as the API would answer them.
 */
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { CallState } from '../../domain/call-state'
import { createObjectStore } from '../../lib/object-store'
import { fakeS3Bucket, startFakeS3 } from '../../tests/support/fake-s3'
import { PitcrewApiError } from '../pitcrew-client'
import { moveLeftoverParts } from './move-leftover-parts'

let s3: Awaited<ReturnType<typeof startFakeS3>>
let dataDir: string
beforeAll(async () => {
  s3 = await startFakeS3({ bucket: 'recordings' })
  dataDir = await mkdtemp(path.join(tmpdir(), 'pitcrew-leftovers-'))
})
afterAll(async () => {
  await s3?.stop()
  await rm(dataDir, { recursive: true, force: true })
})

const statuses: Record<string, CallState['status']> = {
  'call-ended': 'ended',
  'call-live': 'active',
  'call-recent': 'ended',
  'call-clash': 'ended',
}
const pitcrew = {
  async getCall(callId: string) {
    const status = statuses[callId]
    if (!status) throw new PitcrewApiError(404, 'not_found', `No call ${callId}`)
    return { callId, status } as CallState
  },
}

/** Writes a part; `ageMs` ago is when it was last written. */
async function part(callId: string, name: string, content: string, ageMs = 120_000) {
  const dir = path.join(dataDir, 'recordings', callId)
  await mkdir(dir, { recursive: true })
  const file = path.join(dir, name)
  await writeFile(file, content)
  const at = new Date(Date.now() - ageMs)
  await utimes(file, at, at)
  return file
}

it('moves the idle parts of ended calls, and leaves live, recent and unknown calls alone', async () => {
  const bucket = createObjectStore({ ...fakeS3Bucket(s3), region: 'us-east-1' })
  const ended = [await part('call-ended', 'call-1.wav', 'one'), await part('call-ended', 'call-2.wav', 'two')]
  const kept = [
    await part('call-live', 'call-1.wav', 'live'),
    await part('call-recent', 'call-1.wav', 'just written', 1_000),
    await part('call-unknown', 'call-1.wav', 'not ours'),
    await part('call-ended', 'notes.txt', 'not a recording'),
  ]
  // Another host numbered a part 1 too, and stored it first.
  await bucket.put('recordings/call-clash/call-1.wav', new TextEncoder().encode('other host'), 'audio/wav')
  const clashing = await part('call-clash', 'call-1.wav', 'this host')

  const logs: string[] = []
  const moved = await moveLeftoverParts({ dataDir, bucket, pitcrew, log: (_, m) => logs.push(m) })

  expect(moved.sort()).toEqual([
    'recordings/call-clash/call-2.wav',
    'recordings/call-ended/call-1.wav',
    'recordings/call-ended/call-2.wav',
  ])
  const text = (key: string) => s3.objects.get(key)?.toString()
  expect(text('recordings/call-ended/call-1.wav')).toBe('one')
  expect(text('recordings/call-ended/call-2.wav')).toBe('two')
  expect(text('recordings/call-clash/call-1.wav')).toBe('other host')
  expect(text('recordings/call-clash/call-2.wav')).toBe('this host')
  for (const file of [...ended, clashing]) expect(existsSync(file), file).toBe(false)
  for (const file of kept) expect(existsSync(file), file).toBe(true)
  expect(s3.objects.has('recordings/call-live/call-1.wav')).toBe(false)
  expect(logs.filter((m) => m.includes('stored in the bucket'))).toHaveLength(3)

  // Looking again finds nothing more to do.
  expect(await moveLeftoverParts({ dataDir, bucket, pitcrew, log: () => {} })).toEqual([])
})

it('leaves the parts on disk when the bucket cannot take them, and moves them on a later look', async () => {
  const file = await part('call-ended', 'call-3.wav', 'three')
  const down = createObjectStore({ ...fakeS3Bucket(s3), region: 'us-east-1', endpoint: 'http://127.0.0.1:9' })
  const logs: string[] = []
  expect(await moveLeftoverParts({ dataDir, bucket: down, pitcrew, log: (_, m) => logs.push(m) })).toEqual([])
  expect(existsSync(file)).toBe(true)
  expect(logs).toEqual([expect.stringContaining('tried again later')])

  const bucket = createObjectStore({ ...fakeS3Bucket(s3), region: 'us-east-1' })
  expect(await moveLeftoverParts({ dataDir, bucket, pitcrew, log: () => {} })).toEqual([
    'recordings/call-ended/call-3.wav',
  ])
  expect(existsSync(file)).toBe(false)
})
