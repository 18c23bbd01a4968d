import type { FieldChange, Revert, Rewrite } from '../edits/field-changes'
import type { ResumeState } from '../fold-resume'
import type { SessionDetail, SessionSummary, Store, StoreCapabilities, StoreFormat } from '../../../src-shared/model'

/** A file found in a store that may hold a session; stat data lets later layers cache by (path, size, mtime). */
export interface SessionFile {
  path: string
  archived: boolean
  size: number
  mtimeMs: number
  /**
   * The file's inode, where the scan knows it. The app keeps the agent's mtime when it rewrites a
   * file (so its own edits never make a session look live), and a rewrite can keep the size too:
   * the new inode is then what tells the versions apart.
   */
  ino?: number
}

export interface ScanOptions {
  /** Also look inside the store's .archive/ folders. */
  archived: boolean
}

/** What sniffing a directory says about one format. */
export type Sniff = 'yes' | 'no' | 'empty'

/** How a move names its target project, when the format has its own rule for some names. */
export type ProjectResolution = { project: string } | { refuse: string }

/**
 * One per on-disk format, owning every rule of it: finding and reading its stores, where it
 * archives and trashes, and how (if at all) its sessions move. A file it cannot read is reported
 * by throwing UnreadableSession, which the listing turns into a Problem. Nothing outside a
 * format's folder and the registry compares format names; it asks the module.
 */
export interface LoadOptions {
  /** The inline sub-agent of that id (see SessionSummary.children). */
  childId?: string
  /**
   * The file's summary, known to be of this very version of it (the index's, for an unchanged
   * stamp): a format whose summary reads other files (Claude Code's sibling titles) need not again.
   */
  summary?: SessionSummary
}

/** A format's note on one file, as of its size and mtime (FormatModule.fileNotes). */
export interface FileNotes {
  /** The note on `path` as last read at this stamp; null when there is none to keep. */
  save(path: string, stamp: FileStamp): string | null
  /** Puts a kept note back; the format uses it only while the file still has this stamp. */
  restore(path: string, stamp: FileStamp, note: string): void
  /**
   * The files whose reading depends on this file's note (Claude Code: the sessions of its project
   * folder), when the note changed from `before` (null: none kept) to `after`: an unchanged
   * session a new summary line titles must be read again. null when the change matters to nobody.
   */
  dependents(path: string, before: string | null, after: string | null): ((other: string) => boolean) | null
}

export interface FileStamp {
  size: number
  mtimeMs: number
}

export interface FormatModule {
  format: StoreFormat
  /** Its name as users know it ("Claude Code"). */
  label: string
  /** The agent's home folder as a user would type it ("~/.claude"), for the texts that name it. */
  homeExample: string
  /** The layout of its sessions folder, for the message that says what a folder should hold ("sessions/<id>.json"). */
  layoutExample: string
  /** Where its sample store's home lies below resources/samples, when it ships one. */
  sampleHome?: string
  /** What the UI needs to know of it (travels in StoreView). */
  capabilities: Omit<StoreCapabilities, 'label' | 'canMove'>
  /** Paths, relative to an agent's home folder, where this format's sessions folder sits. */
  homeLayouts: readonly string[]
  /**
   * Folders inside the store root that a user may name instead of the root itself (Codex keeps
   * sessions/ and archived_sessions/ inside its home, which is the store).
   */
  innerFolders?: readonly string[]
  /** The sessions folders this format uses by default on this machine, whether or not they exist. */
  defaultRoots(home: string, env: NodeJS.ProcessEnv): string[]
  /** A path that names this agent (".astrid", ".oxios", ".ao-rs"), used when a folder is empty. */
  pathHint: RegExp
  /** Does this existing directory look like a sessions folder of this format? Reads file heads only. */
  sniff(root: string): Promise<Sniff>
  /** How many folder levels below the root hold session files (what a watcher must cover). */
  watchDepth: number
  /**
   * Whether a path below the root is a session file of this store, and if so whether archived;
   * null for temp files, other categories and stray files. Pure: looks at the path only.
   */
  classify(root: string, path: string): { archived: boolean } | null
  /** The candidate session files of a store, stat-only. */
  scan(root: string, options: ScanOptions): Promise<SessionFile[]>
  /** Throws UnreadableSession (a problem) or NotASession (ignored) when there is no session to list. */
  summarize(store: Store, file: SessionFile): Promise<SessionSummary>
  /**
   * For formats whose summaries are folds of an append-only log: the fold of a file as last
   * read, saved in the index and put back after a restart, so a log that only grew meanwhile is
   * read on from where it stopped (core/fold-resume.ts).
   */
  resumeState?: ResumeState
  /**
   * What reading a file taught the format that reading its siblings needs (Claude Code: the
   * summary lines in a log's head, which title other sessions of its folder), kept in the index
   * with the file's stamp and put back at the next start, so the first read in a folder after a
   * start does not read every sibling again.
   */
  fileNotes?: FileNotes
  /** The whole session; with childId, the inline sub-agent of that id (see SessionSummary.children). */
  load(store: Store, file: SessionFile, options?: LoadOptions): Promise<SessionDetail>
  /**
   * How sessions move between projects: by rewriting a field in place (Oxios, Astrid), by moving
   * the file into the project's folder and rewriting its field (ao-rs), by moving the session's
   * files into another project folder (Claude Code), or not at all (the agent's own record holds
   * the project and is not ours to edit).
   */
  moves: 'rewrite' | 'relocate-rewrite' | 'relocate-files' | 'unsupported'
  /** For the formats whose moves rewrite a field: the rewrite that puts the session into `project`. */
  reparent?(text: string, project: string | null, nowIso: string): Rewrite
  /** Puts an earlier reparent's fields back, unless they changed since. */
  revert?(text: string, changes: readonly FieldChange[]): Revert
  /**
   * Whether this format decides what a typed project name means (an Astrid workspace, a Claude
   * Code working directory) rather than taking it as a plain project name.
   */
  ownsProjectName?(name: string): boolean
  /** The project a name the format owns resolves to, given every session of the store. */
  resolveProjectName?(name: string, storeSessions: readonly SessionSummary[]): ProjectResolution
  /** Puts right what a move killed half-way leaves in this format's layout (listing with repair on). */
  repairLayout?(root: string): Promise<void>
  /** When a copied sample session last changed, for its file's time (default: an hour after it began). */
  sampleTime?(session: SessionSummary): number
  /** Where archiving puts a session file; default: .archive/ beside it. */
  archivedPathOf?(root: string, path: string): string
  /** Where unarchiving puts an archived session file back; default: the folder above .archive/. */
  unarchivedPathOf?(root: string, path: string): string
  /**
   * Where trashing puts a session file, when the format keeps its trash per project (Claude Code:
   * <project>/.trash/) rather than in the store's .trash/; with untrashedPathOf, scanTrash and
   * trashFolders.
   */
  trashedPathOf?(root: string, path: string): string
  untrashedPathOf?(root: string, trashedPath: string): string
  scanTrash?(root: string): Promise<SessionFile[]>
  /** The folders that hold the store's trash, for emptying it. */
  trashFolders?(root: string): Promise<string[]>
  /**
   * Files and folders that belong to a session file and travel with it when it is moved, archived
   * or trashed (Claude Code's sub-agent folder and agent files). Paths that exist, below root.
   */
  companions?(root: string, path: string): Promise<string[]>
}
