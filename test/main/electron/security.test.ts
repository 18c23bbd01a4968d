import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_SCHEME_PRIVILEGES,
  allowNavigation,
  allowPermission,
  externalUrl,
  isAppUrl,
  mimeTypeOf,
  resolveAppPath,
} from '../../../src-main/electron/security'
import { resolveExistingAppFile } from '../../../src-main/electron/protocol-files'

const DEV = 'http://localhost:5173/'

describe('isAppUrl', () => {
  it('accepts exactly the app:// origin', () => {
    expect(isAppUrl(APP_ENTRY_URL, null)).toBe(true)
    expect(isAppUrl('app://sessionscope/assets/index.js', null)).toBe(true)
    expect(isAppUrl('app://sessionscope', null)).toBe(true)
  })

  it('refuses file:// pages, whatever their path, and other app:// hosts', () => {
    expect(isAppUrl('file:///home/me/out/renderer/index.html', null)).toBe(false)
    expect(isAppUrl('file:///tmp/evil/renderer/index.html', null)).toBe(false)
    expect(isAppUrl('app://other/index.html', null)).toBe(false)
    expect(isAppUrl('app://user:pw@sessionscope/index.html', null)).toBe(false)
    expect(isAppUrl('https://sessionscope/index.html', null)).toBe(false)
    expect(isAppUrl('not a url', null)).toBe(false)
  })

  it('accepts the dev server only when a development build passes it, and only its exact origin', () => {
    expect(isAppUrl('http://localhost:5173/index.html', null)).toBe(false)
    expect(isAppUrl('http://localhost:5173/index.html', DEV)).toBe(true)
    // A prefix match would let these through.
    expect(isAppUrl('http://localhost:51730/', DEV)).toBe(false)
    expect(isAppUrl('http://localhost:5173.evil.example/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('http://localhost:5173@evil.example/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('https://localhost:5173/', DEV)).toBe(false)
    // A dev server "URL" of another scheme is no dev server.
    expect(isAppUrl('file:///x/index.html', 'file:///x/')).toBe(false)
  })
})

describe('externalUrl', () => {
  it('lets http, https and mailto out, normalised', () => {
    expect(externalUrl('https://example.com/a?b=c#d')).toBe('https://example.com/a?b=c#d')
    expect(externalUrl('http://example.com')).toBe('http://example.com/')
    expect(externalUrl('mailto:someone@example.com')).toBe('mailto:someone@example.com')
    expect(externalUrl('HTTPS://EXAMPLE.com/')).toBe('https://example.com/')
  })

  it('shows an international host in punycode, so a look-alike is visible', () => {
    expect(externalUrl('https://раураl.com/login')).toBe('https://xn--l-7sba6dbr.com/login')
  })

  it('refuses every other scheme, credentials, control characters and non-URLs', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'file:///etc/passwd',
      'app://sessionscope/index.html',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox',
      'smb://server/share',
      'ms-settings:',
      'https://user:pw@example.com/',
      'https://exa\nmple.com/',
      '/relative/path',
      '#anchor',
      '',
      `https://example.com/${'a'.repeat(3000)}`,
    ]) {
      expect(externalUrl(url), url).toBeNull()
    }
  })
})

describe('allowNavigation', () => {
  it('lets only the top frame load the app page', () => {
    expect(allowNavigation(APP_ENTRY_URL, true, null)).toBe(true)
    expect(allowNavigation(APP_ENTRY_URL, false, null)).toBe(false)
    for (const url of ['https://example.com/', 'file:///out/renderer/index.html', 'about:blank', 'javascript:alert(1)', 'app://x/']) {
      expect(allowNavigation(url, true, null), url).toBe(false)
    }
    expect(allowNavigation('http://localhost:5173/', true, null)).toBe(false)
    expect(allowNavigation('http://localhost:5173/', true, DEV)).toBe(true)
  })
})

describe('allowPermission', () => {
  it('grants clipboard writing to the app page only, and nothing else to anyone', () => {
    const clipboard = (requestingUrl: string | undefined, isMainFrame: boolean | undefined = true) =>
      allowPermission({ permission: 'clipboard-sanitized-write', requestingUrl, isMainFrame }, null)
    expect(clipboard(APP_ENTRY_URL)).toBe(true)
    expect(clipboard('app://sessionscope', undefined)).toBe(true)
    expect(clipboard(APP_ENTRY_URL, false)).toBe(false)
    expect(clipboard('https://example.com/')).toBe(false)
    expect(clipboard('file:///out/renderer/index.html')).toBe(false)
    expect(clipboard(undefined)).toBe(false)
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'hid', 'serial']) {
      expect(allowPermission({ permission, requestingUrl: APP_ENTRY_URL, isMainFrame: true }, null), permission).toBe(false)
    }
  })
})

