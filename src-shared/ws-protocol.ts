// Messages of the browser shell's WebSocket: the same requests and events as Electron's IPC.
import type { EventName, RequestName } from './contract'

export type ClientMessage = { type: 'request'; id: number; name: RequestName; args: unknown[] }

export type ServerMessage =
  | { type: 'response'; id: number; ok: true; result: unknown }
  | { type: 'response'; id: number; ok: false; error: string }
  | { type: 'event'; name: EventName; payload: unknown }

export const WS_PATH = '/ws'
export const TOKEN_PARAM = 'token'
