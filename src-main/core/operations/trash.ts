import { readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { adapterFor } from '../adapters/registry'
import { SummaryCache } from '../index-cache'
import { compareSessions, summariseFiles } from '../listing'
import type { Listing, Problem, SessionSummary, Store } from '../model'
import { trashRoot } from './locations'

/** The sessions in a store's trash, as restore sees them. */
export async function listTrash(store: Store): Promise<Listing> {
  const files = await adapterFor(store.format).scan(trashRoot(store), { archived: true })
  const results = await summariseFiles(store, files, SummaryCache.disabled())
  const sessions: SessionSummary[] = []
  const problems: Problem[] = []
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

/** What emptying the trash would delete for good. */
export function trashContents(store: Store): Promise<{ files: number; bytes: number }> {
  return measure(trashRoot(store))
}

/** Deletes the store's trash for good. The only operation that deletes sessions; it cannot be undone. */
export async function emptyTrash(store: Store): Promise<{ files: number; bytes: number }> {
  const contents = await trashContents(store)
  await rm(trashRoot(store), { recursive: true, force: true })
  return contents
}
