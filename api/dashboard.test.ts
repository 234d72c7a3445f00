/** The API serves the built dashboard at `/` (with an SPA fallback) and tells it where Temporal's UI is. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createLogger } from '../lib/logger'
import { createApp } from './app'
import type { ApiDeps } from './context'

const webDir = mkdtempSync(path.join(tmpdir(), 'pitcrew-web-'))
mkdirSync(path.join(webDir, 'assets'))
writeFileSync(path.join(webDir, 'index.html'), '<!doctype html><div id="root"></div>')
writeFileSync(path.join(webDir, 'assets', 'index-abc123.js'), 'console.log(1)')
afterAll(() => rmSync(webDir, { recursive: true, force: true }))

function app(extra: Partial<ApiDeps> = {}) {
  return createApp({
    db: {} as ApiDeps['db'], // these routes never touch it
    log: createLogger('silent'),
    dealershipTimeZone: 'America/Chicago',
    maxBodyBytes: 1024,
    health: [],
    version: 'test',
    webDir,
    ...extra,
  })
}

describe('the dashboard', () => {
  it('is served at / and at its own routes, never in place of the API', async () => {
    const a = app()
    for (const page of ['/', '/calls', '/calls/call-123', '/queue']) {
      const res = await a.request(page)
      expect(res.status, page).toBe(200)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(res.headers.get('cache-control')).toBe('no-cache')
      expect(await res.text()).toContain('<div id="root">')
    }
    const asset = await a.request('/assets/index-abc123.js')
    expect(asset.status).toBe(200)
    expect(asset.headers.get('cache-control')).toContain('immutable')
    expect((await a.request('/assets/missing.js')).status).toBe(404)
    const api = await a.request('/api/nothing-here')
    expect(api.status).toBe(404)
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } })
  })

  it('needs no API key itself, while /api does', async () => {
    const a = app({ apiKey: 'k' })
    expect((await a.request('/calls/x')).status).toBe(200)
    expect((await a.request('/api/config')).status).toBe(401)
  })

  it('says how to build it when web/dist is missing', async () => {
    const res = await app({ webDir: path.join(webDir, 'nope') }).request('/')
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('npm run build')
  })

  it("GET /api/config names the Temporal UI (or null), the time zone and the dealership's date", async () => {
    // 03:30 UTC on Dec 5 is still Dec 4 in Chicago.
    const now = () => new Date('2030-12-05T03:30:00Z')
    const withUi = app({ temporalUi: { url: 'http://127.0.0.1:8233', namespace: 'default' }, now })
    expect(await (await withUi.request('/api/config')).json()).toEqual({
      version: 'test',
      temporalUi: { url: 'http://127.0.0.1:8233', namespace: 'default' },
      timeZone: 'America/Chicago',
      today: '2030-12-04',
    })
    expect(await (await app({ now }).request('/api/config')).json()).toEqual({
      version: 'test',
      temporalUi: null,
      timeZone: 'America/Chicago',
      today: '2030-12-04',
    })
  })
})
