import type { AppService } from '../app/app-service'
import { type Lookup, resolveStores, sameIdFiles } from '../app/shell-api'
import type { SessionRef } from '../../src-shared/contract'
import type { SessionSummary, Store } from '../../src-shared/model'
import { CliError, type CliIo, usageError } from './cli-support'

/** The single store a DIR argument names; commands that act on sessions take exactly one. */
export async function singleStore(dir: string, io: CliIo): Promise<Store> {
  const stores = await resolveStores([dir], io.home, io.env)
  const [store] = stores
  if (!store) throw new CliError(`${dir} holds no sessions`)
  return store
}

/** The ref of the one session a typed id (or prefix) names in the service's only store, or a CliError saying why not. */
export async function refFor(service: AppService, id: string, dir: string, command: string): Promise<SessionRef> {
  const storeId = onlyStoreId(service)
  const found = await service.lookup(storeId, id)
  return { storeId, id: (await foundOrThrow(service, found, id, dir, command)).id }
}

/** The id of the service's only store. */
export function onlyStoreId(service: AppService): string {
  return (service.storeViews()[0] as { id: string }).id
}

/** The session a lookup found, or a CliError saying why it found none. */
export async function foundOrThrow(service: AppService, found: Lookup, id: string, dir: string, command: string): Promise<SessionSummary> {
  switch (found.kind) {
    case 'found':
      return found.session
    case 'empty-query':
      throw usageError(`${command}: the session ID is empty`)
    case 'not-found': {
      const unreadable = (await service.problems()).filter((p) => p.path.includes(id))
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
