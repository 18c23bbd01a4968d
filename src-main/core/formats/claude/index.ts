import { join } from 'node:path'
import type { FormatModule } from '../format'
import { loadClaude } from './detail'
import { summarizeClaude } from './session-summary'
import { summaryResume } from './fold'
import { classifyClaude, companionsOf, scanClaude, scanTrash, sniffClaude, trashFolders, trashedPathOf, untrashedPathOf } from './layout'
import { encodeClaudeProjectDir, isAbsoluteProjectPath } from './project-dir'
import { reuniteCompanions } from './repair'
import { headNotes } from './summaries'

// Claude Code: <root>/projects/<encoded-cwd>/<sessionId>.jsonl, append-only logs written while the
// agent runs (docs/formats/claude-code.md). The store root is the `projects` folder; its project
// folders are the projects, and moving a session moves its files into another project folder.

export const claudeFormat: FormatModule = {
  format: 'claude',
  label: 'Claude Code',
  homeExample: '~/.claude',
  layoutExample: 'projects/<project>/<id>.jsonl',
  sampleHome: 'claude',
  capabilities: { hasUnfiled: false, nestsSubAgents: true, namesProjectsByPath: true },
  // Project folders are named after working directories; a path names its folder.
  ownsProjectName: isAbsoluteProjectPath,
  resolveProjectName: (name) => ({ project: encodeClaudeProjectDir(name) }),
  repairLayout: reuniteCompanions,
  moves: 'relocate-files',
  homeLayouts: ['projects'],
  pathHint: /[\\/]\.claude([\\/]|$)/,
  defaultRoots: (home, env) => [join(env.CLAUDE_CONFIG_DIR || join(home, '.claude'), 'projects')],
  // <project>/.archive/<sessionId>/subagents/agent-<id>.jsonl
  watchDepth: 5,
  classify: classifyClaude,
  sniff: sniffClaude,
  scan: (root, options) => scanClaude(root, options.archived),
  summarize: summarizeClaude,
  resumeState: summaryResume,
  fileNotes: headNotes,
  load: loadClaude,
  companions: (_root, path) => companionsOf(path),
  trashedPathOf,
  untrashedPathOf,
  scanTrash,
  trashFolders,
}
