/**
 * The recordings routes on a real data dir: the list read from the files' headers, the audio with
 * byte ranges (what an <audio> element asks for when it seeks), and no way out of the call's folder.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openCallLog } from '../../db/call-log'
import { newCallState } from '../../domain/call-state'
import { RecordingList } from '../../domain/recordings'
import { callRecordingsDir, RECORDING_LAYOUT } from '../../lib/call-recordings'
import { encodeWavHeader } from '../../lib/wav'
import { createObjectStore } from '../../lib/object-store'
import { createTestApi, errorCode } from '../../tests/support/api'
import { FAKE_S3_CREDENTIALS, startFakeS3 } from '../../tests/support/fake-s3'

const SECRET = 'do-not-serve-this-secret'
const API_KEY = 'recordings-test-key'
const RATE = 16_000
const run = `${process.pid}-${Date.now().toString(36)}`
const callId = `call-rec-${run}`
const quietCallId = `call-rec-quiet-${run}`
const STARTED_AT = '2026-12-02T20:00:01.250Z'

let dataDir: string
let api: Awaited<ReturnType<typeof createTestApi>>
let keyed: Awaited<ReturnType<typeof createTestApi>>
let part2: Buffer
let s3: Awaited<ReturnType<typeof startFakeS3>>
let bucketed: Awaited<ReturnType<typeof createTestApi>>

/** A stereo WAV of `seconds` whose samples count up, so any slice of it is recognisable. */
function wav(seconds: number, claimedDataBytes?: number) {
  const data = Buffer.alloc(Math.round(seconds * RATE) * 4)
  for (let i = 0; i < data.length / 2; i++) data.writeInt16LE((i % 30_000) - 15_000, i * 2)
  const header = encodeWavHeader({ sampleRate: RATE, channels: 2 }, claimedDataBytes ?? data.length, {
    ICRD: STARTED_AT,
    ICMT: RECORDING_LAYOUT,
  })
  return Buffer.concat([header, data])
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'pitcrew-recordings-api-'))
  api = await createTestApi({ dataDir })
  keyed = await createTestApi({ dataDir, apiKey: API_KEY })
  for (const id of [callId, quietCallId])
    await openCallLog(
      api.db,
      newCallState({ callId: id, channel: 'web', startedAt: new Date().toISOString() }),
    )

  const dir = callRecordingsDir(dataDir, callId)
  await mkdir(dir, { recursive: true })
  part2 = wav(1.5)
  await writeFile(path.join(dir, 'call-2.wav'), part2)
  // A worker that died: its header still says "no audio" but 0.25 s made it to disk.
  await writeFile(path.join(dir, 'call-10.wav'), wav(0.25, 0))
  await writeFile(path.join(dir, 'call-1.wav.tmp'), 'not a recording')
  await writeFile(path.join(dir, 'notes.txt'), 'not a recording')
  await writeFile(path.join(dataDir, 'secret.txt'), SECRET)
  await symlink(path.join(dataDir, 'secret.txt'), path.join(dir, 'call-9.wav'))

  // Finished parts moved to a (FAKE) S3 bucket; part 2 is also still on disk (its move failed).
  s3 = await startFakeS3({ bucket: 'recordings', pageSize: 1 })
  const bucket = createObjectStore({
    endpoint: s3.endpoint,
    bucket: 'recordings',
    region: 'us-east-1',
    ...FAKE_S3_CREDENTIALS,
  })
  bucketed = await createTestApi({ dataDir, recordingsBucket: bucket })
  await bucket.put(`recordings/${callId}/call-1.wav`, wav(2), 'audio/wav')
  await bucket.put(`recordings/${callId}/call-2.wav`, wav(9), 'audio/wav')
  await bucket.put(`recordings/${callId}/call-3.wav.tmp`, wav(1), 'audio/wav')
})
afterAll(async () => {
  await Promise.all([api?.close(), keyed?.close(), bucketed?.close(), s3?.stop()])
  await rm(dataDir, { recursive: true, force: true })
})

