import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FORMAT_LIST, formatModule } from '../../../../src-main/core/formats/registry'
import { isWatchedFolder } from '../../../../src-main/core/watch/store-watcher'

const root = join('/', 'home', 'dev', 'store')
const at = (...parts: string[]) => join(root, ...parts)

describe('isWatchedFolder', () => {
  it('flat stores (Oxios, Astrid): the root, and .archive only when archived sessions count', () => {
    expect(isWatchedFolder(root, root, 1, false)).toBe(true)
    expect(isWatchedFolder(root, `${root}/`, 1, false)).toBe(true)
    expect(isWatchedFolder(root, at('.archive'), 1, false)).toBe(false)
    expect(isWatchedFolder(root, at('.archive'), 1, true)).toBe(true)
    expect(isWatchedFolder(root, at('.archive', 'deeper'), 1, true)).toBe(false)
  })

  it('stores with a folder per project (ao-rs): visible project folders and, when asked, their .archive', () => {
    expect(isWatchedFolder(root, at('proj'), 2, false)).toBe(true)
    expect(isWatchedFolder(root, at('proj', '.archive'), 2, false)).toBe(false)
    expect(isWatchedFolder(root, at('proj', '.archive'), 2, true)).toBe(true)
    expect(isWatchedFolder(root, at('.hidden'), 2, true)).toBe(false)
    expect(isWatchedFolder(root, at('.hidden', '.archive'), 2, true)).toBe(false)
    expect(isWatchedFolder(root, at('proj', '.archive', 'sub'), 2, true)).toBe(false)
  })

  it('never leaves the root', () => {
    expect(isWatchedFolder(root, join(root, '..'), 2, true)).toBe(false)
    expect(isWatchedFolder(root, join(root, '..', 'other'), 2, true)).toBe(false)
  })

  // The rule is written from watchDepth and the .archive convention, not from each adapter's
  // classify(); these examples keep the two from drifting apart.
  const examples: Record<string, string[][]> = {
    oxios: [['5f0c7d2e-8a1b-4c3d-9e4f-a0b1c2d3e4f5.json'], ['.archive', '5f0c7d2e-8a1b-4c3d-9e4f-a0b1c2d3e4f5.json']],
    astrid: [['5f0c7d2e-8a1b-4c3d-9e4f-a0b1c2d3e4f5.json'], ['.archive', '5f0c7d2e-8a1b-4c3d-9e4f-a0b1c2d3e4f5.json']],
    ao: [
      ['proj', 'a.yaml'],
      ['proj', '.archive', 'a.yaml'],
    ],
    claude: [
      ['-home-dev-app', '0f8fad5b-d9cb-469f-a165-70867728950e.jsonl'],
      ['-home-dev-app', 'agent-a1b2c3d4.jsonl'],
      ['-home-dev-app', '0f8fad5b-d9cb-469f-a165-70867728950e', 'subagents', 'agent-a485154.jsonl'],
      ['-home-dev-app', '.archive', '0f8fad5b-d9cb-469f-a165-70867728950e.jsonl'],
      ['-home-dev-app', '.archive', '0f8fad5b-d9cb-469f-a165-70867728950e', 'subagents', 'agent-a485154.jsonl'],
    ],
    codex: [
      ['sessions', '2026', '02', '23', 'rollout-2026-02-23T12-40-23-019c8a4c-ed82-79a1-aa28-7738fc5ab61a.jsonl'],
      ['archived_sessions', 'rollout-2026-02-23T12-40-23-019c8a4c-ed82-79a1-aa28-7738fc5ab61a.jsonl'],
    ],
    gemini: [
      ['my-app', 'chats', 'session-2026-01-16T10-00-abcd1234.jsonl'],
      ['my-app', 'chats', 'abcd1234-0000-4000-8000-000000000000', 'ef567890-0000-4000-8000-000000000000.jsonl'],
      ['my-app', 'chats', '.archive', 'session-2026-01-16T10-00-abcd1234.jsonl'],
      ['my-app', 'chats', '.archive', 'abcd1234-0000-4000-8000-000000000000', 'ef567890-0000-4000-8000-000000000000.jsonl'],
    ],
  }

  it.each(FORMAT_LIST.map((adapter) => adapter.format))('watches every folder that %s sessions can sit in', (format) => {
    const adapter = formatModule(format)
    const paths = examples[format] ?? []
    expect(paths.length).toBeGreaterThan(0)
    for (const parts of paths) {
      const path = at(...parts)
      const verdict = adapter.classify(root, path)
      expect(verdict, path).not.toBeNull()
      for (let depth = 1; depth < parts.length; depth++) {
        expect(isWatchedFolder(root, at(...parts.slice(0, depth)), adapter.watchDepth, true), path).toBe(true)
        if (!verdict?.archived) expect(isWatchedFolder(root, at(...parts.slice(0, depth)), adapter.watchDepth, false), path).toBe(true)
      }
    }
  })
})