describe('the scheme privileges', () => {
  it('never bypass CSP nor open the scheme to other origins', () => {
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true })
  })
})

describe('resolveAppPath', () => {
  const root = '/srv/app/out/renderer'

  it('maps app:// paths to files under the root, / to the index page', () => {
    expect(resolveAppPath(root, 'app://sessionscope/')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://sessionscope')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://sessionscope/index.html')).toBe(join(root, 'index.html'))
    expect(resolveAppPath(root, 'app://sessionscope/assets/index-x1.js?v=2#h')).toBe(join(root, 'assets', 'index-x1.js'))
    expect(resolveAppPath(root, 'app://sessionscope/assets/a%20b.css')).toBe(join(root, 'assets', 'a b.css'))
  })

  it('refuses .. in every spelling, encoded separators, NUL and other schemes or hosts', () => {
    for (const url of [
      'app://sessionscope/../main/index.js',
      'app://sessionscope/assets/../../main/index.js',
      'app://sessionscope/%2e%2e/main/index.js',
      'app://sessionscope/%2E%2E/%2E%2E/etc/passwd',
      'app://sessionscope/.%2e/main/index.js',
      'app://sessionscope/..%2fmain%2findex.js',
      'app://sessionscope/assets%2f..%2f..%2fmain',
      'app://sessionscope/..\\main\\index.js',
      'app://sessionscope/assets%5c..%5c..%5cmain',
      'app://sessionscope/index.html%00.png',
      'app://sessionscope/%E0%A4%A',
      'app://other/index.html',
      'file:///srv/app/out/renderer/index.html',
      'https://sessionscope/index.html',
    ]) {
      expect(resolveAppPath(root, url), url).toBeNull()
    }
  })

  it('types what it serves', () => {
    expect(mimeTypeOf('/x/index.html')).toBe('text/html; charset=utf-8')
    expect(mimeTypeOf('/x/a.JS')).toBe('text/javascript; charset=utf-8')
    expect(mimeTypeOf('/x/a.css')).toBe('text/css; charset=utf-8')
    expect(mimeTypeOf('/x/a.unknown')).toBe('application/octet-stream')
  })
})

describe('resolveExistingAppFile (on disk)', () => {
  let base: string
  let root: string

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'sessionscope-protocol-'))
    root = join(base, 'out', 'renderer')
    await mkdir(join(root, 'assets'), { recursive: true })
    await mkdir(join(base, 'out', 'main'), { recursive: true })
    await writeFile(join(root, 'index.html'), '<!doctype html>')
    await writeFile(join(root, 'assets', 'app.js'), 'void 0')
    await writeFile(join(base, 'out', 'main', 'index.js'), 'secret')
    await writeFile(join(base, 'outside.txt'), 'secret')
    // A link inside the root that leads out of it must not serve what it points at.
    await symlink(join(base, 'outside.txt'), join(root, 'assets', 'escape.txt'))
    await symlink(join(base, 'out', 'main'), join(root, 'main-dir'))
  })

  afterAll(async () => {
    await rm(base, { recursive: true, force: true })
  })

  it('serves files under the root', async () => {
    expect(await resolveExistingAppFile(root, 'app://sessionscope/')).toBe(join(root, 'index.html'))
    expect(await resolveExistingAppFile(root, 'app://sessionscope/assets/app.js')).toBe(join(root, 'assets', 'app.js'))
  })

  it('refuses what is missing, a folder, .. and a symbolic link out of the root', async () => {
    expect(await resolveExistingAppFile(root, 'app://sessionscope/missing.js')).toBeNull()
    expect(await resolveExistingAppFile(root, 'app://sessionscope/assets')).toBeNull()
    expect(await resolveExistingAppFile(root, 'app://sessionscope/../main/index.js')).toBeNull()
    expect(await resolveExistingAppFile(root, 'app://sessionscope/assets/escape.txt')).toBeNull()
    expect(await resolveExistingAppFile(root, 'app://sessionscope/main-dir/index.js')).toBeNull()
  })
})
