// Empty trash (confirmation), Open folder (browser shell: a typed path) and the shortcuts help.
import { useState } from 'react'
import type { FormatInfo, StoreId } from '../../../../src-shared/contract'
import { useApp } from '../../app-context'
import { KEYMAP, helpKeys } from '../../keymap'
import { plural, storeLabel } from '../../state/format'
import { useSessionsStore } from '../../stores/sessions-store'
import { useUiStore } from '../../stores/ui-store'
import { Dialog, DialogActions } from './Dialog'

const close = () => useUiStore.getState().showDialog(null)

export function EmptyTrashDialog({ storeId }: { storeId: StoreId }) {
  const { actions } = useApp()
  const store = useSessionsStore((s) => s.data?.stores.find((candidate) => candidate.id === storeId))
  const listing = useSessionsStore((s) => s.trash[storeId])
  const count = listing?.sessions.length
  return (
    <Dialog
      title="Empty trash"
      description={`${count === undefined ? 'Every session' : plural(count, 'session')} in the trash of ${store ? `${storeLabel(store)} (${store.root})` : 'this store'} will be deleted for good. This cannot be undone.`}
      onClose={close}
      onSubmit={() => {
        close()
        void actions.emptyTrash(storeId)
      }}
      footer={<DialogActions submit="Empty trash" tone="danger" onCancel={close} autoFocus="cancel" />}
    >
      {null}
    </Dialog>
  )
}

const NO_FORMATS: readonly FormatInfo[] = []

export function AddFolderDialog() {
  const formats = useSessionsStore((s) => s.data?.formats ?? NO_FORMATS)
  const { actions } = useApp()
  const [path, setPath] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const submit = async () => {
    if (!path.trim()) return
    setBusy(true)
    const outcome = await actions.addStore(path.trim())
    setBusy(false)
    if (outcome.ok) close()
    else setError(outcome.reason)
  }
  return (
    <Dialog
      title="Open folder"
      description={`Type the path of a sessions folder, or of an agent's home folder that holds one (e.g. ${formats.map((format) => format.homeExample).join(', ')}).`}
      onClose={close}
      onSubmit={() => void submit()}
      footer={<DialogActions submit="Open" onCancel={close} disabled={!path.trim() || busy} />}
    >
      <label className="field">
        <span>Folder path</span>
        <input
          className="input"
          autoFocus
          spellCheck={false}
          value={path}
          onChange={(event) => setPath(event.target.value)}
          placeholder={formats[0]?.homeExample ?? ''}
        />
      </label>
      {error ? (
        <p className="inline-error" role="alert">
          {error}
        </p>
      ) : null}
    </Dialog>
  )
}

export function HelpDialog() {
  return (
    <Dialog title="Keyboard shortcuts" onClose={close} onSubmit={close} footer={<DialogActions submit="Close" autoFocus="submit" />}>
      <table className="shortcuts">
        <tbody>
          {KEYMAP.filter((binding) => binding.shows.includes('help')).map((binding) => (
            <tr key={binding.label}>
              <td>
                <kbd>{helpKeys(binding)}</kbd>
              </td>
              <td>{binding.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  )
}
