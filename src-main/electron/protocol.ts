// The app:// scheme the renderer is served from. file:// would make the page share its origin
// with every local file and give it file access; app://sessionscope is an origin of its own that
// serves out/renderer and nothing else.
import { protocol } from 'electron'
import { readAppFile, resolveExistingAppFile } from './protocol-files'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, mimeTypeOf } from './security'

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }])
}

/** Serves `rendererRoot` on app://sessionscope/; every other path is a 404. Call once the app is ready. */
export function handleAppScheme(rendererRoot: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405 })
    const path = await resolveExistingAppFile(rendererRoot, request.url)
    if (path === null) return new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } })
    const body = request.method === 'HEAD' ? null : new Uint8Array(await readAppFile(path))
    return new Response(body, { status: 200, headers: { 'content-type': mimeTypeOf(path), 'x-content-type-options': 'nosniff' } })
  })
}
