// The browser shell refuses whatever does not come from the page it printed: no token, a wrong
// token, a foreign Host (DNS rebinding) or a foreign Origin, for plain requests and for the socket.
// And it hands the browser no cookie: cookies ignore ports, so one would reach every other local
// web server the browser visits.

import { request as httpRequest } from 'node:http'
import { TOKEN_PARAM, WS_PATH } from '../../src-shared/ws-protocol'
import { expect, test } from '../fixtures'
import { SAMPLE, fingerprint, locate } from '../support/disk'

interface Answer {
  status: number
  body: string
  /** True when the server switched to a WebSocket (101). */
  upgraded: boolean
}

/** One raw HTTP request to the shell, with exactly the headers given (Host included). */
function ask(port: number, path: string, headers: Record<string, string>, upgrade = false): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: '127.0.0.1',
      port,
      path,
      method: 'GET',
      setHost: false,
      headers: {
        Host: `127.0.0.1:${port}`,
        ...(upgrade
          ? { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'c2Vzc2lvbnNjb3BlLWUyZQ==' }
          : {}),
        ...headers,
      },
    })
    req.setTimeout(10_000, () => req.destroy(new Error(`no answer to ${path} within 10 s`)))
    req.once('upgrade', (response, socket) => {
      socket.destroy()
      resolve({ status: response.statusCode ?? 0, body: '', upgraded: true })
    })
    req.once('response', (response) => {
      let body = ''
      response.setEncoding('utf8')
      response.on('data', (chunk: string) => (body += chunk))
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body, upgraded: false }))
    })
    req.once('error', reject)
    req.end()
  })
}

test.describe('browser shell', () => {
  test.beforeEach(({ shellKind }) => {
    test.skip(shellKind !== 'browser', 'the token guards the browser shell only; the Electron app serves no HTTP')
  })

  test('refuses a request or socket without the token, with a wrong one, or from a foreign Origin or Host', async ({
    app,
    stores,
    browser,
  }) => {
    const port = app.port as number
    const token = app.token as string
    const origin = app.origin as string
    const before = await fingerprint(stores.root)

    // The printed address works, and its page is the app.
    const good = await ask(port, `/?${TOKEN_PARAM}=${token}`, {})
    expect(good.status).toBe(200)
    expect(good.body).toContain('<div id="root"')

    // Plain requests.
    expect((await ask(port, '/', {})).status, 'no token').toBe(403)
    expect((await ask(port, '/index.html', {})).status, 'no token, another file').toBe(403)
    expect((await ask(port, `/?${TOKEN_PARAM}=${'0'.repeat(token.length)}`, {})).status, 'wrong token of the same length').toBe(403)
    expect((await ask(port, `/?${TOKEN_PARAM}=x`, {})).status, 'wrong token').toBe(403)
    expect((await ask(port, `/?${TOKEN_PARAM}=${token}`, { Host: `evil.example:${port}` })).status, 'foreign Host').toBe(403)
    expect((await ask(port, `/?${TOKEN_PARAM}=${token}`, { Origin: 'http://evil.example' })).status, 'foreign Origin').toBe(403)

    // The socket: with the token and our Origin it opens; otherwise it is refused.
    const socketPath = (t: string | null) => (t === null ? WS_PATH : `${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(t)}`)
    const opened = await ask(port, socketPath(token), { Origin: origin }, true)
    expect(opened, "the page's own socket upgrades").toMatchObject({ upgraded: true, status: 101 })
    for (const [why, path, headers] of [
      ['no token', socketPath(null), { Origin: origin }],
      ['wrong token', socketPath('wrong'), { Origin: origin }],
      ['foreign Origin', socketPath(token), { Origin: 'http://evil.example' }],
      ['no Origin', socketPath(token), {}],
      ['foreign Host', socketPath(token), { Origin: origin, Host: `evil.example:${port}` }],
    ] as const) {
      const answer = await ask(port, path, headers, true)
      expect(answer, `socket with ${why}`).toMatchObject({ upgraded: false, status: 403 })
    }

    // A browser that opens the address without the token gets the refusal, not the app.
    const stranger = await browser.newContext()
    const strangerPage = await stranger.newPage()
    const response = await strangerPage.goto(`${origin}/`)
    expect(response?.status()).toBe(403)
    await expect(strangerPage.locator('body')).toContainText('Forbidden')
    await stranger.close()

    // Nothing reached the stores.
    expect(await fingerprint(stores.root)).toEqual(before)
    expect((await locate(stores.oxiosSessions, SAMPLE.oxios.proration.id)).place).toBe('active')
  })

  test('the app loads and reloads with no cookie at all, its assets from a per-start path', async ({ app, page, context, ui }) => {
    const origin = app.origin as string
    const seen: Array<{ url: string; setCookie: string | null }> = []
    page.on('response', (response) => {
      void response.headerValue('set-cookie').then((setCookie) => seen.push({ url: response.url(), setCookie }))
    })
    // The fixture opened the printed address; a reload must bring the app back just the same.
    await page.reload()
    await expect(page.locator('html[data-app-ready="true"]')).toBeAttached({ timeout: 45_000 })
    // Sessions on screen: the socket, opened again by the reloaded page, carries the token.
    await expect(ui.tree.getByRole('treeitem').first()).toBeVisible()
    await expect.poll(() => seen.filter((r) => r.url.startsWith(origin)).length, "the reload's responses").toBeGreaterThan(1)

    expect(
      seen.filter((r) => r.setCookie !== null),
      'responses that set a cookie',
    ).toEqual([])
    expect(await context.cookies(), 'cookies the browser holds').toEqual([])
    const assets = seen.filter((r) => /\.(js|css)$/.test(new URL(r.url).pathname))
    expect(assets.length, "the page's scripts and styles").toBeGreaterThan(0)
    for (const asset of assets) expect(new URL(asset.url).pathname).toMatch(/^\/r\/[0-9a-f]{32}\/assets\//)
  })
})
