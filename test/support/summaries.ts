// The one builder of SessionSummary objects for tests that need summaries without files behind them.
import type { SessionSummary } from '../../src-shared/model'
import type { StoreView } from '../../src-shared/contract'
import { capabilitiesOf } from '../../src-main/core/formats/registry'

export const STORE_A: StoreView = {
  id: 'a',
  format: 'oxios',
  root: '/home/u/.oxios/workspace/sessions',
  isSample: false,
  ...capabilitiesOf('oxios'),
}
export const STORE_B: StoreView = {
  id: 'b',
  format: 'astrid',
  root: '/home/u/.astrid/sessions',
  isSample: false,
  ...capabilitiesOf('astrid'),
}

export const STORE_CLAUDE: StoreView = {
  id: 'c',
  format: 'claude',
  root: '/home/u/.claude/projects',
  isSample: false,
  ...capabilitiesOf('claude'),
}
export const STORE_CODEX: StoreView = {
  id: 'x',
  format: 'codex',
  root: '/home/u/.codex/sessions',
  isSample: false,
  ...capabilitiesOf('codex'),
}

/** A Claude Code session: project is the folder key, projectPath the cwd it stands for. */
export function claude(id: string, fields: Partial<SessionSummary> = {}): SessionSummary {
  const project = fields.project === undefined ? '-home-u-src-app' : fields.project
  return summary(id, {
    format: 'claude',
    store: STORE_CLAUDE.root,
    path: `${STORE_CLAUDE.root}/${project ?? 'none'}/${id}.jsonl`,
    project,
    projectPath: '/home/u/src/app',
    ...fields,
  })
}

export function summary(id: string, fields: Partial<SessionSummary> = {}): SessionSummary {
  const store = fields.store ?? STORE_A.root
  const updatedAt = fields.updatedAt ?? '2026-11-20T10:00:00.000Z'
  return {
    id,
    format: 'oxios',
    store,
    path: `${store}/${id}.json`,
    project: null,
    projectPath: null,
    title: `Session ${id}`,
    createdAt: updatedAt,
    updatedAt,
    modifiedAt: updatedAt,
    turns: 1,
    steps: 2,
    errors: 0,
    archived: false,
    bytes: 100,
    model: null,
    status: null,
    parentId: null,
    tokens: null,
    agent: null,
    branch: null,
    costUsd: null,
    ...fields,
  }
}
