// The one contract between the renderer and the process that owns the stores (the Electron main
// process or the browser shell's server). Main, preload, renderer and server all derive their
// code from this file; nothing restates it by hand. It must stay free of Node and DOM APIs: the
// renderer's type-check includes it.

import type { FormatInfo, Problem, SessionDetail, SessionSummary, StoreCapabilities, StoreFormat } from '../core/model'

export type { FormatInfo } from '../core/model'
import type { IndexBatch } from '../core/watch/index-state'

export type { IndexBatch } from '../core/watch/index-state'

/** Opaque id of a store for this run of the app. Paths never travel from the renderer. */
export type StoreId = string

export interface SessionRef {
  storeId: StoreId
  id: string
}

/** A store as the UI sees it: where it is, and what its format can do (never its rules by name). */
export interface StoreView extends StoreCapabilities {
  id: StoreId
  format: StoreFormat
  /** Shown to the user; never sent back. */
  root: string
  /** A copy of the shipped samples, opened because this machine has no store yet. */
  isSample: boolean
}

export interface AppSnapshot {
  /** The index batch this snapshot includes; apply only batches after it. */
  seq: number
  stores: StoreView[]
  /** Active and archived sessions (the renderer filters archived ones out unless asked). */
  sessions: SessionSummary[]
  problems: Problem[]
  /** Something the user should know, e.g. that the samples were opened. */
  notice: string | null
  /** Where the app looked for stores, for the empty state. */
  lookedIn: string[]
  /** The formats the app reads, for the texts that name them (from the format registry). */
  formats: FormatInfo[]
  /** A session whose file changed less than this long ago is live. */
  liveWindowMs: number
  shell: 'electron' | 'browser'
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string }

export interface DoneItem {
  id: string
  from: string | null
  to: string | null
  path: string
}

export interface SkippedItem {
  id: string
  reason: string
}

export interface OperationReport {
  done: DoneItem[]
  skipped: SkippedItem[]
  /** What Undo would revert now ("Move 2 sessions to billing"), or null when nothing was done. */
  undoLabel: string | null
}

export type MoveTarget = { kind: 'project'; name: string } | { kind: 'unfiled' }

export interface PruneRequest {
  storeId: StoreId
  /** Sessions not updated for this many days; null: no age criterion. */
  olderThanDays: number | null
  /** Keep the newest N; null: no count criterion. */
  keep: number | null
  /** The whole store, or one project (null project: the Unfiled sessions). */
  scope: { kind: 'store' } | { kind: 'project'; project: string | null }
  action: 'archive' | 'trash'
}

export interface PrunePreview {
  action: 'archive' | 'trash'
  sessions: Array<{ id: string; title: string; project: string | null; updatedAt: string; bytes: number }>
  skipped: SkippedItem[]
  totalBytes: number
}

/**
 * Every request the renderer can make, as the function the main side implements. Arguments are
 * ids, names and plain values; each is validated at run time on the main side (VALIDATORS).
 */
export interface Requests {
  getSnapshot(): AppSnapshot
  loadSession(ref: SessionRef): Outcome<SessionDetail>
  moveSessions(refs: SessionRef[], target: MoveTarget, force: boolean): Outcome<OperationReport>
  archiveSessions(refs: SessionRef[], force: boolean): Outcome<OperationReport>
  unarchiveSessions(refs: SessionRef[]): Outcome<OperationReport>
  trashSessions(refs: SessionRef[], force: boolean): Outcome<OperationReport>
  /** The sessions in a store's trash. */
  listTrash(storeId: StoreId): Outcome<SessionSummary[]>
  restoreSessions(storeId: StoreId, ids: string[]): Outcome<OperationReport>
  /** Hands the trash to the operating system's trash (Electron) or deletes it (browser shell). */
  emptyTrash(storeId: StoreId): Outcome<{ files: number; bytes: number }>
  previewPrune(request: PruneRequest): Outcome<PrunePreview>
  /** Applies a prune to exactly the sessions previewed (`ids`) that still match. */
  applyPrune(request: PruneRequest, ids: string[]): Outcome<OperationReport>
  undo(): Outcome<OperationReport & { label: string }>
  /**
   * Adds a store. Electron: shows the system folder picker in the main process and ignores any
   * argument. Browser shell (no picker): the path the user typed, checked to be a store.
   */
  addStore(typedPath: string | null): Outcome<StoreView | null>
  removeStore(storeId: StoreId): Outcome<null>
  /** Shows the session's file in the system file manager (Electron only). */
  revealSession(ref: SessionRef): Outcome<null>
  /**
   * Opens a link the user has confirmed, in the system browser (Electron only). Only what
   * externalLinkUrl lets through opens; the renderer shows the user that very URL first.
   */
  openExternal(url: string): Outcome<null>
}

