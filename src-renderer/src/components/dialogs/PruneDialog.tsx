// Prune…: criteria, scope and action, a live (debounced) preview of exactly which sessions would
// be touched, and a confirm button that applies the prune to those previewed sessions only.
import { useEffect, useMemo, useState } from 'react'
import { formatBytes, formatLocalTime } from '../../../../src-main/core/display'
import type { SessionSummary } from '../../../../src-main/core/model'
import type { PrunePreview, PruneRequest, StoreId } from '../../../../src-main/ipc/contract'
import { useApp } from '../../app-context'
import { plural, previewActivity, storeLabel } from '../../state/format'
import { skippedByReason } from '../../state/operations'
import { labelOf, projectChoices } from '../../state/projects'
import { storeIdOfSession, storeIdsByRoot } from '../../state/sessions'
import { useSessionsStore } from '../../stores/sessions-store'
import { useUiStore } from '../../stores/ui-store'
import { Dialog } from './Dialog'

const DEBOUNCE_MS = 250

type Scope = 'store' | `project:${string}` | 'unfiled'

export function PruneDialog({ storeId: initialStore, project }: { storeId: StoreId; project?: { name: string | null } }) {
  const { client, actions } = useApp()
  const close = () => useUiStore.getState().showDialog(null)
  const data = useSessionsStore((s) => s.data)
  const stores = data?.stores ?? []
  const [storeId, setStoreId] = useState(initialStore)
  const [useAge, setUseAge] = useState(true)
  const [days, setDays] = useState('30')
  const [useKeep, setUseKeep] = useState(false)
  const [keep, setKeep] = useState('20')
  const [scope, setScope] = useState<Scope>(project ? (project.name === null ? 'unfiled' : `project:${project.name}`) : 'store')
  const [action, setAction] = useState<'archive' | 'trash'>('archive')
  const [preview, setPreview] = useState<{ key: string; value: PrunePreview } | null>(null)
  const [error, setError] = useState<string | null>(null)

  const projects = useMemo(() => {
    if (!data) return []
    return projectChoices(
      data.stores.find((s) => s.id === storeId),
      storeIdsByRoot(data.stores),
      data.sessions,
    )
  }, [data, storeId])
  const labels = useMemo(() => new Map(projects.map((choice) => [choice.project, choice.label])), [projects])
  const listed = useMemo(() => {
    if (!data) return new Map<string, SessionSummary>()
    const byRoot = storeIdsByRoot(data.stores)
    return new Map(data.sessions.filter((session) => storeIdOfSession(byRoot, session) === storeId).map((session) => [session.id, session]))
  }, [data, storeId])

  // The scope stays an option while it is chosen, even once its project has no listed session:
  // a select whose value matches no option would show one scope and prune another.
  const scopeProject = scope.startsWith('project:') ? scope.slice('project:'.length) : null
  const ageDays = Number(days)
  const keepCount = Number(keep)
  const ageValid = !useAge || (days.trim() !== '' && Number.isInteger(ageDays) && ageDays >= 0)
  const keepValid = !useKeep || (keep.trim() !== '' && Number.isInteger(keepCount) && keepCount >= 0)
  const request: PruneRequest | null =
    ageValid && keepValid && (useAge || useKeep)
      ? {
          storeId,
          olderThanDays: useAge ? ageDays : null,
          keep: useKeep ? keepCount : null,
          scope: scope === 'store' ? { kind: 'store' } : { kind: 'project', project: scope === 'unfiled' ? null : scope.slice('project:'.length) },
          action,
        }
      : null
  const key = request ? JSON.stringify(request) : null
  // Any batch may change what a prune would touch: preview again when the sessions change.
  const seq = data?.seq ?? 0

  useEffect(() => {
    if (!request || !key) return
    let cancelled = false
    const timer = setTimeout(() => {
      client.previewPrune(request).then(
        (outcome) => {
          if (cancelled) return
          if (outcome.ok) {
            setPreview({ key, value: outcome.value })
            setError(null)
          } else setError(outcome.reason)
        },
        (reason: unknown) => !cancelled && setError(reason instanceof Error ? reason.message : String(reason)),
      )
    }, DEBOUNCE_MS)
    return () => {
      cancelled = true
      clearTimeout(timer)
    }
    // `request` is rebuilt each render; `key` stands for it.
  }, [key, client, seq])

  const current = preview && preview.key === key ? preview.value : null
  const count = current?.sessions.length ?? 0
  const verb = action === 'archive' ? 'Archive' : 'Move to trash'
  const confirm = () => {
    if (!request || !current || count === 0) return
    close()
    void actions.prune(request, current.sessions.map((session) => session.id))
  }

  return (
    <Dialog
      title="Prune sessions"
      wide
      onClose={close}
      onSubmit={confirm}
      footer={
        <>
          <span className="dialog-footer-note muted">{current ? `${plural(count, 'session')}, ${formatBytes(current.totalBytes)}` : request ? 'Previewing…' : ''}</span>
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className={action === 'trash' ? 'button button--danger' : 'button button--primary'} disabled={!current || count === 0}>
            {`${verb} ${plural(count, 'session')}`}
          </button>
        </>
      }
    >
      <div className="prune-form">
        {stores.length > 1 ? (
          <label className="field">
            <span>Store</span>
            <select
              className="input"
              value={storeId}
              onChange={(event) => {
                setStoreId(event.target.value)
                setScope('store')
              }}
            >
              {stores.map((store) => (
                <option key={store.id} value={store.id}>
                  {storeLabel(store)} — {store.root}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <label className="field">
          <span>Scope</span>
          <select className="input" value={scope} onChange={(event) => setScope(event.target.value as Scope)}>
            <option value="store">The whole store</option>
            {scopeProject !== null && !labels.has(scopeProject) ? (
              <option value={scope}>Project {scopeProject} (no session listed)</option>
            ) : null}
            {projects.map(({ project: name, label }) => (
              <option key={name} value={`project:${name}`} title={label.tooltip}>
                Project {label.label}
                {label.detail !== null && label.detail !== label.label ? ` — ${label.detail}` : ''}
              </option>
            ))}
            <option value="unfiled">Unfiled sessions</option>
          </select>
        </label>
        <div className="field-row">
          <label className="check">
            <input type="checkbox" checked={useAge} onChange={(event) => setUseAge(event.target.checked)} />
            <span>Older than</span>
          </label>
          <input className="input input--number" type="number" min={0} aria-label="Older than (days)" value={days} disabled={!useAge} onChange={(event) => setDays(event.target.value)} />
          <span className="muted">days since the last activity</span>
        </div>
        <div className="field-row">
          <label className="check">
            <input type="checkbox" checked={useKeep} onChange={(event) => setUseKeep(event.target.checked)} />
            <span>Keep the newest</span>
          </label>
          <input className="input input--number" type="number" min={0} aria-label="Keep newest (count)" value={keep} disabled={!useKeep} onChange={(event) => setKeep(event.target.value)} />
          <span className="muted">sessions</span>
        </div>
        <fieldset className="field-row radio-row">
          <legend>Action</legend>
          <label className="check">
            <input type="radio" name="prune-action" checked={action === 'archive'} onChange={() => setAction('archive')} />
            <span>Archive</span>
          </label>
          <label className="check">
            <input type="radio" name="prune-action" checked={action === 'trash'} onChange={() => setAction('trash')} />
            <span>Move to trash</span>
          </label>
        </fieldset>
        {useAge ? (
          <p className="muted small">
            A session&apos;s age is its last activity: the time of its last message or event as the agent recorded it, not when its file was last
            modified (moving or archiving a session does not make it younger).
          </p>
        ) : null}
        {useAge && useKeep ? <p className="muted small">With both, a session must be older and outside the newest {keep || 'N'}.</p> : null}
      </div>
      <section className="prune-preview" aria-label="Preview" aria-busy={!!request && !current}>
        {!request ? <p className="muted">Choose an age, a number to keep, or both.</p> : null}
        {error ? <p className="inline-error">{error}</p> : null}
        {current && count === 0 ? <p className="muted">No session matches: nothing would change.</p> : null}
        {current && count > 0 ? (
          <>
            <p className="prune-summary">
              {action === 'archive' ? 'Would archive' : 'Would move to the trash'} {plural(count, 'session')} ({formatBytes(current.totalBytes)}):
            </p>
            <ul className="prune-list">
              {current.sessions.map((session) => (
                <li key={session.id}>
                  <span className="prune-title">{session.title || 'Untitled session'}</span>
                  <span className="muted">{labelOf(labels, session.project).label}</span>
                  <span className="muted" title="Last activity">
                    {formatLocalTime(previewActivity(session, listed.get(session.id)))}
                  </span>
                  <span className="muted">{formatBytes(session.bytes)}</span>
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {current && current.skipped.length > 0 ? (
          <div className="muted small">
            <p>{plural(current.skipped.length, 'session')} left alone:</p>
            <ul className="prune-skipped">
              {skippedByReason(current.skipped, (id) => listed.get(id)?.title || id).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>
    </Dialog>
  )
}
