/**
 * Serves the built dashboard (web/dist) at `/`. Hashed assets are cached for good; any other GET
 * outside /api, /health, /livez, /readyz and /openapi.json gets index.html, so the dashboard's own routes
 * (/calls/…, /queue) survive a reload.
 */
import { existsSync } from 'node:fs'
import path from 'node:path'
import { serveStatic } from '@hono/node-server/serve-static'
import type { Hono } from 'hono'
import type { AppEnv } from './context'

const SERVER_PATHS = /^\/(api|health|livez|readyz|openapi\.json)(\/|$)/

export function mountDashboard(app: Hono<AppEnv>, webDir: string) {
  if (!existsSync(path.join(webDir, 'index.html'))) {
    app.get('/', (c) =>
      c.html(
        '<!doctype html><title>pitcrew</title><p>The dashboard is not built: run <code>npm run build</code> ' +
          '(<code>npm start</code> does it for you).</p>',
        503,
      ),
    )
    return
  }
  // serveStatic calls onFound after building the response: remember the file, set headers after.
  const found = new WeakMap<object, string>()
  const onFound = (file: string, c: object) => void found.set(c, file)
  const files = serveStatic<AppEnv>({ root: webDir, onFound })
  const index = serveStatic<AppEnv>({ root: webDir, path: 'index.html', onFound })

  app.use('*', async (c, next) => {
    if (SERVER_PATHS.test(c.req.path)) return next()
    const res = await files(c, next) // not a file: next() runs the SPA fallback below
    if (res instanceof Response) c.res = res
    const file = found.get(c)
    if (file && c.res.ok) {
      // File names under assets/ carry a content hash; index.html must always be revalidated.
      const immutable = file.includes(`${path.sep}assets${path.sep}`)
      c.res.headers.set('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    }
  })
  // The SPA fallback: a page route of the dashboard, not a missing file (those keep their 404).
  app.get('*', async (c, next) => {
    if (SERVER_PATHS.test(c.req.path) || path.extname(c.req.path) !== '') return next()
    return index(c, next)
  })
}
