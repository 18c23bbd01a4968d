import { describe, expect, it } from 'vitest'
import { type CliIo, indexProgressLine } from '../../../src-main/cli/cli-support'

function io(terminal: boolean): CliIo & { err: string[] } {
  const err: string[] = []
  return { stdout: () => {}, stderr: (text) => void err.push(text), env: {}, home: '/nowhere', stderrIsTerminal: terminal, err }
}

describe('the index progress line', () => {
  it('draws files, MB, rate and time left on one terminal line, at most five times a second, then clears it', () => {
    const terminal = io(true)
    const draw = indexProgressLine(terminal)
    expect(draw).toBeDefined()
    const mb = 1024 * 1024
    draw?.({ files: 10, done: 1, bytes: 100 * mb, doneBytes: 10 * mb })
    draw?.({ files: 10, done: 2, bytes: 100 * mb, doneBytes: 20 * mb })
    expect(terminal.err).toHaveLength(1)
    const line = terminal.err[0] as string
    expect(line.startsWith('\r\u001b[K')).toBe(true)
    expect(line.slice(4)).toMatch(/^Indexing: 1 of 10 files, 10 of 100 MB, \d+ MB\/s, about \d+ s left$/)
    draw?.({ files: 10, done: 10, bytes: 100 * mb, doneBytes: 100 * mb })
    expect(terminal.err.at(-1)).toBe('\r\u001b[K')
  })

  it('draws nothing when stderr is not a terminal (a script reading it sees only messages)', () => {
    expect(indexProgressLine(io(false))).toBeUndefined()
  })
})
