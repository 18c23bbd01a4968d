import { basename, dirname, join, relative, resolve, sep } from 'node:path'
import type { Store } from '../../../src-shared/model'
import { ARCHIVE_DIR, TRASH_DIR } from '../scan'

export { TRASH_DIR }

// Archived sessions sit in .archive/ beside the active ones (ao-rs' own convention, used for every
// format): <dir>/<file> ↔ <dir>/.archive/<file>.

export function archivedPathOf(path: string): string {
  return join(dirname(path), ARCHIVE_DIR, basename(path))
}

export function unarchivedPathOf(path: string): string {
  return join(dirname(dirname(path)), basename(path))
}

export function trashRoot(store: Store): string {
  return join(store.root, TRASH_DIR)
}

/** Where a session goes in the trash: the same relative path under .trash/, so restore knows its place. */
export function trashPathOf(store: Store, path: string): string {
  return join(trashRoot(store), relative(store.root, path))
}

export function restoredPathOf(store: Store, trashedPath: string): string {
  return join(store.root, relative(trashRoot(store), trashedPath))
}

/** Whether `path` lies strictly inside `dir` (no escape through .. or a sibling prefix). */
export function isInside(dir: string, path: string): boolean {
  const rel = relative(resolve(dir), resolve(path))
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep)
}