export type RequestName = keyof Requests

/** Every request name, for code that registers or exposes them one by one. */
export const REQUEST_NAMES = [
  'getSnapshot',
  'loadSession',
  'moveSessions',
  'archiveSessions',
  'unarchiveSessions',
  'trashSessions',
  'listTrash',
  'restoreSessions',
  'emptyTrash',
  'previewPrune',
  'applyPrune',
  'undo',
  'addStore',
  'removeStore',
  'revealSession',
  'openExternal',
] as const satisfies readonly RequestName[]

// Compile-time proof that REQUEST_NAMES lists every request exactly.
type Missing = Exclude<RequestName, (typeof REQUEST_NAMES)[number]>
const _allListed: Missing extends never ? true : Missing = true
void _allListed

/** Main-to-renderer events. */
export interface Events {
  /** Changes to the sessions, numbered; see AppSnapshot.seq. */
  indexBatch: IndexBatch
  /** Stores were added or removed, or the index restarted: take a new snapshot. */
  snapshotInvalidated: { reason: string }
}

export type EventName = keyof Events

export const EVENT_NAMES = ['indexBatch', 'snapshotInvalidated'] as const satisfies readonly EventName[]

/** The IPC channel a request or event travels on. */
export function channelOf(name: RequestName | EventName): string {
  return `sessionscope:${name}`
}

/** What the renderer holds: each request as an async function, plus event subscriptions. */
export type ClientRequests = { [K in RequestName]: (...args: Parameters<Requests[K]>) => Promise<ReturnType<Requests[K]>> }

export interface SessionScopeClient extends ClientRequests {
  readonly shell: 'electron' | 'browser'
  /** Subscribes to an event; returns the function that unsubscribes. */
  on<E extends EventName>(event: E, listener: (payload: Events[E]) => void): () => void
}

// ---------- Links ----------

/** The only schemes a link may leave the app by: the system browser or mail client. */
const EXTERNAL_SCHEMES = new Set(['https:', 'http:', 'mailto:'])

/**
 * The URL a link in session text (untrusted agent output) would open, normalised as the browser
 * will see it (an international host name in punycode, so a look-alike shows as what it is), or
 * null when it must not leave the app: another scheme, credentials in it, control characters, not a URL.
 * Shared by the renderer (what the confirmation shows) and main (what it lets out).
 */
export function externalLinkUrl(url: unknown): string | null {
  if (typeof url !== 'string' || url.length > 2048) return null
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(url)) return null
  let parsed: URL
  try {
    parsed = new URL(url.trim())
  } catch {
    return null
  }
  if (!EXTERNAL_SCHEMES.has(parsed.protocol)) return null
  if (parsed.protocol !== 'mailto:' && (!parsed.hostname || parsed.username || parsed.password)) return null
  return parsed.href
}

// ---------- Run-time validation (main side) ----------

export class InvalidRequest extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidRequest'
  }
}

type Check<T> = (value: unknown, where: string) => T

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const string =
  (max = 4096): Check<string> =>
  (value, where) => {
    if (typeof value !== 'string') throw new InvalidRequest(`${where} must be a string`)
    if (value.length > max) throw new InvalidRequest(`${where} is too long`)
    // eslint-disable-next-line no-control-regex
    if (/\u0000/.test(value)) throw new InvalidRequest(`${where} contains a NUL character`)
    return value
  }

const id = string(512)

const boolean: Check<boolean> = (value, where) => {
  if (typeof value !== 'boolean') throw new InvalidRequest(`${where} must be true or false`)
  return value
}

const nullable =
  <T>(check: Check<T>): Check<T | null> =>
  (value, where) =>
    value === null ? null : check(value, where)

const wholeNumber =
  (min: number, max: number): Check<number> =>
  (value, where) => {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw new InvalidRequest(`${where} must be a whole number from ${min} to ${max}`)
    }
    return value
  }

const list =
  <T>(check: Check<T>, max = 10_000): Check<T[]> =>
  (value, where) => {
    if (!Array.isArray(value)) throw new InvalidRequest(`${where} must be a list`)
    if (value.length > max) throw new InvalidRequest(`${where} has too many entries`)
    return value.map((item, i) => check(item, `${where}[${i}]`))
  }

function exactKeys(value: unknown, where: string, keys: string[]): Record<string, unknown> {
  if (!isPlainObject(value)) throw new InvalidRequest(`${where} must be an object`)
  for (const key of Object.keys(value)) if (!keys.includes(key)) throw new InvalidRequest(`${where} has an unexpected field "${key}"`)
  return value
}

