// The one contract between the renderer and the process that owns the stores (the Electron main
// process or the browser shell's server). Main, preload, renderer and server all derive their
// code from this file; nothing restates it by hand. It must stay free of Node and DOM APIs: the
// renderer's type-check includes it.

import type {
  DoneItem,
  FormatInfo,
  MoveTarget,
  Problem,
  SessionDetail,
  SessionSummary,
  SkippedItem,
  StoreCapabilities,
  StoreFormat,
} from './model'

export type { DoneItem, FormatInfo, MoveTarget, SkippedItem } from './model'
import type { IndexBatch } from './index-state'

export type { IndexBatch } from './index-state'

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
  shell: ShellKind
}

/** Which shell serves the app: the desktop app, the browser shell, or the command line (which has no renderer). */
export type ShellKind = 'electron' | 'browser' | 'cli'

export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: string }

export interface OperationReport {
  done: DoneItem[]
  skipped: SkippedItem[]
  /** What Undo would revert now ("Move 2 sessions to billing"), or null when nothing was done. */
  undoLabel: string | null
}

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

/** Where in a session a search hit was said. */
export type SearchField = 'prompt' | 'reply' | 'tool' | 'args' | 'output'

/**
 * What marks a matched term in a search snippet: two private-use characters, which session text
 * never needs, so the renderer can split the snippet on them and highlight without parsing HTML.
 */
export const SEARCH_MARKS = ['\uE000', '\uE001'] as const

/** Longest query the search request takes (the core's query language refuses longer ones too). */
export const MAX_SEARCH_QUERY = 500
/** Most hits one search request may ask for. */
export const MAX_SEARCH_LIMIT = 200

/** One text that matched a search, in the session it was said in. */
export interface SearchHitView {
  ref: SessionRef
  title: string
  project: string | null
  /** 0-based turn (Turn.index) and step within it (null for the prompt and the reply). */
  turn: number
  step: number | null
  field: SearchField
  /** The text around the match, matched terms between SEARCH_MARKS. */
  snippet: string
  score: number
  at: string
}

export interface SearchResultView {
  /** How many texts match in all (the hits are the best of them), counted up to a cap. */
  total: number
  /** More texts match than were counted: there are at least `total` ("1000+"). */
  totalIsLowerBound?: boolean
  hits: SearchHitView[]
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
  /** Finds what was said in the open stores' sessions (the query language of `sessionscope search`). */
  search(query: string, limit: number): Outcome<SearchResultView>
  /** How far the search index's build under way has got, or null when none is (the events say the rest). */
  getIndexProgress(): IndexProgressView | null
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
  'search',
  'getIndexProgress',
] as const satisfies readonly RequestName[]

// Compile-time proof that REQUEST_NAMES lists every request exactly.
type Missing = Exclude<RequestName, (typeof REQUEST_NAMES)[number]>
const _allListed: Missing extends never ? true : Missing = true
void _allListed

/**
 * How far bringing the full-text search index up to date has got: the files (and their bytes) to
 * read and those read so far. Sent at most about ten times a second, and once more, `finished`,
 * when the run ends (done, failed or stopped); a run with nothing to read sends nothing.
 */
export interface IndexProgressView {
  /** What the run does: reads the session files' texts into the index. */
  phase: 'texts'
  files: number
  done: number
  bytes: number
  doneBytes: number
  /** When the run began (ms since the epoch, the main side's clock); names the run. */
  startedAt: number
  /** How long the run had taken when this was measured (ms; a rate needs no clock of the renderer's). */
  elapsedMs: number
  finished: boolean
}

/** Main-to-renderer events. */
export interface Events {
  /** Changes to the sessions, numbered; see AppSnapshot.seq. */
  indexBatch: IndexBatch
  /** Stores were added or removed, or the index restarted: take a new snapshot. */
  snapshotInvalidated: { reason: string }
  /** The search index's build under way (see IndexProgressView). */
  indexProgress: IndexProgressView
}

export type EventName = keyof Events

export const EVENT_NAMES = ['indexBatch', 'snapshotInvalidated', 'indexProgress'] as const satisfies readonly EventName[]

// Compile-time proof that EVENT_NAMES lists every event exactly.
type MissingEvent = Exclude<EventName, (typeof EVENT_NAMES)[number]>
const _allEventsListed: MissingEvent extends never ? true : MissingEvent = true
void _allEventsListed

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
