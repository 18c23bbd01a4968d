import type { AppService } from '../app/app-service'
import { resolveStores, sameIdFiles } from '../app/shell-api'
import type { SessionRef } from '../../src-shared/contract'
import type { Store } from '../../src-shared/model'
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
  const storeId = (service.storeViews()[0] as { id: string }).id
  const found = await service.lookup(storeId, id)
  switch (found.kind) {
    case 'found':
      return { storeId, id: found.session.id }
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
