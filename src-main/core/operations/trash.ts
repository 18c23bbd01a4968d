import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { formatModule } from '../formats/registry'
import { NO_SUMMARY_SOURCE } from '../summary-source'
import { compareSessions, summarizeFiles } from '../listing'
import type { Listing, Problem, SessionSummary, Store } from '../../../src-shared/model'
import { scanReportingUnreadable } from '../scan'
import { trashRoot } from './locations'

/** The sessions in a store's trash, as restore sees them. */
export async function listTrash(store: Store): Promise<Listing> {
  const adapter = formatModule(store.format)
  const { value: files, problems: unreadable } = await scanReportingUnreadable(() =>
    adapter.scanTrash ? adapter.scanTrash(store.root) : adapter.scan(trashRoot(store), { archived: true }),
  )
  const results = await summarizeFiles(store, files, NO_SUMMARY_SOURCE)
  const sessions: SessionSummary[] = []
  const problems: Problem[] = [...unreadable]
  results.forEach((result, i) => {
    const path = files[i]?.path as string
    if ('session' in result) sessions.push(result.session)
    else if ('problem' in result) problems.push({ path, reason: result.problem })
  })
  return { sessions: sessions.sort(compareSessions), problems }
}

async function measure(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0
  let bytes = 0
  for (const entry of await readdir(dir, { withFileTypes: true }).catch(() => [])) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) {
      const inner = await measure(path)
      files += inner.files
      bytes += inner.bytes
    } else {
      files++
      bytes += (await stat(path).catch(() => null))?.size ?? 0
    }
  }
  return { files, bytes }
}

/** The folders holding a store's trash: its .trash/, or each project's where the format keeps them there. */
export async function trashFoldersOf(store: Store): Promise<string[]> {
  const adapter = formatModule(store.format)
  return adapter.trashFolders ? adapter.trashFolders(store.root) : [trashRoot(store)]
}

/** What emptying the trash would delete for good. */
export async function trashContents(store: Store): Promise<{ files: number; bytes: number }> {
  const total = { files: 0, bytes: 0 }
  for (const folder of await trashFoldersOf(store)) {
    const inner = await measure(folder)
    total.files += inner.files
    total.bytes += inner.bytes
  }
  return total
}

/** Deletes the store's trash for good. The only operation that deletes sessions; it cannot be undone. */
export async function emptyTrash(store: Store): Promise<{ files: number; bytes: number }> {
  const contents = await trashContents(store)
  for (const folder of await trashFoldersOf(store)) await rm(folder, { recursive: true, force: true })
  return contents
}