const sessionRef: Check<SessionRef> = (value, where) => {
  const record = exactKeys(value, where, ['storeId', 'id'])
  return { storeId: id(record.storeId, `${where}.storeId`), id: id(record.id, `${where}.id`) }
}

const moveTarget: Check<MoveTarget> = (value, where) => {
  const record = exactKeys(value, where, ['kind', 'name'])
  if (record.kind === 'unfiled') return { kind: 'unfiled' }
  if (record.kind === 'project') return { kind: 'project', name: string(1024)(record.name, `${where}.name`) }
  throw new InvalidRequest(`${where}.kind must be "project" or "unfiled"`)
}

const pruneRequest: Check<PruneRequest> = (value, where) => {
  const record = exactKeys(value, where, ['storeId', 'olderThanDays', 'keep', 'scope', 'action'])
  const scopeRecord = exactKeys(record.scope, `${where}.scope`, ['kind', 'project'])
  let scope: PruneRequest['scope']
  if (scopeRecord.kind === 'store') scope = { kind: 'store' }
  else if (scopeRecord.kind === 'project') scope = { kind: 'project', project: nullable(string(1024))(scopeRecord.project, `${where}.scope.project`) }
  else throw new InvalidRequest(`${where}.scope.kind must be "store" or "project"`)
  if (record.action !== 'archive' && record.action !== 'trash') throw new InvalidRequest(`${where}.action must be "archive" or "trash"`)
  const request: PruneRequest = {
    storeId: id(record.storeId, `${where}.storeId`),
    olderThanDays: nullable(wholeNumber(0, 100_000))(record.olderThanDays, `${where}.olderThanDays`),
    keep: nullable(wholeNumber(0, 10_000_000))(record.keep, `${where}.keep`),
    scope,
    action: record.action,
  }
  if (request.olderThanDays === null && request.keep === null) throw new InvalidRequest(`${where} needs an age or a number to keep`)
  return request
}

type Validators = { [K in RequestName]: (args: unknown[]) => Parameters<Requests[K]> }

function arity(args: unknown[], n: number, name: string): void {
  if (!Array.isArray(args) || args.length !== n) throw new InvalidRequest(`${name} takes ${n} argument${n === 1 ? '' : 's'}`)
}

/** Checks a request's arguments as they arrive, before anything acts on them. */
export const VALIDATORS: Validators = {
  getSnapshot: (args) => (arity(args, 0, 'getSnapshot'), []),
  loadSession: (args) => (arity(args, 1, 'loadSession'), [sessionRef(args[0], 'ref')]),
  moveSessions: (args) => (
    arity(args, 3, 'moveSessions'), [list(sessionRef)(args[0], 'refs'), moveTarget(args[1], 'target'), boolean(args[2], 'force')]
  ),
  archiveSessions: (args) => (arity(args, 2, 'archiveSessions'), [list(sessionRef)(args[0], 'refs'), boolean(args[1], 'force')]),
  unarchiveSessions: (args) => (arity(args, 1, 'unarchiveSessions'), [list(sessionRef)(args[0], 'refs')]),
  trashSessions: (args) => (arity(args, 2, 'trashSessions'), [list(sessionRef)(args[0], 'refs'), boolean(args[1], 'force')]),
  listTrash: (args) => (arity(args, 1, 'listTrash'), [id(args[0], 'storeId')]),
  restoreSessions: (args) => (arity(args, 2, 'restoreSessions'), [id(args[0], 'storeId'), list(id)(args[1], 'ids')]),
  emptyTrash: (args) => (arity(args, 1, 'emptyTrash'), [id(args[0], 'storeId')]),
  previewPrune: (args) => (arity(args, 1, 'previewPrune'), [pruneRequest(args[0], 'request')]),
  applyPrune: (args) => (arity(args, 2, 'applyPrune'), [pruneRequest(args[0], 'request'), list(id)(args[1], 'ids')]),
  undo: (args) => (arity(args, 0, 'undo'), []),
  addStore: (args) => (arity(args, 1, 'addStore'), [nullable(string(4096))(args[0], 'typedPath')]),
  removeStore: (args) => (arity(args, 1, 'removeStore'), [id(args[0], 'storeId')]),
  revealSession: (args) => (arity(args, 1, 'revealSession'), [sessionRef(args[0], 'ref')]),
  openExternal: (args) => (arity(args, 1, 'openExternal'), [string(2048)(args[0], 'url')]),
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && (REQUEST_NAMES as readonly string[]).includes(name)
}
