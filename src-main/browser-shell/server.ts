import { randomBytes, timingSafeEqual } from 'node:crypto'
import { readFile, stat } from 'node:fs/promises'
import { type IncomingMessage, type ServerResponse, createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { type WebSocket, WebSocketServer } from 'ws'
import type { AppService } from '../app/app-service'
import { EVENT_NAMES } from '../../src-shared/contract'
import { dispatch } from '../ipc/dispatch'
import { type ClientMessage, type ServerMessage, TOKEN_PARAM, WS_PATH } from '../../src-shared/ws-protocol'

// The browser shell: the same renderer and the same core as the desktop app, served to a browser
// over HTTP and a WebSocket, for headless and remote machines (through an SSH tunnel). It listens
// on 127.0.0.1 only and refuses every request and socket that lacks the token or comes with a
// foreign Origin or Host (the last one defeats DNS rebinding).
//
// The token travels only in this server's own URLs, never in a cookie: browsers scope cookies by
// host, not port, so a cookie set here would be sent to every other web server on 127.0.0.1. The
// page is served only to a request that carries the token; the scripts and styles it loads (which
// cannot carry it) live under a random path chosen at each start and named only in that page.

export interface BrowserShellOptions {
  service: AppService
  /** The built renderer (out/renderer). */
  rendererDir: string
  /** 0 picks a free port. */
  port: number
  /** Fixed for tests; random otherwise. */
  token?: string
}

export interface BrowserShell {
  url: string
  port: number
  token: string
  close(): Promise<void>
}

const MAX_PAYLOAD = 16 * 1024 * 1024

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
}

// The page's own CSP repeated as a header; connect-src names the socket explicitly.
function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ')
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

