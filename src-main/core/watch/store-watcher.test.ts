import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ADAPTER_LIST, adapterFor } from '../adapters/registry'
import { isWatchedFolder } from './store-watcher'

const root = join('/', 'home', 'dev', 'store')
const at = (...parts: string[]) => join(root, ...parts)

describe('isWatchedFolder', () => {
  it('flat stores (Oxios, Astrid): the root, and .archive only when archived sessions count', () => {
    expect(isWatchedFolder(root, root, 1, false)).toBe(true)
    expect(isWatchedFolder(root, `${root}/`, 1, false)).toBe(true)
    expect(isWatchedFolder(root, at('.archive'), 1, false)).toBe(false)
    expect(isWatchedFolder(root, at('.archive'), 1, true)).toBe(true)
    expect(isWatchedFolder(root, at('misc'), 1, true)).toBe(false)
    expect(isWatchedFolder(root, at('.archive', 'deeper'), 1, true)).toBe(false)
    expect(isWatchedFolder(root, at('x.json'), 1, true)).toBe(false)
  })

  it('stores with a folder per project (ao-rs): visible project folders and, when asked, their .archive', () => {
    expect(isWatchedFolder(root, at('proj'), 2, false)).toBe(true)
    expect(isWatchedFolder(root, at('proj', '.archive'), 2, false)).toBe(false)
    expect(isWatchedFolder(root, at('proj', '.archive'), 2, true)).toBe(true)
    expect(isWatchedFolder(root, at('.archive'), 2, true)).toBe(false)
    expect(isWatchedFolder(root, at('.hidden'), 2, true)).toBe(false)
    expect(isWatchedFolder(root, at('.hidden', '.archive'), 2, true)).toBe(false)
    expect(isWatchedFolder(root, at('proj', 'sub'), 2, true)).toBe(false)
    expect(isWatchedFolder(root, at('proj', 'x.yaml'), 2, true)).toBe(false)
    expect(isWatchedFolder(root, at('proj', '.archive', 'sub'), 2, true)).toBe(false)
  })

  it('never leaves the root', () => {
    expect(isWatchedFolder(root, join(root, '..'), 2, true)).toBe(false)
    expect(isWatchedFolder(root, join(root, '..', 'other'), 2, true)).toBe(false)
  })

  // The rule is written from watchDepth and the .archive convention, not from each adapter's
  // classify(); this keeps the two from drifting apart.
  it.each(ADAPTER_LIST.map((adapter) => adapter.format))('watches every folder that %s sessions can sit in', (format) => {
    const adapter = adapterFor(format)
    const name = format === 'ao' ? 'a.yaml' : '5f0c7d2e-8a1b-4c3d-9e4f-a0b1c2d3e4f5.json'
    const candidates = [[name], ['proj', name], ['.archive', name], ['proj', '.archive', name], ['proj', 'sub', name]]
    let accepted = 0
    for (const parts of candidates) {
      const path = at(...parts)
      const verdict = adapter.classify(root, path)
      if (!verdict) continue
      accepted++
      for (let depth = 1; depth < parts.length; depth++) {
        expect(isWatchedFolder(root, at(...parts.slice(0, depth)), adapter.watchDepth, true), path).toBe(true)
        if (!verdict.archived) expect(isWatchedFolder(root, at(...parts.slice(0, depth)), adapter.watchDepth, false), path).toBe(true)
      }
    }
    expect(accepted).toBe(2)
  })
})
