import { type EventName, type Events, REQUEST_NAMES, type RequestName, type SessionScopeClient } from '../../../src-shared/contract'
import { type ClientMessage, type ServerMessage, TOKEN_PARAM, WS_PATH } from '../../../src-shared/ws-protocol'

// The browser shell's client: every request of the contract over one WebSocket to the server
// that served this page. The token comes from the page's own address and goes on the socket's; no
// cookie carries it (cookies ignore ports, so one would reach every other server on 127.0.0.1).
// It stays in the address bar on purpose: the server must see it on the very first request of a
// reload, a new tab or a bookmark, before any script of the page runs, so sessionStorage could not
// stand in for it without a token-free bootstrap page.

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

export function createWebSocketClient(location: Location = window.location): SessionScopeClient {
  const token = new URLSearchParams(location.search).get(TOKEN_PARAM) ?? ''
  const address = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}${WS_PATH}?${TOKEN_PARAM}=${encodeURIComponent(token)}`
  const pending = new Map<number, Pending>()
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>()
  let nextId = 1
  let socket: WebSocket | null = null
  let opened: Promise<WebSocket> | null = null

  function connect(): Promise<WebSocket> {
    if (opened) return opened
    opened = new Promise((resolve, reject) => {
      const ws = new WebSocket(address)
      ws.addEventListener('open', () => {
        socket = ws
        resolve(ws)
      })
      ws.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as ServerMessage
        if (message.type === 'event') {
          for (const listener of listeners.get(message.name) ?? []) listener(message.payload)
          return
        }
        const waiting = pending.get(message.id)
        if (!waiting) return
        pending.delete(message.id)
        if (message.ok) waiting.resolve(message.result)
        else waiting.reject(new Error(message.error))
      })
      ws.addEventListener('close', () => {
        const lost = new Error('the connection to SessionScope was closed')
        for (const waiting of pending.values()) waiting.reject(lost)
        pending.clear()
        socket = null
        opened = null
        reject(lost)
        // The server may have restarted: reconnect, and have the app take a new snapshot.
        setTimeout(() => {
          void connect().then(
            () => {
              for (const listener of listeners.get('snapshotInvalidated') ?? []) listener({ reason: 'reconnected' })
            },
            () => undefined,
          )
        }, 1000)
      })
    })
    return opened
  }

  async function request(name: RequestName, args: unknown[]): Promise<unknown> {
    const ws = socket ?? (await connect())
    const id = nextId++
    const message: ClientMessage = { type: 'request', id, name, args }
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject })
      ws.send(JSON.stringify(message))
    })
  }

  const client = {
    shell: 'browser' as const,
    on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void {
      let set = listeners.get(event)
      if (!set) {
        set = new Set()
        listeners.set(event, set)
      }
      const own = listener as (payload: unknown) => void
      set.add(own)
      void connect().catch(() => undefined)
      return () => set.delete(own)
    },
  } as SessionScopeClient
  for (const name of REQUEST_NAMES) {
    ;(client as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => request(name, args)
  }
  return client
}
