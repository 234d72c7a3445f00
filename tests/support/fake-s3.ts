/**
 * A FAKE S3-compatible server for tests (no S3 service runs here): path-style PUT, ListObjectsV2
 * (paged, so continuation tokens are exercised) and GET with a single byte range, objects in memory.
 * It checks that requests are SigV4-signed with the expected access key, not the signature itself.
 */
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

export const FAKE_S3_CREDENTIALS = { accessKeyId: 'FAKEKEY', secretAccessKey: 'fake-secret' }

export async function startFakeS3(o: { bucket: string; pageSize?: number }) {
  const objects = new Map<string, Buffer>()
  const modified = new Map<string, Date>()
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req)
      const url = new URL(req.url ?? '/', 'http://fake-s3')
      const [, bucket, ...rest] = url.pathname.split('/')
      const key = rest.map(decodeURIComponent).join('/')
      const auth = req.headers.authorization ?? ''
      if (!auth.startsWith(`AWS4-HMAC-SHA256 Credential=${FAKE_S3_CREDENTIALS.accessKeyId}/`))
        return reply(403, error('AccessDenied', 'not signed with the expected key'))
      if (bucket !== o.bucket) return reply(404, error('NoSuchBucket', String(bucket)))
      if (req.method === 'PUT' && key) {
        objects.set(key, body)
        modified.set(key, new Date())
        return reply(200, '')
      }
      if (req.method === 'GET' && !key) return reply(200, listing(url.searchParams))
      if (req.method === 'GET') {
        const object = objects.get(key)
        if (!object) return reply(404, error('NoSuchKey', key))
        const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '')
        if (!range) return reply(200, object)
        const start = Number(range[1])
        const end = Math.min(range[2] ? Number(range[2]) : object.length - 1, object.length - 1)
        if (start >= object.length) return reply(416, error('InvalidRange', req.headers.range!))
        res.setHeader('content-range', `bytes ${start}-${end}/${object.length}`)
        return reply(206, object.subarray(start, end + 1))
      }
      reply(405, error('MethodNotAllowed', req.method ?? ''))
    })()

    function reply(status: number, payload: string | Buffer) {
      res.statusCode = status
      res.setHeader('content-length', Buffer.byteLength(payload))
      res.end(payload)
    }
  })

  function listing(query: URLSearchParams) {
    const prefix = query.get('prefix') ?? ''
    const after = query.get('continuation-token') ?? ''
    const keys = [...objects.keys()].filter((k) => k.startsWith(prefix) && k > after).sort()
    const page = keys.slice(0, o.pageSize ?? 1000)
    const truncated = keys.length > page.length
    return (
      `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><Name>${o.bucket}</Name>` +
      page
        .map(
          (k) =>
            `<Contents><Key>${k}</Key><Size>${objects.get(k)!.length}</Size>` +
            `<LastModified>${modified.get(k)!.toISOString()}</LastModified></Contents>`,
        )
        .join('') +
      `<IsTruncated>${truncated}</IsTruncated>` +
      (truncated ? `<NextContinuationToken>${page.at(-1)}</NextContinuationToken>` : '') +
      '</ListBucketResult>'
    )
  }

  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  return {
    endpoint,
    objects,
    /** The environment that points pitcrew at this bucket. */
    env: {
      S3_ENDPOINT: endpoint,
      S3_BUCKET: o.bucket,
      S3_ACCESS_KEY_ID: FAKE_S3_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: FAKE_S3_CREDENTIALS.secretAccessKey,
    },
    stop: () => new Promise<void>((r) => server.close(() => r())),
  }
}

const error = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** The bucket of a running fake server, as `createObjectStore` takes it (plus a region). */
export function fakeS3Bucket(s3: { env: Record<string, string> }) {
  return {
    endpoint: s3.env.S3_ENDPOINT!,
    bucket: s3.env.S3_BUCKET!,
    accessKeyId: s3.env.S3_ACCESS_KEY_ID!,
    secretAccessKey: s3.env.S3_SECRET_ACCESS_KEY!,
  }
}
