import type { IndexEvent } from '../../../src-shared/index-state'
import { defaultStoreLocations, resolveStoreDir, resolveStores } from '../../app/shell-api'
import { CliError, type CliIo, type Command, parseOptions, reportProblems, withService } from '../cli-support'

/**
 * `done` resolves on the first SIGINT or SIGTERM; after it (or after `release`) the signals get
 * Node's default again, so a second Ctrl-C during a slow shutdown still ends the process.
 */
function interruption(): { done: Promise<void>; release: () => void } {
  let resolve = () => {}
  const done = new Promise<void>((settle) => (resolve = settle))
  const release = () => {
    process.off('SIGINT', stop)
    process.off('SIGTERM', stop)
  }
  const stop = () => {
    release()
    resolve()
  }
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  return { done, release }
}

type Line = Record<string, unknown>

function jsonLine(event: IndexEvent): Line {
  if (event.type === 'problem') return { type: 'problem', path: event.path, reason: event.reason }
  return { type: event.type, id: event.id, path: event.path, session: event.session }
}

/** Prints events for people, remembering titles so a removal can still say what went. */
class HumanPrinter {
  private readonly titles = new Map<string, string>()

  constructor(private readonly io: CliIo) {}

  remember(path: string, title: string): void {
    this.titles.set(path, title)
  }

  print(event: IndexEvent): void {
    const id = (value: string | null) => (value ?? '-').slice(0, 8).padEnd(8)
    switch (event.type) {
      case 'added':
      case 'changed': {
        this.titles.set(event.path, event.session.title)
        const mark = event.type === 'added' ? '+' : '~'
        this.io.stdout(`${mark} ${event.type.padEnd(7)} ${id(event.id)} ${event.session.title}  (${event.path})\n`)
        break
      }
      case 'removed': {
        const title = this.titles.get(event.path)
        this.titles.delete(event.path)
        this.io.stdout(`- removed ${id(event.id)} ${title ?? ''}  (${event.path})\n`)
        break
      }
      case 'problem':
        this.titles.delete(event.path)
        this.io.stdout(`! problem ${event.path}: ${event.reason}\n`)
        break
    }
  }
}

export const watchCommand: Command = {
  name: 'watch',
  usage: 'watch [DIR ...] [--all] [--json]',
  summary: 'Print sessions as they are added, changed or removed, until interrupted',
  async run(args, io) {
    const { values, positionals } = parseOptions(args, { all: { type: 'boolean' }, json: { type: 'boolean' } })
    // A folder that resolves to no store (empty, and its path names no agent) cannot be watched:
    // nothing says which format to expect in it.
    for (const dir of positionals) {
      if ((await resolveStoreDir(dir)).length === 0) {
        throw new CliError(`${dir} is empty and its path names no agent, so there is no telling which sessions to watch for`)
      }
    }
    const stores = await resolveStores(positionals, io.home, io.env)
    if (stores.length === 0) {
      const places = defaultStoreLocations(io.home, io.env).map((path) => `  ${path}\n`)
      throw new CliError(`no session stores found to watch. Looked in:\n${places.join('')}`)
    }

    // Listening before the start means a Ctrl-C during the initial listing still closes cleanly.
    const interrupted = interruption()
    const options = {
      watch: true,
      // The same listing as `list`, so both show the same sessions (and share the cache).
      archived: values.all === true,
      onIndexError: (error: Error) => io.stderr(`sessionscope: watch: ${error.message}\n`),
    }
    try {
      await withService(io, stores, options, async (service) => {
        const snapshot = await service.getSnapshot()
        if (values.json) {
          service.on('indexBatch', (batch) => {
            for (const event of batch.events) io.stdout(`${JSON.stringify(jsonLine(event))}\n`)
          })
          io.stdout(`${JSON.stringify({ type: 'ready' })}\n`)
        } else {
          const printer = new HumanPrinter(io)
          for (const session of snapshot.sessions) printer.remember(session.path, session.title)
          service.on('indexBatch', (batch) => {
            for (const event of batch.events) printer.print(event)
          })
          const where = snapshot.stores.map((store) => `  ${store.label}: ${store.root}\n`).join('')
          const count = snapshot.sessions.length
          io.stderr(`Watching ${count} session${count === 1 ? '' : 's'} in:\n${where}Press Ctrl-C to stop.\n`)
          reportProblems(io, snapshot.problems)
        }
        await interrupted.done
      })
    } finally {
      interrupted.release()
    }
    return 0
  },
}
