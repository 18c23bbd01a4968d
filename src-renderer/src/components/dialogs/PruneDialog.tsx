// Prune…: criteria, scope and action, a live (debounced) preview of exactly which sessions would
// be touched, and a confirm button that applies the prune to those previewed sessions only.
import { useEffect, useMemo, useState } from 'react'
import { formatBytes, formatLocalTime } from '../../../../src-shared/display'
import type { SessionSummary } from '../../../../src-shared/model'
import type { PrunePreview, PruneRequest, SessionScopeClient, StoreId } from '../../../../src-shared/contract'
import { useApp } from '../../app-context'
import { plural, previewActivity, storeLabel } from '../../state/format'
import { skippedByReason } from '../../state/operations'
import { type ProjectLabel, labelOf, projectChoices } from '../../state/projects'
import { storeIdOfSession, storeIdsByRoot } from '../../state/sessions'
import { useSessionsStore } from '../../stores/sessions-store'
import { useUiStore } from '../../stores/ui-store'
import { Dialog, DialogActions } from './Dialog'

const DEBOUNCE_MS = 250

type Scope = 'store' | `project:${string}` | 'unfiled'

interface PruneForm {
  storeId: StoreId
  useAge: boolean
  days: string
  useKeep: boolean
  keep: string
  scope: Scope
  action: 'archive' | 'trash'
}

type SetForm = (patch: Partial<PruneForm>) => void
type Labels = ReadonlyMap<string | null, ProjectLabel>

/** A whole number of at least 0, or undefined when the text is not one. */
function wholeNumber(text: string): number | undefined {
  const value = Number(text)
  return text.trim() !== '' && Number.isInteger(value) && value >= 0 ? value : undefined
}

/** The request the form stands for, or null while it is incomplete; the same object until it changes. */
function usePruneRequest({ storeId, useAge, days, useKeep, keep, scope, action }: PruneForm): PruneRequest | null {
  const olderThanDays = useAge ? wholeNumber(days) : null
  const keepCount = useKeep ? wholeNumber(keep) : null
  return useMemo(() => {
    if (olderThanDays === undefined || keepCount === undefined || (olderThanDays === null && keepCount === null)) return null
    return {
      storeId,
      olderThanDays,
      keep: keepCount,
      scope:
        scope === 'store' ? { kind: 'store' } : { kind: 'project', project: scope === 'unfiled' ? null : scope.slice('project:'.length) },
      action,
    }
  }, [storeId, olderThanDays, keepCount, scope, action])
}