const audio = (url: string, headers: Record<string, string> = {}) => api.app.request(url, { headers })
const fileUrl = `/api/calls/${callId}/recordings/call-2.wav`

describe('GET /api/calls/:id/recordings', () => {
  it("lists the call's recordings, oldest part first, from what the files say", async () => {
    const res = await api.call(`/api/calls/${callId}/recordings`)
    expect(res.status).toBe(200)
    const { items } = RecordingList.parse(res.body)
    expect(items).toEqual([
      {
        name: 'call-2.wav',
        url: fileUrl,
        contentType: 'audio/wav',
        bytes: part2.length,
        durationSeconds: 1.5,
        startedAt: STARTED_AT,
        layout: 'left: caller, right: agent',
      },
      expect.objectContaining({ name: 'call-10.wav', durationSeconds: 0.25 }),
    ])
  })

  it('is empty for a call without recordings, 404 for an unknown call, 400 for a bad id', async () => {
    expect(await api.call(`/api/calls/${quietCallId}/recordings`)).toMatchObject({
      status: 200,
      body: { items: [] },
    })
    const unknown = await api.call(`/api/calls/call-nobody-${run}/recordings`)
    expect([unknown.status, errorCode(unknown.body)]).toEqual([404, 'not_found'])
    const bad = await api.call(`/api/calls/..%2F..%2Fsecret/recordings`)
    expect([bad.status, errorCode(bad.body)]).toEqual([400, 'invalid_request'])
  })
})

