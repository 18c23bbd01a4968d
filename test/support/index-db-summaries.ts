// Session summaries and file states for the index database tests: every field of SessionSummary
// set (and the optional ones varied), so a round trip through the database shows what it loses.
import type { SessionSummary, Store } from '../../src-shared/model'
import { summary } from './summaries'
import type { FileState } from '../../src-main/core/index-db/index-store'

/** The store test/support/index-writer.ts writes. */
export const WRITER_STORE: Store = { format: 'claude', root: '/index-writer/projects' }

export const sessionPath = (store: Store, name: string): string => `${store.root}/${name}.jsonl`

/** A summary of `store` whose every field (and the optional ones) varies with `name`, built on the one builder. */
export function summaryOf(store: Store, name: string, overrides: Partial<SessionSummary> = {}): SessionSummary {
  const n = [...name].reduce((sum, char) => sum + char.charCodeAt(0), 0)
  const day = String((n % 28) + 1).padStart(2, '0')
  return summary(`id-${name}`, {
    format: store.format,
    store: store.root,
    path: sessionPath(store, name),
    project: n % 3 === 0 ? null : `project-${n % 5}`,
    projectPath: n % 2 === 0 ? `/home/someone/project-${n % 5}` : null,
    title: `Session ${name}: café naïve — ✓`,
    createdAt: `2026-01-${day}T08:00:00.000Z`,
    updatedAt: `2026-02-${day}T09:30:00.000Z`,
    ...(n % 2 === 0 ? { lastActivityAt: `2026-02-${day}T09:00:00.000Z` } : {}),
    modifiedAt: `2026-02-${day}T09:30:01.000Z`,
    turns: n % 17,
    steps: n % 41,
    errors: n % 4,
    archived: n % 6 === 0,
    bytes: n * 1013,
    model: n % 4 === 0 ? null : 'claude-opus-4',
    status: n % 2 === 0 ? 'completed' : null,
    parentId: n % 5 === 0 ? 'id-parent' : null,
    tokens:
      n % 3 === 1 ? null : { input: n * 10, output: n * 3, cacheRead: n, cacheWrite: 7, ...(n % 2 ? { inputIncludesCache: true } : {}) },
    agent: n % 7 === 0 ? 'claude' : null,
    branch: n % 2 === 0 ? 'main' : null,
    costUsd: n % 3 === 0 ? null : n / 1000,
    ...overrides,
  })
}

export function fileStateOf(path: string, overrides: Partial<FileState> = {}): FileState {
  return {
    path,
    size: 123_456,
    mtimeMs: 1_767_225_600_123.456,
    ino: 987_654_321,
    resumeOffset: 120_000,
    headHash: 'a'.repeat(40),
    tailHash: 'b'.repeat(40),
    note: null,
    indexedAt: '2026-02-01T10:00:00.000Z',
    ...overrides,
  }
}
