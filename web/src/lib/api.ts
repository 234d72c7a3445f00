/** fetch() for the pitcrew API: JSON in and out, the API key, and its error shape as ApiError. */
import { apiKey, setNeedsKey } from './api-key'

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

export async function api<T>(
  path: string,
  init: {
    method?: 'GET' | 'POST'
    body?: unknown
    /** A binary body (a voice message) sent as it is, with its own type, instead of JSON. */
    blob?: Blob
    headers?: Record<string, string>
  } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...init.headers }
  if (init.body !== undefined) headers['content-type'] = 'application/json'
  if (init.blob) headers['content-type'] = init.blob.type || 'application/octet-stream'
  const key = apiKey()
  if (key) headers.authorization = `Bearer ${key}`
  let res: Response
  try {
    res = await fetch(path, {
      method: init.method ?? (init.body === undefined && !init.blob ? 'GET' : 'POST'),
      headers,
      body: init.blob ?? (init.body === undefined ? undefined : JSON.stringify(init.body)),
    })
  } catch {
    throw new ApiError(0, 'network', 'The pitcrew API cannot be reached. Is `npm start` running?')
  }
  const text = await res.text()
  let body: unknown
  try {
    body = text ? JSON.parse(text) : undefined
  } catch {
    body = undefined
  }
  if (!res.ok) {
    if (res.status === 401) setNeedsKey(true)
    const error = (body as { error?: { code?: string; message?: string } } | undefined)?.error
    throw new ApiError(res.status, error?.code ?? 'http_error', error?.message ?? `HTTP ${res.status}`)
  }
  return body as T
}

/** A message for people, whatever was thrown. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}
