// The Electron main process's security decisions, as plain functions of strings, so they run and
// are tested in Node without Electron. The code that calls Electron (guards.ts, protocol.ts) only
// wires these to events; it decides nothing itself.

import { extname, isAbsolute, relative, resolve, sep } from 'node:path'
import { externalLinkUrl } from '../../src-shared/contract'

/** The renderer is served from this custom scheme and host, never from file:// (which any local file shares). */
export const APP_SCHEME = 'app'
export const APP_HOST = 'sessionscope'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/**
 * The scheme's privileges: standard (so it has an origin and relative URLs resolve), secure (a
 * secure context, like https), and fetch for the module scripts the build emits. Nothing that
 * bypasses CSP or opens it to other origins.
 */
export const APP_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true } as const

function parse(url: string): URL | null {
  try {
    return new URL(url)
  } catch {
    return null
  }
}

/**
 * Whether a URL is the app's own page: exactly the app:// origin, or, in a development build only,
 * the dev server's origin. `devServerUrl` must be null in a production build, whatever the environment says.
 */
export function isAppUrl(url: string, devServerUrl: string | null): boolean {
  const parsed = parse(url)
  if (!parsed || parsed.username || parsed.password) return false
  if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST) return true
  if (devServerUrl === null) return false
  const dev = parse(devServerUrl)
  return dev !== null && (dev.protocol === 'http:' || dev.protocol === 'https:') && parsed.origin === dev.origin
}

/** What may leave the app: the contract's rule, which the renderer's confirmation also shows. */
export const externalUrl = externalLinkUrl

export type NavigationKind = 'will-navigate' | 'will-frame-navigate' | 'will-redirect'

/**
 * Whether a web contents may go to a URL. The app is one page that never navigates: only a load of
 * its own page, in its top frame, goes ahead; links go through the renderer's confirmation and openExternal.
 */
export function allowNavigation(url: string, isMainFrame: boolean, devServerUrl: string | null): boolean {
  return isMainFrame && isAppUrl(url, devServerUrl)
}

/** Permissions the app's own page may use: writing the clipboard (the Copy path button). Nothing else, for nobody else. */
const APP_PERMISSIONS = new Set(['clipboard-sanitized-write'])

export interface PermissionAsk {
  permission: string
  /** The page (or, failing that, the origin) that asks. */
  requestingUrl: string | null | undefined
  /** Electron leaves it out for some checks; only an explicit sub-frame is refused for it. */
  isMainFrame: boolean | undefined
}

export function allowPermission(ask: PermissionAsk, devServerUrl: string | null): boolean {
  const { permission, requestingUrl, isMainFrame } = ask
  return (
    APP_PERMISSIONS.has(permission) && isMainFrame !== false && typeof requestingUrl === 'string' && isAppUrl(requestingUrl, devServerUrl)
  )
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

export function mimeTypeOf(path: string): string {
  return MIME_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file under `root` an app:// request names, or null when it names none: another scheme or
 * host, a `..` segment or an encoded dot, an encoded slash or backslash, a NUL, or anything
 * that resolves outside `root`. `/` is the index page.
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  const parsed = parse(requestUrl)
  if (!parsed || parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username || parsed.password) return null
  // The URL parser already folded plain `..` segments; the raw text is checked too, so `/a/../../x` never reaches the disk.
  const rawPath = requestUrl.slice(requestUrl.indexOf(APP_HOST) + APP_HOST.length).split(/[?#]/)[0] ?? ''
  if (/(^|[/\\])\.\.([/\\]|$)/.test(rawPath) || /%2e|%2f|%5c|%00/i.test(rawPath)) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(parsed.pathname)
  } catch {
    return null
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000\\]/.test(pathname) || pathname.split('/').some((segment) => segment === '..')) return null
  const relativePath = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '')
  const base = resolve(root)
  const target = resolve(base, relativePath)
  return isInside(base, target) ? target : null
}

/** Whether `target` is `base` itself or lies beneath it. */
export function isInside(base: string, target: string): boolean {
  const rel = relative(base, target)
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel))
}
