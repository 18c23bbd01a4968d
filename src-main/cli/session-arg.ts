import { listStores } from '../core/listing'
import { findSession, sameIdFiles } from '../core/lookup'
import type { Listing, SessionSummary, Store } from '../../src-shared/model'
import { withChildrenAfterParents } from '../../src-shared/session-order'
import { resolveStores } from '../core/stores'
import { CliError, type CliIo, usageError } from './cli-support'

/** The single store a DIR argument names; commands that act on sessions take exactly one. */
export async function singleStore(dir: string, io: CliIo): Promise<Store> {
  const stores = await resolveStores([dir], io.home, io.env)
  const [store] = stores
  if (!store) throw new CliError(`${dir} holds no sessions`)
  return store
}

/** Resolves one id (or prefix) to a session of the listing, or throws a CliError saying why not. */
export function resolveSession(listing: Listing, id: string, dir: string, command: string): SessionSummary {
  const found = findSession(listing.sessions, id)
  switch (found.kind) {
    case 'found':
      return found.session
    case 'empty-query':
      throw usageError(`${command}: the session ID is empty`)
    case 'not-found': {
      const unreadable = listing.problems.filter((p) => p.path.includes(id))
      const hint = unreadable.map((p) => `\n  ${p.path} could not be read: ${p.reason}`).join('')
      throw new CliError(`${command}: session "${id}" not found in ${dir}${hint}`)
    }
    case 'ambiguous': {
      const files = sameIdFiles(found.matches)
      if (files) throw new CliError(`${command}: "${id}" is ambiguous: ${files}`)
      throw new CliError(
        `${command}: "${id}" matches ${found.matches.length} sessions; give more of the id:\n${found.matches
          .map((s) => `  ${s.id}  ${s.title}`)
          .join('\n')}`,
      )
    }
  }
}

/** Every session of the store, archived ones and sub-agents included. */
export async function listWithArchived(store: Store, dataDir: string): Promise<Listing> {
  const listing = await listStores([store], { archived: true, dataDir })
  return { sessions: withChildrenAfterParents(listing.sessions), problems: listing.problems }
}
