/**
 * The `Range: bytes=...` request header (RFC 9110 §14), for files an <audio> element seeks in. One
 * range only: `bytes=a-b`, `bytes=a-` or `bytes=-n` (the last n bytes).
 */

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
