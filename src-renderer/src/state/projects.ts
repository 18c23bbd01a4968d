// How a project is named on screen. Most formats' project keys are names or paths and speak for
// themselves; Claude Code's is an opaque folder key ("-Users-dain-workspace-app") that stands for a
// working directory, so its projects are named after the cwd its sessions record (projectPath).
// The folder name is never decoded: it is lossy ("my-app" and "my/app" encode alike).
import type { SessionSummary } from '../../../src-shared/model'
import type { StoreId, StoreView } from '../../../src-shared/contract'
import { compareSessions } from '../../../src-shared/session-order'
import { projectName, projectShortName } from './format'
import { storeIdOfSession } from './sessions'

export interface ProjectLabel {
  /** The visible label, and the start of the row's accessible name ("app", "billing-api", "Unfiled"). */
  label: string
  /** How the accessible name starts (the full key for formats whose keys are paths, else the label). */
  name: string
  /** Secondary text shown after the label (the full path), or null. */
  detail: string | null
  /** Tooltip: the key as it is on disk, or what Unfiled means. */
  tooltip: string
}

const UNFILED_TOOLTIP = 'Sessions that belong to no project'

/** The label of a project from its key alone (every format but Claude Code, and its fallback). */
export function keyLabel(project: string | null): ProjectLabel {
  const label = projectShortName(project)
  return {
    label,
    name: projectName(project),
    detail: project !== null && label !== project ? project : null,
    tooltip: project ?? UNFILED_TOOLTIP,
  }
}

/** The label of a Claude Code project named after a working directory (null: none recorded). */
export function pathLabel(project: string | null, cwd: string | null): ProjectLabel {
  if (project === null || cwd === null || cwd.trim() === '') return keyLabel(project)
  const label = projectShortName(cwd)
  return { label, name: label, detail: cwd, tooltip: project }
}

/**
 * The labels of one store's projects, from its sessions (which must all be of that store). A
 * Claude Code project is named after the newest of its sessions that records a cwd.
 */
export function projectLabels(byPath: boolean, sessions: Iterable<SessionSummary>): Map<string | null, ProjectLabel> {
  const labels = new Map<string | null, ProjectLabel>()
  if (!byPath) {
    for (const session of sessions) if (!labels.has(session.project)) labels.set(session.project, keyLabel(session.project))
    return labels
  }
  const newestWithPath = new Map<string, SessionSummary>()
  const keys = new Set<string | null>()
  for (const session of sessions) {
    keys.add(session.project)
    if (session.project === null || !session.projectPath) continue
    const best = newestWithPath.get(session.project)
    if (!best || compareSessions(session, best) < 0) newestWithPath.set(session.project, session)
  }
  for (const key of keys) labels.set(key, pathLabel(key, key === null ? null : (newestWithPath.get(key)?.projectPath ?? null)))
  return labels
}

/** A project's label, whether or not the map knows it. */
export function labelOf(labels: ReadonlyMap<string | null, ProjectLabel>, project: string | null): ProjectLabel {
  return labels.get(project) ?? keyLabel(project)
}

/**
 * A store's projects as dialogs offer them (Move to…, Prune): every named project that has a
 * listed session, by label (then key), each with its label.
 */
export function projectChoices(
  store: Pick<StoreView, 'id' | 'namesProjectsByPath'> | undefined,
  byRoot: Map<string, StoreId>,
  sessions: readonly SessionSummary[],
): Array<{ project: string; label: ProjectLabel }> {
  if (!store) return []
  const own = sessions.filter((session) => session.project !== null && storeIdOfSession(byRoot, session) === store.id)
  const labels = projectLabels(store.namesProjectsByPath, own)
  return [...labels.entries()]
    .filter((entry): entry is [string, ProjectLabel] => entry[0] !== null)
    .map(([project, label]) => ({ project, label }))
    .sort((a, b) => compareText(a.label.label, b.label.label) || compareText(a.project, b.project))
}

function compareText(a: string, b: string): number {
  const la = a.toLowerCase()
  const lb = b.toLowerCase()
  if (la !== lb) return la < lb ? -1 : 1
  return a < b ? -1 : a > b ? 1 : 0
}

/** Whether a dialog's "find a project" text matches a project (its label, path or key). */
export function projectMatches(choice: { project: string; label: ProjectLabel }, text: string): boolean {
  const needle = text.trim().toLowerCase()
  if (!needle) return true
  return [choice.label.label, choice.label.detail ?? '', choice.project].some((part) => part.toLowerCase().includes(needle))
}
