/**
 * Where webhooks may be sent. Only http(s) URLs without credentials; and unless private addresses
 * are allowed (WEBHOOK_ALLOW_PRIVATE=true), never to loopback, private, link-local or otherwise
 * non-public addresses, checked both when a subscription is created and at every delivery, on the
 * address the connection actually uses (see `safeLookup`), so a name that later resolves to an
 * internal host is still refused. Address ranges come from ipaddr.js rather than hand-written masks.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'
import ipaddr from 'ipaddr.js'

export const MAX_WEBHOOK_URL_CHARS = 2000

/** Why a URL cannot receive webhooks, or null when its form is fine. */
export function webhookUrlProblem(raw: string): string | null {
  if (raw.length > MAX_WEBHOOK_URL_CHARS) return `must be at most ${MAX_WEBHOOK_URL_CHARS} characters`
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return 'is not a URL'
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must be an http or https URL'
  if (url.username || url.password) return 'must not contain credentials (user:password@)'
  if (!url.hostname) return 'must name a host'
  if (url.hash) return 'must not have a #fragment'
  return null
}

/** True for addresses on the public internet (ipaddr.js calls those "unicast"). */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false
  // An IPv4-mapped IPv6 address (::ffff:127.0.0.1) is judged as the IPv4 address it maps.
  return ipaddr.process(address).range() === 'unicast'
}

/** The host of a URL as the resolver wants it (IPv6 literals without their brackets). */
function hostOf(url: string): string {
  return new URL(url).hostname.replace(/^\[(.*)\]$/, '$1')
}

export class PrivateAddressError extends Error {
  override name = 'PrivateAddressError'
}

function refuse(host: string, address: string) {
  return new PrivateAddressError(
    `${host} is ${address === host ? 'a' : `${address}, a`} private or loopback address; set WEBHOOK_ALLOW_PRIVATE=true to allow it`,
  )
}

/**
 * Resolves the URL's host and throws PrivateAddressError if any address it has is not public (a
 * name with one internal address could be steered to it). A name that does not resolve passes: the
 * deliveries will fail and be retried, and checked again each time.
 */
export async function assertPublicHost(url: string): Promise<void> {
  const host = hostOf(url)
  if (isIP(host)) {
    if (!isPublicAddress(host)) throw refuse(host, host)
    return
  }
  const addresses = await new Promise<LookupAddress[]>((resolve) =>
    dnsLookup(host, { all: true }, (err, found) => resolve(err ? [] : found)),
  )
  const internal = addresses.find((a) => !isPublicAddress(a.address))
  if (internal) throw refuse(host, internal.address)
}

/**
 * A `lookup` for http.request that refuses non-public addresses: the check and the connection use
 * the same answer, so DNS cannot change between them. IP literals never reach a lookup: check them
 * with `assertPublicHost` first.
 */
export const safeLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, '', 0)
    const list = addresses as LookupAddress[]
    const internal = list.find((a) => !isPublicAddress(a.address))
    if (internal) return callback(refuse(hostname, internal.address), '', 0)
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, list)
    const first = list[0]!
    callback(null, first.address, first.family)
  })
}
