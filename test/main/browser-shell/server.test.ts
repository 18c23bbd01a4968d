import { request as httpRequest } from 'node:http'
import { mkdir, readFile, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { AppService } from '../../../src-main/app/app-service'
import type { AppSnapshot, Events } from '../../../src-shared/contract'
import type { ServerMessage } from '../../../src-shared/ws-protocol'
import { makeTempDir, oxiosDocument, removeDir, writeOxios } from '../../support/fixtures'
import { waitFor } from '../../support/wait-for'
import { type BrowserShell, startBrowserShell } from '../../../src-main/browser-shell/server'

let dir: string
let sessions: string
let service: AppService
let shell: BrowserShell

beforeAll(async () => {
  dir = await makeTempDir('shell')
  sessions = join(dir, 'oxios', 'workspace', 'sessions')
  const old = new Date('2026-10-01T00:00:00Z')
  for (const id of ['s-one', 's-two']) await utimes(await writeOxios(sessions, oxiosDocument({ id, projectId: 'web' })), old, old)
  const rendererDir = join(dir, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(
    join(rendererDir, 'index.html'),
    '<!doctype html><title>SessionScope</title>\n<script type="module" crossorigin src="./assets/app.js"></script>\n' +
      '<link rel="icon" href="data:," /><link rel="stylesheet" crossorigin href="./assets/app.css">',
  )
  await writeFile(join(rendererDir, 'assets', 'app.js'), 'console.log(1)')
  await writeFile(join(rendererDir, 'assets', 'app.css'), 'body { margin: 0 }')
  await writeFile(join(dir, 'secret.txt'), 'not for the browser')
  service = await AppService.start({
    dataDir: join(dir, 'data'),
    home: join(dir, 'home'),
    env: {},
    dirs: [join(dir, 'oxios', 'workspace')],
    samplesDir: join(dir, 'no-samples'),
    shell: 'browser',
  })
  shell = await startBrowserShell({ service, rendererDir, port: 0, token: 'secret-token-123' })
})

afterAll(async () => {
  await shell.close()
  await service.close()
  await removeDir(dir)
})

/** A raw HTTP GET, so the test controls the Host and Origin headers a browser would send. */
function get(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: shell.port, path, headers: { Host: `127.0.0.1:${shell.port}`, ...headers } },
      (res) => {
        let body = ''
        res.on('data', (chunk) => (body += String(chunk)))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.on('error', reject)
    req.end()
  })
}

function socket(query: string, origin: string | null): WebSocket {
  const headers: Record<string, string> = origin ? { Origin: origin } : {}
  return new WebSocket(`ws://127.0.0.1:${shell.port}/ws${query}`, { headers })
}

function refusedStatus(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => {
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0))
    ws.on('open', () => resolve(101))
  })
}

/** A connected client that collects events and answers requests by id. */
async function connect() {
  const ws = socket(`?token=secret-token-123`, `http://127.0.0.1:${shell.port}`)
  const events: Array<{ name: string; payload: unknown }> = []
  const replies = new Map<number, ServerMessage>()
  ws.on('message', (data) => {
    const message = JSON.parse(String(data)) as ServerMessage
    if (message.type === 'event') events.push({ name: message.name, payload: message.payload })
    else replies.set(message.id, message)
  })
  await new Promise((resolve, reject) => {
    ws.once('open', resolve)
    ws.once('error', reject)
  })
  let next = 1
  const call = async (name: string, args: unknown[]) => {
    const id = next++
    ws.send(JSON.stringify({ type: 'request', id, name, args }))
    await waitFor(`the reply to ${name}`, () => replies.has(id))
    return replies.get(id) as ServerMessage & { type: 'response' }
  }
  return { ws, events, call }
}

describe('the browser shell refuses', () => {
  it('HTTP requests without the token, with a wrong one, or with a foreign Host or Origin', async () => {
    expect((await get('/')).status).toBe(403)
    expect((await get('/?token=wrong')).status).toBe(403)
    expect((await get('/assets/app.js')).status).toBe(403)
    expect((await get('/?token=secret-token-123', { Host: 'evil.example:80' })).status).toBe(403)
    expect((await get('/?token=secret-token-123', { Origin: 'http://evil.example' })).status).toBe(403)
    expect((await get('/', { Cookie: 'sessionscope_token=wrong' })).body).toContain('Forbidden')
  })

  it('sockets without the token, with a foreign Origin, or with no Origin at all', async () => {
    const origin = `http://127.0.0.1:${shell.port}`
    expect(await refusedStatus(socket('', origin))).toBe(403)
    expect(await refusedStatus(socket('?token=wrong', origin))).toBe(403)
    expect(await refusedStatus(socket('?token=secret-token-123', 'http://evil.example'))).toBe(403)
    expect(await refusedStatus(socket('?token=secret-token-123', null))).toBe(403)
  })
})

