/** The part of a file's stat that tells one version of it from another. */
export interface FileStamp {
  size: number
  mtimeMs: number
  ino: number
}

export function stampOf(info: { size: number; mtimeMs: number; ino: number }): FileStamp {
  return { size: info.size, mtimeMs: info.mtimeMs, ino: info.ino }
}

export function sameStamp(a: FileStamp | null, b: FileStamp | null): boolean {
  if (a === null || b === null) return a === b
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino
}

interface Expectation {
  /** The stamp the file had right after the app wrote it; null when the app removed it. */
  stamp: FileStamp | null
  expires: number
}

/**
 * Remembers the app's own recent writes, so a watcher can drop the events they echo back
 * (the operation already told its listeners) while still reporting an agent's write that lands
 * on the same path a moment later, which will have another stamp.
 */
export class OwnWrites {
  private readonly expected = new Map<string, Expectation>()

  constructor(
    private readonly ttlMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  noteWritten(path: string, stamp: FileStamp): void {
    this.expected.set(path, { stamp, expires: this.now() + this.ttlMs })
  }

  noteRemoved(path: string): void {
    this.expected.set(path, { stamp: null, expires: this.now() + this.ttlMs })
  }

  /** Is an event for `path`, whose file now has stamp `current` (null when gone), the echo of an own write? */
  isEcho(path: string, current: FileStamp | null): boolean {
    const expectation = this.expected.get(path)
    if (!expectation) return false
    if (expectation.expires < this.now()) {
      this.expected.delete(path)
      return false
    }
    return sameStamp(expectation.stamp, current)
  }
}