/** The preview of `request`, once the form has been still for a moment; null while it is pending. */
function usePrunePreview(client: SessionScopeClient, request: PruneRequest | null, seq: number) {
  const [preview, setPreview] = useState<{ key: string; value: PrunePreview } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const key = request ? JSON.stringify(request) : null

  useEffect(() => {
    if (!request) return
    const requested = JSON.stringify(request)
    let cancelled = false
    const timer = setTimeout(() => {
      client.previewPrune(request).then(
        (outcome) => {
          if (cancelled) return
          if (outcome.ok) {
            setPreview({ key: requested, value: outcome.value })
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
    // Any batch may change what a prune would touch: preview again when the sessions change.
  }, [request, client, seq])

  return { current: preview && preview.key === key ? preview.value : null, error }
}

export function PruneDialog({ storeId: initialStore, project }: { storeId: StoreId; project?: { name: string | null } }) {
  const { client, actions } = useApp()
  const close = () => useUiStore.getState().showDialog(null)
  const data = useSessionsStore((s) => s.data)
  const [form, setFormState] = useState<PruneForm>(() => ({
    storeId: initialStore,
    useAge: true,
    days: '30',
    useKeep: false,
    keep: '20',
    scope: project ? (project.name === null ? 'unfiled' : `project:${project.name}`) : 'store',
    action: 'archive',
  }))
  const setForm: SetForm = (patch) => setFormState((previous) => ({ ...previous, ...patch }))
  const { storeId, action } = form

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

  const request = usePruneRequest(form)
  const { current, error } = usePrunePreview(client, request, data?.seq ?? 0)
  const count = current?.sessions.length ?? 0
  const verb = action === 'archive' ? 'Archive' : 'Move to trash'
  const confirm = () => {
    if (!request || !current || count === 0) return
    close()
    void actions.prune(
      request,
      current.sessions.map((session) => session.id),
    )
  }

  return (
    <Dialog
      title="Prune sessions"
      wide
      onClose={close}
      onSubmit={confirm}
      footer={
        <DialogActions
          note={current ? `${plural(count, 'session')}, ${formatBytes(current.totalBytes)}` : request ? 'Previewing…' : ''}
          submit={`${verb} ${plural(count, 'session')}`}
          tone={action === 'trash' ? 'danger' : 'primary'}
          onCancel={close}
          disabled={!current || count === 0}
        />
      }
    >
      <div className="prune-form">
        <PruneScopeFields form={form} setForm={setForm} projects={projects} labels={labels} />
        <PruneCriteriaFields form={form} setForm={setForm} />
      </div>
      <section className="prune-preview" aria-label="Preview" aria-busy={!!request && !current}>
        {!request ? <p className="muted">Choose an age, a number to keep, or both.</p> : null}
        {error ? <p className="inline-error">{error}</p> : null}
        {current ? <PrunePreviewList preview={current} action={action} labels={labels} listed={listed} /> : null}
      </section>
    </Dialog>
  )
}

function PruneScopeFields({
  form,
  setForm,
  projects,
  labels,
}: {
  form: PruneForm
  setForm: SetForm
  projects: ReturnType<typeof projectChoices>
  labels: Labels
}) {
  const stores = useSessionsStore((s) => s.data?.stores) ?? []
  const { storeId, scope } = form
  // The scope stays an option while it is chosen, even once its project has no listed session:
  // a select whose value matches no option would show one scope and prune another.
  const scopeProject = scope.startsWith('project:') ? scope.slice('project:'.length) : null
  return (
    <>
      {stores.length > 1 ? (
        <label className="field">
          <span>Store</span>
          <select className="input" value={storeId} onChange={(event) => setForm({ storeId: event.target.value, scope: 'store' })}>
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
        <select className="input" value={scope} onChange={(event) => setForm({ scope: event.target.value as Scope })}>
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
    </>
  )
}

function PruneCriteriaFields({ form, setForm }: { form: PruneForm; setForm: SetForm }) {
  const { useAge, days, useKeep, keep, action } = form
  return (
    <>
      <div className="field-row">
        <label className="check">
          <input type="checkbox" checked={useAge} onChange={(event) => setForm({ useAge: event.target.checked })} />
          <span>Older than</span>
        </label>
        <input
          className="input input--number"
          type="number"
          min={0}
          aria-label="Older than (days)"
          value={days}
          disabled={!useAge}
          onChange={(event) => setForm({ days: event.target.value })}
        />
        <span className="muted">days since the last activity</span>
      </div>
      <div className="field-row">
        <label className="check">
          <input type="checkbox" checked={useKeep} onChange={(event) => setForm({ useKeep: event.target.checked })} />
          <span>Keep the newest</span>
        </label>
        <input
          className="input input--number"
          type="number"
          min={0}
          aria-label="Keep newest (count)"
          value={keep}
          disabled={!useKeep}
          onChange={(event) => setForm({ keep: event.target.value })}
        />
        <span className="muted">sessions</span>
      </div>
      <fieldset className="field-row radio-row">
        <legend>Action</legend>
        <label className="check">
          <input type="radio" name="prune-action" checked={action === 'archive'} onChange={() => setForm({ action: 'archive' })} />
          <span>Archive</span>
        </label>
        <label className="check">
          <input type="radio" name="prune-action" checked={action === 'trash'} onChange={() => setForm({ action: 'trash' })} />
          <span>Move to trash</span>
        </label>
      </fieldset>
      {useAge ? (
        <p className="muted small">
          A session&apos;s age is its last activity: the time of its last message or event as the agent recorded it, not when its file was
          last modified (moving or archiving a session does not make it younger).
        </p>
      ) : null}
      {useAge && useKeep ? <p className="muted small">With both, a session must be older and outside the newest {keep || 'N'}.</p> : null}
    </>
  )
}

function PrunePreviewList(props: {
  preview: PrunePreview
  action: PruneForm['action']
  labels: Labels
  listed: ReadonlyMap<string, SessionSummary>
}) {
  const { preview, action, labels, listed } = props
  const count = preview.sessions.length
  return (
    <>
      {count === 0 ? <p className="muted">No session matches: nothing would change.</p> : null}
      {count > 0 ? (
        <>
          <p className="prune-summary">
            {action === 'archive' ? 'Would archive' : 'Would move to the trash'} {plural(count, 'session')} (
            {formatBytes(preview.totalBytes)}):
          </p>
          <ul className="prune-list">
            {preview.sessions.map((session) => (
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
      {preview.skipped.length > 0 ? (
        <div className="muted small">
          <p>{plural(preview.skipped.length, 'session')} left alone:</p>
          <ul className="prune-skipped">
            {skippedByReason(preview.skipped, (id) => listed.get(id)?.title || id).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
        </div>
      ) : null}
    </>
  )
}
