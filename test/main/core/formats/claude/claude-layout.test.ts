import { mkdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Store } from '../../../../../src-shared/model'
import { resolveStoreDir } from '../../../../../src-main/core/stores'
import { ClaudeLog, writeClaudeSession, writeNewAgent, writeOldAgent } from '../../../../support/claude-fixtures'
import { makeTempDir, removeDir, writeFileDeep } from '../../../../support/fixtures'
import { claudeFormat } from '../../../../../src-main/core/formats/claude/index'

let dir: string
let root: string

beforeEach(async () => {
  dir = await makeTempDir('claude-layout')
  root = join(dir, '.claude', 'projects')
})
afterEach(() => removeDir(dir))

describe('Claude Code store layout', () => {
  it('uses $CLAUDE_CONFIG_DIR/projects, else ~/.claude/projects', () => {
    expect(claudeFormat.defaultRoots('/home/me', {})).toEqual(['/home/me/.claude/projects'])
    expect(claudeFormat.defaultRoots('/home/me', { CLAUDE_CONFIG_DIR: '/etc/claude' })).toEqual(['/etc/claude/projects'])
    expect(claudeFormat.defaultRoots('/home/me', { CLAUDE_CONFIG_DIR: '' })).toEqual(['/home/me/.claude/projects'])
  })

  it('classifies session files by path: main, both sub-agent layouts, active or archived; nothing else', () => {
    const at = (...parts: string[]) => claudeFormat.classify(root, join(root, ...parts))
    expect(at('p', 'abc.jsonl')).toEqual({ archived: false })
    expect(at('p', 'agent-41be4aa9.jsonl')).toEqual({ archived: false })
    expect(at('p', 'abc', 'subagents', 'agent-a485154.jsonl')).toEqual({ archived: false })
    expect(at('p', '.archive', 'abc.jsonl')).toEqual({ archived: true })
    expect(at('p', '.archive', 'agent-41be4aa9.jsonl')).toEqual({ archived: true })
    expect(at('p', '.archive', 'abc', 'subagents', 'agent-a485154.jsonl')).toEqual({ archived: true })
    for (const parts of [
      ['abc.jsonl'],
      ['p', 'abc', 'subagents', 'agent-a485154.meta.json'],
      ['p', 'abc', 'subagents', 'notes.jsonl'],
      ['p', 'abc', 'subagents', 'workflows', 'wf1', 'agent-1.jsonl'],
      ['p', 'abc', 'workflows', 'wf1.json'],
      ['p', 'abc', 'other.jsonl'],
      ['p', '.hidden.jsonl'],
      ['p', 'abc.jsonl.tmp'],
      ['p', 'abc.json'],
      ['.trash', 'p', 'abc.jsonl'],
      ['p', '.x', 'subagents', 'agent-1.jsonl'],
    ]) {
      expect(at(...parts), parts.join('/')).toBeNull()
    }
    expect(claudeFormat.classify(root, join(dir, 'elsewhere.jsonl'))).toBeNull()
    expect(claudeFormat.watchDepth).toBe(5)
    expect(claudeFormat.moves).toBe('relocate-files')
  })

  it('scans main and sub-agent files, with .archive/ only when asked, relative to any root (the trash too)', async () => {
    const main = await writeClaudeSession(root, 'p', new ClaudeLog({ sessionId: 's1' }).prompt('x'))
    const old = await writeOldAgent(root, 'p', '41be4aa9', new ClaudeLog({ sessionId: 's1', agentId: '41be4aa9' }).prompt('y'))
    const fresh = await writeNewAgent(root, 'p', 's1', 'a485154', new ClaudeLog({ sessionId: 's1', agentId: 'a485154' }).prompt('z'), {
      description: 'd',
    })
    const archived = await writeClaudeSession(join(root, 'p'), '.archive', new ClaudeLog({ sessionId: 's2' }).prompt('w'))
    const archivedAgent = await writeNewAgent(
      join(root, 'p'),
      '.archive',
      's2',
      'b1',
      new ClaudeLog({ sessionId: 's2', agentId: 'b1' }).prompt('v'),
    )
    await writeFileDeep(join(root, 'p', 's1', 'subagents', 'workflows', 'w', 'agent-q.jsonl'), '{}\n')
    await writeFileDeep(join(root, 'p', 'notes.txt'), 'x')
    await writeFileDeep(join(root, 'stray.jsonl'), '{}\n')
    const trashed = await writeClaudeSession(join(root, '.trash'), 'p', new ClaudeLog({ sessionId: 's3' }).prompt('t'))
    const paths = async (scanRoot: string, archivedToo: boolean) =>
      (await claudeFormat.scan(scanRoot, { archived: archivedToo })).map((f) => [f.path, f.archived]).sort()
    expect(await paths(root, false)).toEqual(
      [
        [fresh, false],
        [main, false],
        [old, false],
      ].sort(),
    )
    expect(await paths(root, true)).toEqual(
      [
        [fresh, false],
        [main, false],
        [old, false],
        [archived, true],
        [archivedAgent, true],
      ].sort(),
    )
    expect(await paths(join(root, '.trash'), true)).toEqual([[trashed, false]])
    // Summaries name the project folder wherever the file sits, in the trash or the archive.
    const store: Store = { format: 'claude', root }
    const fileOf = async (path: string, isArchived: boolean) => ({
      path,
      archived: isArchived,
      size: (await stat(path)).size,
      mtimeMs: (await stat(path)).mtimeMs,
    })
    expect(await claudeFormat.summarize(store, await fileOf(trashed, false))).toMatchObject({ id: 's3', project: 'p' })
    expect(await claudeFormat.summarize(store, await fileOf(archived, true))).toMatchObject({ id: 's2', project: 'p', archived: true })
    expect(await claudeFormat.summarize(store, await fileOf(archivedAgent, true))).toMatchObject({
      id: 'b1',
      parentId: 's2',
      project: 'p',
      archived: true,
    })
  })

  it('names the sub-agent folder and the old-style agent files of a session as its companions', async () => {
    const main = await writeClaudeSession(root, 'p', new ClaudeLog({ sessionId: 's1' }).prompt('x'))
    const other = await writeClaudeSession(root, 'p', new ClaudeLog({ sessionId: 's2' }).prompt('x'))
    const mine = await writeOldAgent(root, 'p', '11111111', new ClaudeLog({ sessionId: 's1', agentId: '11111111' }).prompt('y'))
    await writeOldAgent(root, 'p', '22222222', new ClaudeLog({ sessionId: 's2', agentId: '22222222' }).prompt('y'))
    // Claude Code ≥ 2.1 writes sessionId after a long message: the head still names it.
    await writeFileDeep(
      join(root, 'p', 'agent-33333333.jsonl'),
      `${JSON.stringify({ parentUuid: null, isSidechain: true, type: 'user', message: { role: 'user', content: 'q'.repeat(20_000) }, sessionId: 's1', agentId: '33333333' })}\n`,
    )
    await writeNewAgent(root, 'p', 's1', 'a1', new ClaudeLog({ sessionId: 's1', agentId: 'a1' }).prompt('z'))
    await mkdir(join(root, 'p', 's1', 'tool-results'), { recursive: true })
    expect(await claudeFormat.companions?.(root, main)).toEqual([join(root, 'p', 's1'), mine, join(root, 'p', 'agent-33333333.jsonl')])
    expect(await claudeFormat.companions?.(root, other)).toEqual([join(root, 'p', 'agent-22222222.jsonl')])
    expect(await claudeFormat.companions?.(root, mine)).toEqual([])
    expect(await claudeFormat.companions?.(root, join(root, 'p', 's1', 'subagents', 'agent-a1.jsonl'))).toEqual([])
  })

  it('sniffs a projects folder, and is found from ~/.claude as well as from the folder itself', async () => {
    expect(await claudeFormat.sniff(join(dir, 'nothing'))).toBe('empty')
    await writeFileDeep(join(root, 'p', 'empty.jsonl'), '')
    expect(await claudeFormat.sniff(root)).toBe('empty')
    await writeClaudeSession(root, 'p', new ClaudeLog().prompt('x'))
    expect(await claudeFormat.sniff(root)).toBe('yes')
    expect(await resolveStoreDir(join(dir, '.claude'))).toEqual([{ format: 'claude', root }])
    expect(await resolveStoreDir(root)).toEqual([{ format: 'claude', root }])
    const foreign = join(dir, 'foreign')
    await writeFileDeep(join(foreign, 'p', 'x.jsonl'), '{"type":"session_meta","payload":{"id":"1"}}\n')
    expect(await claudeFormat.sniff(foreign)).toBe('no')
    expect(claudeFormat.pathHint.test('/home/me/.claude/projects')).toBe(true)
    expect(claudeFormat.pathHint.test('/home/me/claude/projects')).toBe(false)
  })
})

describe('Claude Code store detection', () => {
  it('recognises a store whose only session starts with a line of any length', async () => {
    const plain = join(dir, 'somewhere', 'projects')
    for (const pad of [20 * 1024, 3 * 1024 * 1024]) {
      // Key order as a newer writer might use it: the Claude-only keys after a long message.
      const first = { type: 'user', message: { role: 'user', content: 'x'.repeat(pad) }, parentUuid: null, isSidechain: false, uuid: 'u1' }
      await writeFileDeep(join(plain, '-home-dev-p', 'a6f1c2d3-0000-4000-8000-000000000001.jsonl'), `${JSON.stringify(first)}\n`)
      expect(await claudeFormat.sniff(plain)).toBe('yes')
      expect(await resolveStoreDir(plain)).toEqual([{ format: 'claude', root: plain }])
    }
  })
})