describe('the browser shell serves', () => {
  it('the renderer with the token, sets no cookie, and sends a strict CSP', async () => {
    const page = await get('/?token=secret-token-123')
    expect(page.status).toBe(200)
    expect(page.body).toContain('<title>SessionScope</title>')
    expect(page.headers['set-cookie']).toBeUndefined()
    expect(page.body).not.toContain('secret-token-123')
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'")
    const asset = await get('/assets/app.js?token=secret-token-123')
    expect(asset.status).toBe(200)
    expect(asset.headers['content-type']).toContain('text/javascript')
  })

  it("the page's assets at a per-start address the page names, without the token, and nothing else", async () => {
    const page = await get('/?token=secret-token-123')
    const script = /src="([^"]+)"/.exec(page.body)?.[1] as string
    const style = /stylesheet" crossorigin href="([^"]+)"/.exec(page.body)?.[1] as string
    expect(script).toMatch(/^\/r\/[0-9a-f]{32}\/assets\/app\.js$/)
    expect(style).toBe(script.replace('app.js', 'app.css'))
    expect(page.body).toContain('href="data:,"')
    for (const [path, type] of [
      [script, 'text/javascript'],
      [style, 'text/css'],
    ] as const) {
      const asset = await get(path)
      expect(asset.status).toBe(200)
      expect(asset.headers['content-type']).toContain(type)
      expect(asset.headers['set-cookie']).toBeUndefined()
    }
    const prefix = script.slice(0, script.indexOf('/assets/'))
    expect((await get(`${prefix}/assets/app.js`, { Host: 'evil.example:80' })).status).toBe(403)
    expect((await get(`${prefix}/assets/app.js`, { Origin: 'http://evil.example' })).status).toBe(403)
    expect((await get(`/r/${'0'.repeat(32)}/assets/app.js`)).status).toBe(403)
    // The page itself needs the token, whatever address it is asked for under.
    expect((await get(`${prefix}/index.html`)).status).toBe(403)
    expect((await get(`${prefix}/`)).status).toBe(403)
    for (const path of [`${prefix}/../secret.txt`, `${prefix}/%2e%2e/%2e%2e/secret.txt`, `${prefix}/assets/../../secret.txt`]) {
      const response = await get(path)
      expect(response.status).not.toBe(200)
      expect(response.body).not.toContain('not for the browser')
    }
  })

  it('nothing for a cookie: one named like the token, holding it, opens nothing', async () => {
    const cookie = { Cookie: 'sessionscope_token=secret-token-123' }
    expect((await get('/', cookie)).status).toBe(403)
    expect((await get('/assets/app.js', cookie)).status).toBe(403)
    const origin = `http://127.0.0.1:${shell.port}`
    const ws = new WebSocket(`ws://127.0.0.1:${shell.port}/ws`, { headers: { Origin: origin, ...cookie } })
    expect(await refusedStatus(ws)).toBe(403)
    // Nor does the socket's own handshake hand one out.
    const good = new WebSocket(`ws://127.0.0.1:${shell.port}/ws?token=secret-token-123`, { headers: { Origin: origin } })
    const handshake = await new Promise<Record<string, unknown>>((resolve) => {
      good.once('upgrade', (response) => resolve(response.headers))
    })
    good.close()
    expect(handshake['set-cookie']).toBeUndefined()
  })

  it('a bad request for what it is, once the token is checked', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(403)
    expect((await get('/%E0%A4%A?token=secret-token-123')).status).toBe(400)
  })

  it('nothing outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt']) {
      const response = await get(`${path}?token=secret-token-123`)
      expect(response.status).toBe(404)
      expect(response.body).not.toContain('not for the browser')
    }
  })

  it('the contract over the socket: snapshot, validated requests, and events after changes', async () => {
    const client = await connect()
    try {
      const snapshot = await client.call('getSnapshot', [])
      expect(snapshot.ok).toBe(true)
      const state = (snapshot as { result: AppSnapshot }).result
      expect(state.sessions.map((s) => s.id).sort()).toEqual(['s-one', 's-two'])
      expect(state.shell).toBe('browser')
      const storeId = state.stores[0]?.id as string

      // Paths are never accepted where ids are expected, nor extra fields, nor unknown requests.
      const bad = await client.call('moveSessions', [
        [{ storeId, id: 's-one', path: '/etc/passwd' }],
        { kind: 'project', name: 'x' },
        false,
      ])
      expect(bad).toMatchObject({ ok: false, error: expect.stringContaining('unexpected field "path"') })
      expect(await client.call('deleteEverything', [])).toMatchObject({ ok: false, error: expect.stringContaining('unknown request') })
      expect(await client.call('loadSession', ['s-one'])).toMatchObject({ ok: false })

      const moved = await client.call('moveSessions', [[{ storeId, id: 's-one' }], { kind: 'project', name: 'mobile' }, false])
      expect(moved).toMatchObject({ ok: true, result: { ok: true, value: { done: [{ id: 's-one', to: 'mobile' }] } } })
      // The operation publishes its own batch at once; the change is on disk too.
      await waitFor('the batch announcing the move', () =>
        client.events.some(
          (event) =>
            event.name === 'indexBatch' &&
            (event.payload as Events['indexBatch']).events.some((e) => e.type !== 'problem' && e.session?.project === 'mobile'),
        ),
      )
      expect(JSON.parse(await readFile(join(sessions, 's-one.json'), 'utf8')).project_id).toBe('mobile')

      // A change made by someone else arrives through the watcher.
      await writeOxios(sessions, oxiosDocument({ id: 's-three' }))
      await waitFor('the batch announcing the new file', () =>
        client.events.some((event) =>
          (event.payload as Events['indexBatch']).events?.some((e) => e.type === 'added' && e.id === 's-three'),
        ),
      )
      const undo = await client.call('undo', [])
      expect(undo).toMatchObject({ ok: true, result: { ok: true, value: { label: 'Move session to mobile' } } })
      expect(JSON.parse(await readFile(join(sessions, 's-one.json'), 'utf8')).project_id).toBe('web')
    } finally {
      client.ws.close()
    }
  })
})
