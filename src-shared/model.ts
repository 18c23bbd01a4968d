// The domain model shared by every store format, the CLI and the renderer.
// This file must stay free of imports: the renderer's type-check includes it directly.

/** The on-disk formats SessionScope understands; each is a module of core/formats/ (its registry lists them). */
export type StoreFormat = string

/** A format the app reads, as the UI names it. */
export interface FormatInfo {
  label: string
  /** Where the agent keeps its home folder, as a user would type it ("~/.claude"). */
  homeExample: string
}

/** What the UI needs to know of a store's format, so it never asks for the format by name. */
export interface StoreCapabilities {
  /** The format's name as users know it ("Claude Code"). */
  label: string
  /** Whether its sessions can move between projects (not where the agent's own record holds the project). */
  canMove: boolean
  /** Whether Unfiled (no project) is a place its sessions can be moved to. */
  hasUnfiled: boolean
  /** Whether a session's parentId means "a sub-agent of", so sub-agents nest under their parent. */
  nestsSubAgents: boolean
  /** Whether its project folders stand for working directories, so projects are named by path. */
  namesProjectsByPath: boolean
}

/** A directory holding sessions of one format. */
export interface Store {
  format: StoreFormat
  /** Absolute path of the sessions directory itself (e.g. ~/.oxios/workspace/sessions). */
  root: string
}

/** Token counts as the format reports them. */
export interface TokenUsage {
  input: number
  output: number
  cacheRead: number
  cacheWrite: number
  /**
   * Whether `input` already includes the cached tokens (OpenAI and Gemini count them in; Claude
   * and ao-rs count them apart). Absent means they are apart.
   */
  inputIncludesCache?: boolean
}

/** What a listing knows about one session: cheap to hold for tens of thousands of sessions. */
export interface SessionSummary {
  id: string
  format: StoreFormat
  /** Absolute path of the store's sessions directory. */
  store: string
  /** Absolute path of the session file. */
  path: string
  /** Project key; null means the session belongs to no project ("Unfiled"). */
  project: string | null
  /** The working directory the project stands for, where the format records one. */
  projectPath: string | null
  title: string
  /** ISO-8601 UTC. */
  createdAt: string
  /** ISO-8601 UTC. */
  updatedAt: string
  /**
   * The session's last activity as the agent recorded it (ISO-8601 UTC): the time of its last
   * message or event, never a field or an mtime that the app's own edits changed. Prune by age
   * and the displayed age go by it. Absent where updatedAt already is that time.
   */
  lastActivityAt?: string
  /** When the session file last changed on disk (ISO-8601 UTC): a recent one means an agent is writing. */
  modifiedAt: string
  /** User messages. */
  turns: number
  /** Tool calls. */
  steps: number
  /** Failed tool calls. */
  errors: number
  archived: boolean
  /** Size of the session file in bytes. */
  bytes: number
  model: string | null
  status: string | null
  parentId: string | null
  tokens: TokenUsage | null
  /** The agent that ran the session, where the store records it (ao-rs). */
  agent: string | null
  /** Git branch, where recorded. */
  branch: string | null
  /** Cost in US dollars, where recorded. */
  costUsd: number | null
  /**
   * Sub-agent sessions recorded inside this session's own file (Claude Code ≤ 1.0 wrote them
   * inline); they share its path. Sub-agents in files of their own are sessions like any other,
   * with parentId set.
   */
  children?: SessionSummary[]
}

export interface Message {
  text: string
  /** ISO-8601 UTC, or null where the format records no time. */
  at: string | null
}

/** One tool call and its result. */
export interface Step {
  id: string
  tool: string
  args: unknown
  /** The tool's output as text; null while the call has no result. */
  output: string | null
  /** Start time, ISO-8601 UTC; null where the format records none. */
  at: string | null
  durationMs: number | null
  isError: boolean
  /** The sub-agent session this call started (Task/Agent tools), where known. */
  childSessionId?: string | null
}

/** The conversation was compacted (summarized to free context) just before a turn. */
export interface CompactionMarker {
  at: string | null
  /** "auto" or "manual", where recorded. */
  trigger: string | null
  /** Context size before compaction, where recorded. */
  preTokens: number | null
}

export interface Turn {
  /** 0-based position in the session. */
  index: number
  user: Message | null
  agent: Message | null
  steps: Step[]
  /** Set when a compaction happened between the previous turn and this one. */
  compactedBefore?: CompactionMarker | null
}

/**
 * One API response a session file records, with its tokens (rows of the index, to total usage
 * without double counting). A file's responses add up to its session's `tokens` (a Claude Code
 * file's also hold its inline sub-agents') and count them the same way: whether `input` includes
 * `cacheRead` is that session's `tokens.inputIncludesCache` (true for Codex CLI and Gemini CLI).
 * Each format's doc says which of its records are responses and what keys them.
 */
export interface ApiResponse {
  /** The provider's message id, where the format records one (Claude Code, Gemini CLI). */
  messageId: string | null
  /** The request id, where the format records one (Claude Code). */
  requestId: string | null
  model: string | null
  /** When it was written (ISO-8601), where recorded. */
  at: string | null
  input: number
  output: number
  cacheRead: number
  cacheWrite: number
  /** As TokenUsage.inputIncludesCache: whether `input` already counts the cache reads (Codex, Gemini) or not (Claude Code). */
  inputIncludesCache: boolean
}

export interface SessionDetail {
  session: SessionSummary
  turns: Turn[]
  /**
   * Every API response of the file (inline sub-agents' too), for the index; formats that do not
   * record them leave it out. The service does not send it to the renderer.
   */
  responses?: ApiResponse[]
  /** Every model the session used, most used first (the summary names the most used). */
  models?: string[]
  /** Lines of an append-only log that could not be read and were skipped. */
  skippedLines?: number
}

/** A file that looks like a session but could not be read. */
export interface Problem {
  path: string
  /** One line saying what is wrong. */
  reason: string
}

export interface Listing {
  sessions: SessionSummary[]
  problems: Problem[]
}

// ---------- Operation results (the core returns them, the contract carries them) ----------

export interface DoneItem {
  id: string
  /** Where the session was: a project (null for none) for moves, a file path otherwise. */
  from: string | null
  to: string | null
  /** The session file after the operation. */
  path: string
}

export interface SkippedItem {
  id: string
  reason: string
}

export type MoveTarget = { kind: 'project'; name: string } | { kind: 'unfiled' }