describe('GET /api/calls/:id/recordings/:name', () => {
  it('serves the whole file as audio/wav, saying ranges are welcome', async () => {
    const res = await audio(fileUrl)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('audio/wav')
    expect(res.headers.get('accept-ranges')).toBe('bytes')
    expect(res.headers.get('content-length')).toBe(String(part2.length))
    expect(Buffer.from(await res.arrayBuffer()).equals(part2)).toBe(true)
  })

  it.each([
    ['bytes=0-99', 0, 99],
    ['bytes=1000-', 1000, -1],
    ['bytes=-64', -64, -1],
    ['bytes=100-999999999', 100, -1],
  ])('answers Range %s with 206 and exactly those bytes', async (range, from, to) => {
    const start = from < 0 ? part2.length + from : from
    const end = to < 0 ? part2.length - 1 : to
    const res = await audio(fileUrl, { range })
    expect(res.status).toBe(206)
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${part2.length}`)
    expect(res.headers.get('content-length')).toBe(String(end - start + 1))
    expect(Buffer.from(await res.arrayBuffer()).equals(part2.subarray(start, end + 1))).toBe(true)
  })

  it.each(['bytes=999999999-', 'bytes=50-10', 'bytes=0-1,5-9', 'items=0-1', 'bytes=-0', 'bytes=-'])(
    'answers Range %s with 416 and the size',
    async (range) => {
      const res = await audio(fileUrl, { range })
      expect(res.status).toBe(416)
      expect(res.headers.get('content-range')).toBe(`bytes */${part2.length}`)
      expect(errorCode(await res.json())).toBe('range_not_satisfiable')
    },
  )

  it.each([
    ['an unknown part', `/api/calls/${callId}/recordings/call-5.wav`, 404],
    ['an unknown call', `/api/calls/call-nobody-${run}/recordings/call-1.wav`, 404],
    ['a link out of the folder', `/api/calls/${callId}/recordings/call-9.wav`, 404],
    ['an encoded ../', `/api/calls/${callId}/recordings/..%2F..%2F..%2Fsecret.txt`, 400],
    ['an encoded ../ before a good name', `/api/calls/${callId}/recordings/..%2F..%2Fcall-2.wav`, 400],
    ['a good name then ../', `/api/calls/${callId}/recordings/call-2.wav%2F..%2F..%2F..%2Fsecret.txt`, 400],
    ['an absolute path', `/api/calls/${callId}/recordings/%2Fetc%2Fpasswd`, 400],
    ['a NUL byte', `/api/calls/${callId}/recordings/call-2.wav%00`, 400],
    ['a backslash', `/api/calls/${callId}/recordings/..%5C..%5Csecret.txt`, 400],
    ['another file of the folder', `/api/calls/${callId}/recordings/notes.txt`, 400],
    ['a part number with a leading zero', `/api/calls/${callId}/recordings/call-02.wav`, 400],
    ['a call id that climbs', `/api/calls/..%2F..%2F..%2Ftmp/recordings/call-1.wav`, 400],
    ['a path the URL parser collapses', `/api/calls/${callId}/recordings/../../../secret.txt`, 404],
  ])('refuses %s with a JSON error and serves nothing', async (_, url, status) => {
    const res = await audio(url)
    const text = await res.text()
    expect(res.status).toBe(status)
    expect(text).not.toContain(SECRET)
    expect(errorCode(JSON.parse(text))).toBe(status === 400 ? 'invalid_request' : 'not_found')
  })
})

describe('with a recordings bucket (FAKE S3)', () => {
  it('lists the parts in the bucket with those on disk, the disk copy first', async () => {
    const { items } = RecordingList.parse((await bucketed.call(`/api/calls/${callId}/recordings`)).body)
    expect(items.map((r) => [r.name, r.durationSeconds])).toEqual([
      ['call-1.wav', 2],
      ['call-2.wav', 1.5],
      ['call-10.wav', 0.25],
    ])
    expect(items[0]).toMatchObject({ startedAt: STARTED_AT, layout: RECORDING_LAYOUT })
  })

  it('serves a part from the bucket, whole and by range, and 404s one that is nowhere', async () => {
    const part1 = wav(2)
    const url = `/api/calls/${callId}/recordings/call-1.wav`
    const whole = await bucketed.app.request(url)
    expect([whole.status, whole.headers.get('content-type')]).toEqual([200, 'audio/wav'])
    expect(Buffer.from(await whole.arrayBuffer()).equals(part1)).toBe(true)
    const ranged = await bucketed.app.request(url, { headers: { range: 'bytes=100-199' } })
    expect(ranged.status).toBe(206)
    expect(ranged.headers.get('content-range')).toBe(`bytes 100-199/${part1.length}`)
    expect(Buffer.from(await ranged.arrayBuffer()).equals(part1.subarray(100, 200))).toBe(true)
    const beyond = await bucketed.app.request(url, { headers: { range: `bytes=${part1.length}-` } })
    expect(beyond.status).toBe(416)
    const missing = await bucketed.app.request(`/api/calls/${callId}/recordings/call-4.wav`)
    expect([missing.status, errorCode(await missing.json())]).toEqual([404, 'not_found'])
  })
})

describe('with PITCREW_API_KEY', () => {
  it('needs the key; the audio (for <audio>, which sends no header) also takes ?access_token=', async () => {
    expect((await keyed.app.request(fileUrl)).status).toBe(401)
    expect((await keyed.app.request(`${fileUrl}?access_token=wrong`)).status).toBe(401)
    const res = await keyed.app.request(`${fileUrl}?access_token=${API_KEY}`, {
      headers: { range: 'bytes=0-9' },
    })
    expect(res.status).toBe(206)
    expect((await keyed.app.request(`/api/calls/${callId}/recordings?access_token=${API_KEY}`)).status).toBe(
      401,
    )
    const listed = await keyed.app.request(`/api/calls/${callId}/recordings`, {
      headers: { authorization: `Bearer ${API_KEY}` },
    })
    expect(listed.status).toBe(200)
  })
})

it('describes both routes in the OpenAPI document', async () => {
  const { body } = await api.call('/openapi.json')
  expect(Object.keys(body.paths)).toEqual(
    expect.arrayContaining(['/api/calls/{id}/recordings', '/api/calls/{id}/recordings/{name}']),
  )
})
