/**
 * Refuses a URL whose percent-encoding is broken (`%zz`, a cut-off `%E0%A4%A`, bytes that are not
 * UTF-8) with a 400 naming the query parameter or path segment. Hono keeps such a value undecoded and
 * passes it on, so without this a route would quietly look up or search for the literal text `%zz`.
 */
import type { MiddlewareHandler } from 'hono'
import { badRequest } from './errors'

const canDecode = (text: string) => {
  try {
    decodeURIComponent(text)
    return true
  } catch {
    return false
  }
}

/** How a broken piece is quoted back: its raw, still-encoded text, shortened. */
const quote = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text)

export const rejectMalformedUrl: MiddlewareHandler = async (c, next) => {
  const { pathname, search } = new URL(c.req.url)
  const segment = pathname.split('/').find((s) => !canDecode(s))
  if (segment !== undefined) {
    throw badRequest(`The URL path is not valid percent-encoding at ${quote(segment)}`, [
      { path: 'path', message: `segment ${quote(segment)} is not valid percent-encoding` },
    ])
  }
  for (const pair of search.slice(1).split('&')) {
    const [rawName = '', rawValue = ''] = pair.replace(/\+/g, ' ').split(/=(.*)/s)
    const name = canDecode(rawName) ? decodeURIComponent(rawName) : undefined
    if (name === undefined || !canDecode(rawValue)) {
      const which = name === undefined ? `name ${quote(rawName)}` : name
      throw badRequest(`Query parameter ${which} is not valid percent-encoding`, [
        {
          path: name ?? 'query',
          message: `is not valid percent-encoding: ${quote(name ? rawValue : rawName)}`,
        },
      ])
    }
  }
  await next()
}
