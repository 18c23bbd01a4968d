// Confirms a link from session text before it leaves the app. Session text is agent output, so a
// link may lead anywhere and its words may say otherwise: the dialog shows the full URL exactly as
// it will open (international host names in punycode), and Cancel is the default.
import { externalLinkUrl } from '../../../../src-shared/contract'
import { useApp } from '../../app-context'
import { useOperationsStore } from '../../stores/operations-store'
import { useUiStore } from '../../stores/ui-store'
import { Dialog, DialogActions } from './Dialog'

const close = () => useUiStore.getState().showDialog(null)

function failed(reason: string) {
  useOperationsStore.getState().toast({ tone: 'error', title: 'Could not open the link', details: [reason], undoable: false })
}

export function OpenLinkDialog({ href }: { href: string }) {
  const { client } = useApp()
  const url = externalLinkUrl(href)
  if (url === null) {
    return (
      <Dialog
        title="Link not opened"
        description="Only web (http, https) and mail (mailto) links open from SessionScope. This link is:"
        onClose={close}
        onSubmit={close}
        footer={<DialogActions submit="Close" autoFocus="submit" />}
      >
        <p className="link-url" dir="ltr">
          {href.trim() ? href : '(no address)'}
        </p>
      </Dialog>
    )
  }
  const open = () => {
    close()
    // The browser shell has no system browser to hand the link to: a new tab, without a way back to this page.
    if (client.shell === 'browser') {
      window.open(url, '_blank', 'noopener,noreferrer')
      return
    }
    client.openExternal(url).then(
      (outcome) => (outcome.ok ? undefined : failed(outcome.reason)),
      (error: unknown) => failed(error instanceof Error ? error.message : String(error)),
    )
  }
  const where = url.startsWith('mailto:') ? 'your mail app' : client.shell === 'browser' ? 'a new browser tab' : 'your browser'
  return (
    <Dialog
      title="Open link"
      description={`This link comes from the session's text. Open it in ${where}?`}
      onClose={close}
      onSubmit={open}
      footer={<DialogActions submit="Open" onCancel={close} autoFocus="cancel" />}
    >
      <p className="link-url" dir="ltr" aria-label="Link address">
        {url}
      </p>
    </Dialog>
  )
}
