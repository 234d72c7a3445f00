import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { FAKE_S3_CREDENTIALS, startFakeS3 } from '../tests/support/fake-s3'
import { createObjectStore, ObjectStoreError } from './object-store'

let s3: Awaited<ReturnType<typeof startFakeS3>>
beforeAll(async () => {
  s3 = await startFakeS3({ bucket: 'calls', pageSize: 2 })
})
afterAll(async () => {
  await s3?.stop()
})

const store = (overrides: Partial<Parameters<typeof createObjectStore>[0]> = {}) =>
  createObjectStore({
    endpoint: s3.endpoint,
    bucket: 'calls',
    region: 'us-east-1',
    ...FAKE_S3_CREDENTIALS,
    ...overrides,
  })

describe('object store (against a FAKE S3 server)', () => {
  it('puts objects, lists a prefix across pages, and reads whole objects and byte ranges', async () => {
    const bytes = (n: number) => new Uint8Array(n).map((_, i) => i % 251)
    for (const name of ['call-1.wav', 'call-2.wav', 'call-10.wav'])
      await store().put(`recordings/call-a/${name}`, bytes(1000), 'audio/wav')
    await store().put('recordings/call-b/call-1.wav', bytes(10), 'audio/wav')

    const listed = await store().list('recordings/call-a/')
    expect(listed.every((o) => o.lastModified instanceof Date)).toBe(true)
    expect(listed.map(({ key, bytes }) => ({ key, bytes }))).toEqual([
      { key: 'recordings/call-a/call-1.wav', bytes: 1000 },
      { key: 'recordings/call-a/call-10.wav', bytes: 1000 },
      { key: 'recordings/call-a/call-2.wav', bytes: 1000 },
    ])
    const whole = await store().get('recordings/call-a/call-2.wav')
    expect(whole?.status).toBe(200)
    expect(new Uint8Array(await whole!.arrayBuffer())).toEqual(bytes(1000))
    const part = await store().get('recordings/call-a/call-2.wav', 'bytes=10-19')
    expect(part?.status).toBe(206)
    expect(part?.headers.get('content-range')).toBe('bytes 10-19/1000')
    expect([...new Uint8Array(await part!.arrayBuffer())]).toEqual([...bytes(20).slice(10)])
    expect(await store().get('recordings/call-a/call-3.wav')).toBeUndefined()
  })

  it('says what failed when the server refuses', async () => {
    await expect(store({ accessKeyId: 'WRONG' }).put('x', new Uint8Array(1), 'audio/wav')).rejects.toThrow(
      ObjectStoreError,
    )
    await expect(store({ bucket: 'elsewhere' }).list('')).rejects.toThrow(/listing .* in elsewhere: 404/)
  })
})
