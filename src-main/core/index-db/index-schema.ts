// The index database's schema. The database is a cache of the session files, so a change here
// bumps INDEX_SCHEMA_VERSION and every older (or newer) database is rebuilt, never migrated.

/** Kept in the database's `PRAGMA user_version`. */
export const INDEX_SCHEMA_VERSION = 7

/**
 * Texts of one session take the FTS rowids [sid << TEXT_ROWID_BITS, (sid + 1) << TEXT_ROWID_BITS):
 * a session's texts are deleted by rowid range, which FTS5 answers from its index (a column of the
 * FTS table naming the session would be read row by row). At most 2^20 texts a session.
 */
export const TEXT_ROWID_BITS = 20
export const MAX_TEXTS_PER_SESSION = 2 ** TEXT_ROWID_BITS

/**
 * The rowids [first, first + count) as a subquery. FTS5 answers a rowid range by reading the whole
 * table (a DELETE ... WHERE rowid BETWEEN made every build quadratic), but a rowid IN (...) by one
 * lookup each.
 */
export function TEXT_ROWIDS(first: string, count: string): string {
  // Parenthesised: << binds looser than +, so `sid << 20 + n` would be sid << (20 + n).
  return `WITH RECURSIVE r(x) AS (SELECT (${first}) WHERE (${count}) > 0 UNION ALL SELECT x + 1 FROM r WHERE x + 1 < (${first}) + (${count})) SELECT x FROM r`
}

/** The tables (and the FTS table) a database of this version has; any other set is rebuilt. */
export const INDEX_TABLES = ['stores', 'sessions', 'problems', 'file_state', 'turn_text', 'turn_text_at', 'api_responses']

export const INDEX_SCHEMA = `
CREATE TABLE stores (
  id INTEGER PRIMARY KEY,
  format TEXT NOT NULL,
  root TEXT NOT NULL,
  -- The store's folders and their mtimes when a repairing listing last found no leftover in any
  -- of them (JSON [[path, mtimeMs], ...]), or NULL: while none has changed, nothing can have been
  -- left in them since, and the next listing need not look.
  clean_folders TEXT,
  UNIQUE (root, format)
);

-- One row per session file. The columns are what queries filter and sort on; summary is the
-- whole SessionSummary as JSON, what reads return, so a summary round-trips exactly.
CREATE TABLE sessions (
  sid INTEGER PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  store INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  project TEXT,
  title TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  last_activity_at TEXT NOT NULL,
  modified_at TEXT NOT NULL,
  turns INTEGER NOT NULL,
  steps INTEGER NOT NULL,
  errors INTEGER NOT NULL,
  archived INTEGER NOT NULL,
  bytes INTEGER NOT NULL,
  model TEXT,
  parent_id TEXT,
  summary TEXT NOT NULL,
  -- How many of the session's texts turn_text holds (rowids sid << TEXT_ROWID_BITS onwards).
  texts INTEGER NOT NULL DEFAULT 0,
  -- 1 while the texts are not those of the summary's version of the file: the listing and the
  -- live index write summaries alone (the tree first), the full-text pass reads those files again.
  texts_stale INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX sessions_by_store ON sessions (store, updated_at DESC, id);
CREATE INDEX sessions_by_id ON sessions (id);
CREATE INDEX sessions_by_project ON sessions (store, project);
CREATE INDEX sessions_texts_stale ON sessions (store) WHERE texts_stale = 1;

CREATE TABLE problems (
  path TEXT PRIMARY KEY,
  store INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  reason TEXT NOT NULL
);
CREATE INDEX problems_by_store ON problems (store);

-- What a scan compares and a JSONL resume needs: the file as last read, where reading stopped
-- (resume_offset), and hashes of its first and last bytes before that point, to tell a grown log
-- from a rewritten one. Also kept for files that are problems or hold no session.
CREATE TABLE file_state (
  path TEXT PRIMARY KEY,
  store INTEGER NOT NULL REFERENCES stores (id) ON DELETE CASCADE,
  size INTEGER NOT NULL,
  mtime_ms REAL NOT NULL,
  ino INTEGER,
  resume_offset INTEGER,
  head_hash TEXT,
  tail_hash TEXT,
  -- The fold of a large append-only log as it stood at resume_offset (core/fold-resume.ts), or NULL.
  resume_state TEXT,
  -- What the format keeps of the file for reading its siblings (FormatModule.fileNotes: Claude
  -- Code's summary lines in a log's head), as of this size and mtime, or NULL.
  note TEXT,
  indexed_at TEXT NOT NULL
);
CREATE INDEX file_state_by_store ON file_state (store);

-- The searchable texts: one row per prompt, reply, tool name, tool arguments or tool output of a
-- turn (step NULL for the turn's own prompt and reply). The session is the rowid's high bits
-- (TEXT_ROWID_BITS); a trigger drops a session's texts with its row.
CREATE VIRTUAL TABLE turn_text USING fts5 (
  turn UNINDEXED,
  step UNINDEXED,
  -- The field, and for a tool call's texts its tool and whether it failed ('1' or '0'), are
  -- indexed like the text, so the in:, tool: and is:error filters are column filters of the MATCH,
  -- answered from the index.
  field,
  tool,
  is_error,
  text,
  tokenize = 'unicode61 remove_diacritics 2',
  -- A prefix index of two characters only: ab* would otherwise merge the lists of thousands of
  -- words. Each prefix index costs the build about as much again as the words' own entries, and
  -- abc* unindexed merges few enough (a few ms over 10,000 sessions), as does abcd*, which '2 3' never served.
  prefix = '2'
);
-- When a text was said (ISO-8601), for the texts whose format records it, by the text's rowid: what
-- after:/before: read of each match. Apart from the texts (a row of FTS5's content table holds the
-- whole text, so reading its time read a page or more a match), 30 bytes a row that stay in cache.
CREATE TABLE turn_text_at (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL
);
CREATE TRIGGER sessions_drop_texts AFTER DELETE ON sessions BEGIN
  DELETE FROM turn_text WHERE rowid IN (${TEXT_ROWIDS('old.sid << ' + TEXT_ROWID_BITS, 'old.texts')});
  DELETE FROM turn_text_at WHERE id >= (old.sid << ${TEXT_ROWID_BITS}) AND id < ((old.sid + 1) << ${TEXT_ROWID_BITS});
END;

-- One row per API response a session file records, so totals can be de-duplicated across files.
CREATE TABLE api_responses (
  path TEXT NOT NULL REFERENCES sessions (path) ON DELETE CASCADE ON UPDATE CASCADE,
  message_id TEXT,
  request_id TEXT,
  model TEXT,
  at TEXT,
  input_tokens INTEGER NOT NULL DEFAULT 0,
  output_tokens INTEGER NOT NULL DEFAULT 0,
  cache_read_tokens INTEGER NOT NULL DEFAULT 0,
  cache_write_tokens INTEGER NOT NULL DEFAULT 0,
  -- 1 where input_tokens already counts the cache reads (ApiResponse.inputIncludesCache).
  input_includes_cache INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX api_responses_by_path ON api_responses (path);
CREATE INDEX api_responses_by_ids ON api_responses (message_id, request_id);

PRAGMA user_version = ${INDEX_SCHEMA_VERSION};
`
