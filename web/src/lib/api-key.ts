/**
 * The PITCREW_API_KEY the user pasted, kept in localStorage. `needsKey` turns on when the API
 * answers 401, so the header can ask for it.
 */
import { createSignal } from 'solid-js'

const STORAGE_KEY = 'pitcrew.apiKey'

function read(): string {
  try {
    return localStorage.getItem(STORAGE_KEY) ?? ''
  } catch {
    return '' // storage disabled (private mode): the key lives for this page only
  }
}

const [apiKey, setKey] = createSignal(read())
const [needsKey, setNeedsKey] = createSignal(false)

export { apiKey, needsKey, setNeedsKey }

export function setApiKey(key: string) {
  const trimmed = key.trim()
  try {
    if (trimmed) localStorage.setItem(STORAGE_KEY, trimmed)
    else localStorage.removeItem(STORAGE_KEY)
  } catch {
    // see read()
  }
  setKey(trimmed)
  setNeedsKey(false)
}

/** `url` with `?access_token=` when a key is set: EventSource cannot send an Authorization header. */
export function withAccessToken(url: string): string {
  const key = apiKey()
  if (!key) return url
  return `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(key)}`
}
