// A SessionScopeClient for the renderer's unit tests that is only a transport: the real AppService
// runs in this process over stores on disk, every request goes through the shells' own dispatch (so
// its arguments are validated as in the app), and whatever crosses is copied, as it would be between
// two processes. Nothing here knows a rule of the core. Tests may interfere only where a real
// transport can fail them: a reply or an event held back or lost, a request that never gets through.
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { AppService } from '../../../src-main/app/app-service'
import { type Reply, dispatch } from '../../../src-main/ipc/dispatch'
import {
  EVENT_NAMES,
  type EventName,
  type Events,
  REQUEST_NAMES,
  type RequestName,
  type SessionScopeClient,
} from '../../../src-shared/contract'
import { makeTempDir, removeDir } from '../../support/fixtures'
import { SAMPLES_DIR } from '../../support/sample-stores'

export interface InProcessClientOptions {
  /** Builds the stores in `dir`, a fresh folder, and returns the folders to open (as given on the command line). */
  stores: (dir: string) => Promise<string[]>
}

/** What a hold has kept back so far (copies, in the order they were sent). */
export interface Hold<T> {
  readonly held: readonly T[]
  /** Lets everything held through, in order, and holds nothing more. */
  release(): void
}

type Payloads = { [E in EventName]: Events[E] } & { [R in RequestName]: Reply }

export interface InProcessClient extends SessionScopeClient {
  /** The requests sent, by name, in order. */
  readonly requests: readonly RequestName[]
  /** Holds back the replies to a request, or the events of a name, until released. */
  hold<N extends RequestName | EventName>(name: N): Hold<Payloads[N]>
  /** The next event of this name is lost on the way; resolves with it once it has been. */
  drop<E extends EventName>(event: E): Promise<Events[E]>
  /** Requests of this name fail on the way, as over a broken connection, until ended. */
  fail(name: RequestName, message: string): { end(): void }
  /** Closes the service and removes every folder made for it. */
  close(): Promise<void>
}

interface HoldState {
  items: unknown[]
  deliveries: Array<() => void>
}

export async function startInProcessClient(options: InProcessClientOptions): Promise<InProcessClient> {
  const root = await makeTempDir('in-process-client')
  let service: AppService
  try {
    const storesDir = join(root, 'stores')
    const home = join(root, 'home')
    await Promise.all([mkdir(storesDir), mkdir(home)])
    service = await AppService.start({
      dataDir: join(root, 'data'),
      home,
      env: {},
      dirs: await options.stores(storesDir),
      samplesDir: SAMPLES_DIR,
      // The browser shell's service: Electron's would need the dialog and shell hooks of a real window.
      shell: 'browser',
      // Tests wait for the watcher's batches; a periodic full pass would add batches of its own.
      reconcileIntervalMs: 0,
    })
  } catch (error) {
    await removeDir(root)
    throw error
  }

  const requests: RequestName[] = []
  const listeners = new Map<EventName, Set<(payload: never) => void>>()
  const holds = new Map<RequestName | EventName, HoldState>()
  const drops = new Map<EventName, Array<(payload: never) => void>>()
  const failures = new Map<RequestName, string>()
  let closed = false

  // One wire for replies and events alike: each arrives in a later task, in the order it was sent,
  // unless a test holds it back.
  const send = (name: RequestName | EventName, payload: unknown, deliver: () => void) => {
    const hold = holds.get(name)
    if (hold) {
      hold.items.push(payload)
      hold.deliveries.push(deliver)
    } else setTimeout(deliver, 0)
  }

  const forward = <E extends EventName>(event: E) =>
    service.on(event, (payload) => {
      const copy = structuredClone(payload)
      const lost = drops.get(event)?.shift()
      if (lost) return (lost as (payload: Events[E]) => void)(copy)
      send(event, copy, () => {
        if (closed) return
        for (const listener of [...(listeners.get(event) ?? [])]) (listener as (payload: Events[E]) => void)(copy)
      })
    })
  const unsubscribe = EVENT_NAMES.map((event) => forward(event))

  async function request(name: RequestName, args: unknown[]): Promise<unknown> {
    requests.push(name)
    const failure = failures.get(name)
    const reply: Reply =
      failure === undefined ? structuredClone(await dispatch(service, name, structuredClone(args))) : { ok: false, error: failure }
    return new Promise((resolve, reject) => send(name, reply, () => (reply.ok ? resolve(reply.result) : reject(new Error(reply.error)))))
  }

  const client = {
    shell: service.shell,
    requests,
    on(event: EventName, listener: (payload: never) => void) {
      let set = listeners.get(event)
      if (!set) listeners.set(event, (set = new Set()))
      set.add(listener)
      return () => void set.delete(listener)
    },
    hold(name: RequestName | EventName) {
      const state: HoldState = { items: [], deliveries: [] }
      holds.set(name, state)
      return {
        held: state.items,
        release() {
          if (holds.get(name) === state) holds.delete(name)
          for (const deliver of state.deliveries.splice(0)) setTimeout(deliver, 0)
        },
      }
    },
    drop(event: EventName) {
      return new Promise((resolve) => {
        const waiting = drops.get(event) ?? []
        drops.set(event, [...waiting, resolve as (payload: never) => void])
      })
    },
    fail(name: RequestName, message: string) {
      failures.set(name, message)
      return { end: () => void failures.delete(name) }
    },
    async close() {
      closed = true
      listeners.clear()
      for (const off of unsubscribe) off()
      await service.close()
      await removeDir(root)
    },
  } as Record<string, unknown>
  for (const name of REQUEST_NAMES) client[name] = (...args: unknown[]) => request(name, args)
  return client as unknown as InProcessClient
}
