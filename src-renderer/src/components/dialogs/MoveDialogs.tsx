// "Move to…" (the keyboard and menu path of drag-to-reparent) and "New project" (drop target).
import { type KeyboardEvent, useId, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { MoveTarget, SessionRef, StoreView } from '../../../../src-shared/contract'
import { useApp } from '../../app-context'
import { plural, storeLabel } from '../../state/format'
import {
  type ChoiceItem,
  type ListChoiceState,
  chosenKey,
  filterChanged,
  highlightMoved,
  highlightSet,
  listChoice,
  visibleChoices,
} from '../../state/list-choice'
import { type ProjectLabel, projectChoices, projectMatches } from '../../state/projects'
import { storeIdsByRoot } from '../../state/sessions'
import { hasUnfiled } from '../../state/tree'
import { useSessionsStore } from '../../stores/sessions-store'
import { useUiStore } from '../../stores/ui-store'
import { Dialog, DialogActions } from './Dialog'

function useStoreProjects(storeId: string | null): Array<{ project: string; label: ProjectLabel }> {
  const data = useSessionsStore((s) => s.data)
  return useMemo(() => {
    if (!data || !storeId) return []
    return projectChoices(
      data.stores.find((store) => store.id === storeId),
      storeIdsByRoot(data.stores),
      data.sessions,
    )
  }, [data, storeId])
}

/** Unfiled is a choice like a project, and a filter finds it by its name or by what it means. */
function unfiledMatches(text: string): boolean {
  const needle = text.trim().toLowerCase()
  return 'unfiled'.includes(needle) || 'no project'.includes(needle)
}

/** Where a choice key (`p:<project>`, `unfiled`, `new`) moves to; null while a new project has no name. */
function moveTargetOf(choice: string | null, newName: string): MoveTarget | null {
  if (choice === 'unfiled') return { kind: 'unfiled' }
  if (choice === 'new') return newName.trim() ? { kind: 'project', name: newName.trim() } : null
  return choice !== null ? { kind: 'project', name: choice.slice(2) } : null
}

function TargetChoices({
  listId,
  projects,
  shownKeys,
  choice,
  newProjectName,
  onPick,
}: {
  listId: string
  projects: Array<{ project: string; label: ProjectLabel }>
  shownKeys: ReadonlySet<string>
  choice: string | null
  newProjectName: string
  onPick(key: string): void
}) {
  return (
    <div id={listId} className="choice-list" role="radiogroup" aria-label="Project">
      {projects
        .filter(({ project }) => shownKeys.has(`p:${project}`))
        .map(({ project, label }) => (
          <label key={project} className="choice" title={label.tooltip}>
            <input type="radio" name="move-target" checked={choice === `p:${project}`} onChange={() => onPick(`p:${project}`)} />
            <span>{label.label}</span>
            {label.detail !== null ? <span className="muted choice-sub">{label.detail}</span> : null}
          </label>
        ))}
      {shownKeys.has('unfiled') ? (
        <label className="choice">
          <input type="radio" name="move-target" checked={choice === 'unfiled'} onChange={() => onPick('unfiled')} />
          <span>Unfiled</span>
          <span className="muted choice-sub">no project</span>
        </label>
      ) : null}
      <label className="choice">
        <input type="radio" name="move-target" checked={choice === 'new'} onChange={() => onPick('new')} />
        <span>{newProjectName ? `New project “${newProjectName}”` : 'New project'}</span>
      </label>
    </div>
  )
}

/** The choice list's state: what the filter shows, the chosen key and the new project's name. */
function useMoveChoice(refs: SessionRef[], store: StoreView | undefined, projects: Array<{ project: string; label: ProjectLabel }>) {
  const current = useSessionsStore(
    useShallow((s) => {
      const ids = new Set(refs.map((ref) => ref.id))
      return [...new Set((s.data?.sessions ?? []).filter((session) => ids.has(session.id)).map((session) => session.project))]
    }),
  )
  const offersUnfiled = store ? hasUnfiled(store) : true
  const items: ChoiceItem[] = [
    ...projects.map((choice) => ({ key: `p:${choice.project}`, matches: (text: string) => projectMatches(choice, text) })),
    ...(offersUnfiled ? [{ key: 'unfiled', matches: unfiledMatches }] : []),
    { key: 'new', matches: () => false, pinned: true },
  ]
  // Preselect the first project the sessions are not already in.
  const [state, setState] = useState<ListChoiceState>(() => {
    const other = projects.find(({ project }) => !(current.length === 1 && current[0] === project))
    return listChoice(other !== undefined ? `p:${other.project}` : store && !hasUnfiled(store) ? 'new' : 'unfiled')
  })
  const [newName, setNewName] = useState('')
  const filter = state.filter
  const shownKeys = new Set(visibleChoices(items, filter).map((item) => item.key))
  // Enter and the Move button act on this alone: a choice the filter hid is never it.
  const choice = chosenKey(state, items)
  const noMatch = filter.trim() !== '' && [...shownKeys].every((key) => key === 'new')
  // Highlighting "New project" after a filter that found nothing offers the filter text as its name.
  const highlight = (next: ListChoiceState) => {
    if (next.highlight === 'new' && newName.trim() === '' && noMatch) setNewName(filter.trim())
    setState(next)
  }
  const newProjectName = newName.trim() || (noMatch ? filter.trim() : '')
  return { items, state, setState, filter, shownKeys, choice, noMatch, highlight, newName, setNewName, newProjectName }
}

export function MoveDialog({ refs }: { refs: SessionRef[] }) {
  const { actions } = useApp()
  const close = () => useUiStore.getState().showDialog(null)
  const stores = useSessionsStore((s) => s.data?.stores ?? [])
  const storeIds = new Set(refs.map((ref) => ref.storeId))
  const storeId = storeIds.size === 1 ? (refs[0]?.storeId ?? null) : null
  const store = stores.find((s) => s.id === storeId)
  const projects = useStoreProjects(storeId)
  const listId = useId()
  const { items, state, setState, filter, shownKeys, choice, noMatch, highlight, newName, setNewName, newProjectName } = useMoveChoice(
    refs,
    store,
    projects,
  )
  const target = moveTargetOf(choice, newName)
  const submit = () => {
    if (!target || !storeId) return
    close()
    const label = target.kind === 'project' ? projects.find((candidate) => candidate.project === target.name)?.label.label : undefined
    void actions.move(refs, target, label)
  }
  const onFilterKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
    event.preventDefault()
    highlight(highlightMoved(state, items, event.key === 'ArrowDown' ? 1 : -1))
  }
  return (
    <Dialog
      title="Move to"
      description={
        storeId
          ? `${plural(refs.length, 'session')} from ${store ? storeLabel(store) : 'this store'}: choose a project of the same store.`
          : undefined
      }
      onClose={close}
      onSubmit={submit}
      footer={<DialogActions submit="Move" onCancel={close} disabled={!target || !storeId} />}
    >
      {!storeId ? (
        <p className="inline-error">
          The selected sessions are in different stores. A session can only move to a project of its own store; select sessions of one
          store.
        </p>
      ) : (
        <>
          {projects.length > 6 ? (
            <input
              className="input"
              type="search"
              aria-label="Find a project"
              aria-controls={listId}
              placeholder="Find a project…"
              value={filter}
              onChange={(event) => setState(filterChanged(state, items, event.target.value))}
              onKeyDown={onFilterKey}
            />
          ) : null}
          {noMatch ? (
            <p className="muted small" role="status">
              No project matches “{filter.trim()}”.
            </p>
          ) : null}
          <TargetChoices
            listId={listId}
            projects={projects}
            shownKeys={shownKeys}
            choice={choice}
            newProjectName={newProjectName}
            onPick={(key) => highlight(highlightSet(state, items, key))}
          />
          <label className="field">
            <span>New project name</span>
            <input
              className="input"
              value={newName}
              spellCheck={false}
              onFocus={() => setState(highlightSet(state, items, 'new'))}
              onChange={(event) => {
                setNewName(event.target.value)
                setState(highlightSet(state, items, 'new'))
              }}
              placeholder="Type a name to move into a new project"
            />
          </label>
        </>
      )}
    </Dialog>
  )
}

export function NewProjectDialog({ refs }: { refs: SessionRef[] }) {
  const { actions } = useApp()
  const close = () => useUiStore.getState().showDialog(null)
  const [name, setName] = useState('')
  const submit = () => {
    const trimmed = name.trim()
    if (!trimmed) return
    close()
    void actions.move(refs, { kind: 'project', name: trimmed })
  }
  return (
    <Dialog
      title="New project"
      description={`Move ${plural(refs.length, 'session')} into a new project.`}
      onClose={close}
      onSubmit={submit}
      footer={<DialogActions submit="Create and move" onCancel={close} disabled={!name.trim()} />}
    >
      <label className="field">
        <span>Project name</span>
        <input className="input" autoFocus value={name} onChange={(event) => setName(event.target.value)} placeholder="e.g. billing-api" />
      </label>
    </Dialog>
  )
}
