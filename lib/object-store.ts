/**
 * An S3-compatible bucket (AWS S3, MinIO, Ceph, R2, ...) for call recordings: put, list and ranged
 * get, signed with AWS Signature V4 (aws4fetch). Path-style addressing, `<endpoint>/<bucket>/<key>`,
 * which every S3-compatible server understands.
 */
import { AwsClient } from 'aws4fetch'

export interface ObjectStoreConfig {
  endpoint: string
  bucket: string
  region: string
  accessKeyId: string
  secretAccessKey: string
}

export interface StoredObject {
  key: string
  bytes: number
  lastModified?: Date
}

export interface ObjectStore {
  put(key: string, body: Uint8Array, contentType: string): Promise<void>
  /** Every object whose key starts with `prefix`, in key order. */
  list(prefix: string): Promise<StoredObject[]>
  /** The object, or the bytes `range` names (an HTTP Range value); undefined when it does not exist. */
  get(key: string, range?: string): Promise<Response | undefined>
  /** The bucket, for messages. */
  describe(): string
}

export class ObjectStoreError extends Error {}

export function createObjectStore(config: ObjectStoreConfig): ObjectStore {
  const aws = new AwsClient({
    accessKeyId: config.accessKeyId,
    secretAccessKey: config.secretAccessKey,
    region: config.region,
    service: 's3',
  })
  const bucketUrl = `${config.endpoint.replace(/\/+$/, '')}/${encodeURIComponent(config.bucket)}`
  const objectUrl = (key: string) => `${bucketUrl}/${key.split('/').map(encodeURIComponent).join('/')}`
  const fail = async (what: string, res: Response) =>
    new ObjectStoreError(`${what}: ${res.status} ${(await res.text()).slice(0, 300)}`)

  return {
    async put(key, body, contentType) {
      const res = await aws.fetch(objectUrl(key), {
        method: 'PUT',
        body,
        headers: { 'content-type': contentType, 'content-length': String(body.byteLength) },
      })
      if (!res.ok) throw await fail(`storing ${key} in ${config.bucket}`, res)
      await res.arrayBuffer()
    },

    async list(prefix) {
      const found: StoredObject[] = []
      let token: string | undefined
      do {
        const query = new URLSearchParams({ 'list-type': '2', prefix })
        if (token) query.set('continuation-token', token)
        const res = await aws.fetch(`${bucketUrl}?${query}`)
        if (!res.ok) throw await fail(`listing ${prefix} in ${config.bucket}`, res)
        const xml = await res.text()
        for (const [, entry] of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
          const key = xmlValue(entry!, 'Key')
          const modified = xmlValue(entry!, 'LastModified')
          if (key !== undefined)
            found.push({
              key,
              bytes: Number(xmlValue(entry!, 'Size') ?? 0),
              ...(modified ? { lastModified: new Date(modified) } : {}),
            })
        }
        token = xmlValue(xml, 'IsTruncated') === 'true' ? xmlValue(xml, 'NextContinuationToken') : undefined
      } while (token)
      return found.sort((a, b) => (a.key < b.key ? -1 : 1))
    },

    async get(key, range) {
      const res = await aws.fetch(objectUrl(key), { headers: range ? { range } : {} })
      if (res.status === 404) {
        await res.arrayBuffer()
        return undefined
      }
      if (!res.ok && res.status !== 416) throw await fail(`reading ${key} from ${config.bucket}`, res)
      return res
    },

    describe: () => `${bucketUrl}`,
  }
}

/** The text of the first `<tag>` in `xml`, with XML's five entities decoded. */
function xmlValue(xml: string, tag: string): string | undefined {
  const match = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml)
  return match?.[1]
    ?.replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
}
