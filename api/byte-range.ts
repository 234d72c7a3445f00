/**
 * The `Range: bytes=...` request header (RFC 9110 §14), for files an <audio> element seeks in. One
 * range only: `bytes=a-b`, `bytes=a-` or `bytes=-n` (the last n bytes).
 */
import type { Context } from 'hono'
import { ApiError } from './errors'

export type ByteRange = { start: number; end: number }

/**
 * The inclusive byte range `header` asks for in a file of `size` bytes; undefined when there is no
 * header (send the whole file); 'unsatisfiable' for a range outside the file, several ranges or
 * anything malformed.
 */
export function parseByteRange(
  header: string | undefined,
  size: number,
): ByteRange | 'unsatisfiable' | undefined {
  if (header === undefined) return undefined
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim())
  if (!match) return 'unsatisfiable'
  const [, from = '', to = ''] = match
  if (from === '' && to === '') return 'unsatisfiable'
  if (from === '') {
    const suffix = Number(to)
    if (suffix === 0 || size === 0) return 'unsatisfiable'
    return { start: Math.max(0, size - suffix), end: size - 1 }
  }
  const start = Number(from)
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1)
  if (start >= size || end < start) return 'unsatisfiable'
  return { start, end }
}

/** What `serveBytes` needs of a file: its size and a reader of an inclusive byte range. */
export interface RangeReadable {
  name: string
  bytes: number
  contentType: string
  cacheControl: string
  read(start: number, end: number): Promise<ReadableStream>
}

/**
 * Answers a GET for `file` honouring `Range`: 200 with the whole file, 206 with one range, or 416
 * (`range_not_satisfiable`) naming the file's size.
 */
export async function serveBytes(c: Context, file: RangeReadable): Promise<Response> {
  const { bytes, name } = file
  const range = parseByteRange(c.req.header('range'), bytes)
  c.header('Accept-Ranges', 'bytes')
  c.header('Cache-Control', file.cacheControl)
  if (range === 'unsatisfiable') {
    c.header('Content-Range', `bytes */${bytes}`)
    throw new ApiError(
      416,
      'range_not_satisfiable',
      `Range ${c.req.header('range')} is not one range within the ${bytes} bytes of ${name}`,
    )
  }
  const { start, end } = range ?? { start: 0, end: bytes - 1 }
  c.header('Content-Type', file.contentType)
  c.header('Content-Length', String(end - start + 1))
  if (range) c.header('Content-Range', `bytes ${start}-${end}/${bytes}`)
  if (bytes === 0) return c.body(null, 200)
  return c.body(await file.read(start, end), range ? 206 : 200)
}