/** The page's relative references (Vite's "./assets/…"), pointed at the per-start asset path. */
function withAssetPrefix(html: string, prefix: string): string {
  return html.replace(/(\s(?:src|href)=["'])\.\//g, `$1${prefix}/`)
}

/** Who may see what: the page and the socket by the token, the page's assets by the per-start path. */
interface Guard {
  /** The file a request names, relative to the renderer, and whether it came by the asset path; null if not decodable. */
  requestedFile(url: URL): { relative: string; byAssetPath: boolean } | null
  /** Why a request or socket is refused, or null when it may proceed. */
  refusal(request: IncomingMessage, url: URL, requireOrigin: boolean, tokenFree?: boolean): string | null
}

/** `port` is read at each request: it is known only once the server listens. */
function guardOf(token: string, assetKey: string, port: () => number): Guard {
  const allowedHosts = () => new Set([`127.0.0.1:${port()}`, `localhost:${port()}`])
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port()}`, `http://localhost:${port()}`])
  return {
    requestedFile(url) {
      let path: string
      try {
        path = decodeURIComponent(url.pathname)
      } catch {
        return null
      }
      const [, root, key, ...rest] = path.split('/')
      if (root === 'r' && sameToken(key, assetKey)) return { relative: rest.join('/'), byAssetPath: true }
      return { relative: path === '/' ? 'index.html' : path.replace(/^\/+/, ''), byAssetPath: false }
    },
    refusal(request, url, requireOrigin, tokenFree = false) {
      if (!allowedHosts().has(request.headers.host ?? '')) return 'foreign Host'
      const origin = request.headers.origin
      if (origin !== undefined ? !allowedOrigins().has(origin) : requireOrigin) return 'foreign or missing Origin'
      if (tokenFree) return null
      if (!sameToken(url.searchParams.get(TOKEN_PARAM), token)) return 'missing or wrong token'
      return null
    },
  }
}

function refuse(response: ServerResponse, why: string): void {
  response.writeHead(403, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' })
  response.end(`Forbidden: ${why}. Open the URL SessionScope printed, with its token.\n`)
}

/** A file of the built renderer; the page with its asset references pointed at `assetPrefix`. */
async function serveFile(
  response: ServerResponse,
  rendererDir: string,
  relative: string,
  port: number,
  assetPrefix: string,
): Promise<void> {
  const path = normalize(join(rendererDir, relative))
  if (path !== rendererDir && !path.startsWith(`${rendererDir}${sep}`)) {
    response.writeHead(404).end()
    return
  }
  const info = await stat(path).catch(() => null)
  if (!info?.isFile()) {
    response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n')
    return
  }
  const page = isPage(path)
  response.writeHead(200, {
    'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream',
    'Content-Security-Policy': contentSecurityPolicy(port),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': page ? 'no-store' : 'private, max-age=3600',
  })
  response.end(page ? withAssetPrefix(await readFile(path, 'utf8'), assetPrefix) : await readFile(path))
}

export async function startBrowserShell(options: BrowserShellOptions): Promise<BrowserShell> {
  const token = options.token ?? randomBytes(24).toString('hex')
  const assetKey = randomBytes(16).toString('hex')
  const assetPrefix = `/r/${assetKey}`
  const rendererDir = resolve(options.rendererDir)
  let port = options.port
  const { requestedFile, refusal } = guardOf(token, assetKey, () => port)

  const server = createServer((request, response) => {
    const badRequest = () =>
      response.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' }).end('Bad request\n')
    const url = requestUrl(request)
    if (!url) return badRequest()
    const file = requestedFile(url)
    // The asset path is a credential of its own, but one that opens no page: only the page names it.
    const why = refusal(request, url, false, file !== null && file.byAssetPath && !isPage(file.relative))
    if (why) return refuse(response, why)
    if (!file) return badRequest()
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET' }).end()
      return
    }
    serveFile(response, rendererDir, file.relative, port, assetPrefix).catch((error: unknown) => {
      console.error('sessionscope: serving', url.pathname, 'failed:', error)
      if (!response.headersSent) response.writeHead(500).end()
    })
  })

  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD })
  // With noServer the socket server has no listener of its own to fail, but an 'error' nobody
  // listens to would end the process, so one is there in case a future version emits one.
  sockets.on('error', (error) => console.error('sessionscope: the WebSocket server:', error))
  server.on('upgrade', (request, socket, head) => {
    // Node hands the socket over without an 'error' listener: a client that resets it (even after
    // a refusal) would otherwise take the whole process down.
    socket.on('error', () => socket.destroy())
    const url = requestUrl(request)
    if (!url) {
      socket.end('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nBad request\r\n')
      return
    }
    const why = url.pathname === WS_PATH ? refusal(request, url, true) : 'unknown path'
    if (why) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\nForbidden: ${why}\r\n`)
      return
    }
    sockets.handleUpgrade(request, socket, head, (ws) => serveSocket(ws, options.service))
  })

  await new Promise<void>((done, fail) => {
    server.once('error', fail)
    server.listen(options.port, '127.0.0.1', () => done())
  })
  // Once listening, an error (a failed accept, say) concerns one connection, not the server.
  server.on('error', (error) => console.error('sessionscope: the HTTP server:', error))
  port = (server.address() as AddressInfo).port
  return {
    url: `http://127.0.0.1:${port}/?${TOKEN_PARAM}=${token}`,
    port,
    token,
    async close() {
      for (const client of sockets.clients) client.terminate()
      await new Promise<void>((done) => sockets.close(() => done()))
      await new Promise<void>((done) => server.close(() => done()))
    },
  }
}

/** A page (HTML) is what the token guards; "" and a folder stand for its index.html. */
function isPage(relative: string): boolean {
  return relative === '' || relative.endsWith('/') || extname(relative) === '.html'
}

/** The request's target, or null when it does not parse (an absolute-form URL such as "http://["). */
function requestUrl(request: IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? '/', 'http://127.0.0.1')
  } catch {
    return null
  }
}

function serveSocket(ws: WebSocket, service: AppService): void {
  const send = (message: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message))
  }
  const disposers = EVENT_NAMES.map((name) => service.on(name, (payload) => send({ type: 'event', name, payload })))
  ws.on('close', () => disposers.forEach((dispose) => dispose()))
  // A frame that breaks the protocol (too long, not UTF-8, unmasked, a bad opcode, RSV bits, a bad
  // close code) arrives here after ws has already begun closing this socket with the right code;
  // without a listener the 'error' would end the process and every other client with it.
  ws.on('error', (error) => {
    console.error(`sessionscope: closed a WebSocket that broke the protocol: ${error.message}`)
  })
  ws.on('message', (data) => {
    let message: ClientMessage
    try {
      message = JSON.parse(String(data)) as ClientMessage
    } catch {
      ws.close(1003, 'not JSON')
      return
    }
    if (message?.type !== 'request' || typeof message.id !== 'number') {
      ws.close(1003, 'not a request')
      return
    }
    const id = message.id
    // A rejection here would be unhandled, and Node ends the process on one.
    void dispatch(service, message.name, message.args)
      .then((reply) => {
        if (reply.ok) send({ type: 'response', id, ok: true, result: reply.result })
        else send({ type: 'response', id, ok: false, error: reply.error })
      })
      .catch((error: unknown) => {
        console.error(`sessionscope: request ${JSON.stringify(message.name)} failed:`, error)
        send({ type: 'response', id, ok: false, error: `${String(message.name)} failed` })
      })
  })
}
