// Guards for every web contents the app ever gets (windows, and anything a page might try to
// create), installed from app's web-contents-created so none is missed. The decisions are in security.ts.
import { type Session, type WebContents, app } from 'electron'
import { devServerUrl } from './build-mode'
import { allowNavigation, allowPermission } from './security'

const guardedSessions = new WeakSet<Session>()

function guardSession(session: Session): void {
  if (guardedSessions.has(session)) return
  guardedSessions.add(session)
  // Checks (synchronous queries such as the clipboard's) and requests (prompts) both go through the same decision.
  session.setPermissionCheckHandler((_contents, permission, requestingOrigin, details) =>
    allowPermission(
      { permission, requestingUrl: details.requestingUrl ?? requestingOrigin, isMainFrame: details.isMainFrame },
      devServerUrl(),
    ),
  )
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowPermission({ permission, requestingUrl: details.requestingUrl, isMainFrame: details.isMainFrame }, devServerUrl())),
  )
}

function guardWebContents(contents: WebContents): void {
  const refuseUnlessApp = (event: { preventDefault(): void; url: string; isMainFrame: boolean }) => {
    if (!allowNavigation(event.url, event.isMainFrame, devServerUrl())) event.preventDefault()
  }
  contents.on('will-navigate', refuseUnlessApp)
  contents.on('will-frame-navigate', refuseUnlessApp)
  contents.on('will-redirect', refuseUnlessApp)
  // No page opens windows: links leave through the renderer's confirmation and the openExternal
  // request, which is the only way to the system browser. A middle-click or window.open lands here and stops.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  contents.on('will-attach-webview', (event) => event.preventDefault())
  guardSession(contents.session)
}

/** Must run before the first window is made. */
export function installWebContentsGuards(): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents))
}
