/** A tiny history router: the dashboard has six pages, not worth a dependency. */
import { createSignal } from 'solid-js'

const [pathname, setPathname] = createSignal(typeof location === 'undefined' ? '/' : location.pathname)
const [search, setSearch] = createSignal(typeof location === 'undefined' ? '' : location.search)

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    setPathname(location.pathname)
    setSearch(location.search)
  })
}

export { pathname, search }

export function navigate(to: string, options: { replace?: boolean } = {}) {
  const url = new URL(to, location.href)
  if (options.replace) history.replaceState(null, '', url)
  else history.pushState(null, '', url)
  setPathname(url.pathname)
  setSearch(url.search)
  window.scrollTo(0, 0)
}

/** An <a> click that the router should handle: a plain left click, no modifier keys. */
export function isPlainClick(e: MouseEvent): boolean {
  return e.button === 0 && !e.metaKey && !e.ctrlKey && !e.shiftKey && !e.altKey
}

/** The first route whose pattern matches the path, with its captured parameters. */
export function matchRoute<T>(
  routes: ReadonlyArray<{ pattern: RegExp; page: T }>,
  path: string,
): { page: T; params: string[] } | null {
  for (const route of routes) {
    const m = route.pattern.exec(path)
    if (m) return { page: route.page, params: m.slice(1).map((p) => decodeURIComponent(p)) }
  }
  return null
}
