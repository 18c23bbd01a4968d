import type { IndexProgressView } from '../../src-shared/contract'

// The search index's progress as the shells see it: each run of the indexer (a whole scan, or the
// paths the live index reported) begins, reports how far it has got after every batch it writes,
// and ends. The renderer gets at most one report per interval (and always the run's last), then
// one `finished`; the CLI's callback gets every report, as it always has.

/** The indexer's own report: files and bytes to read, and those read so far. */
export interface IndexProgressCounts {
  files: number
  done: number
  bytes: number
  doneBytes: number
}

/** What the search index tells of each run. */
export interface IndexProgressObserver {
  begin(): void
  progress(counts: IndexProgressCounts): void
  /** The run is over, however it ended. */
  end(): void
}

/** At most this often (ms) a report crosses to the renderer: ten a second. */
export const PROGRESS_INTERVAL_MS = 100

/**
 * Whether a report goes out now: the first of a run, one at least `intervalMs` after the last one
 * sent, and the run's last (everything read) always; the others are dropped, the next carries on.
 */
export function shouldSendProgress(lastSentAt: number | null, now: number, intervalMs: number, last: boolean): boolean {
  return last || lastSentAt === null || now - lastSentAt >= intervalMs
}

interface Run {
  startedAt: number
  lastSentAt: number | null
  /** The last report sent, which `finished` repeats; null until one has been. */
  sent: IndexProgressView | null
}

export class IndexProgressReporter implements IndexProgressObserver {
  private run: Run | null = null

  constructor(
    private readonly send: (view: IndexProgressView) => void,
    private readonly onCounts?: (counts: IndexProgressCounts) => void,
    private readonly clock: () => number = Date.now,
    private readonly intervalMs = PROGRESS_INTERVAL_MS,
  ) {}

  /** The run under way as last sent, or null when none is (or it has sent nothing yet). */
  current(): IndexProgressView | null {
    return this.run?.sent ?? null
  }

  begin(): void {
    this.run = { startedAt: this.clock(), lastSentAt: null, sent: null }
  }

  progress(counts: IndexProgressCounts): void {
    this.onCounts?.(counts)
    const run = this.run
    if (!run || counts.files === 0) return
    const last = counts.done >= counts.files
    // A run whose first report is already its last was over before anyone needed to see it.
    if (last && run.sent === null) return
    const now = this.clock()
    if (!shouldSendProgress(run.lastSentAt, now, this.intervalMs, last)) return
    run.lastSentAt = now
    run.sent = { phase: 'texts', ...pick(counts), startedAt: run.startedAt, elapsedMs: now - run.startedAt, finished: false }
    this.send(run.sent)
  }

  end(): void {
    const run = this.run
    this.run = null
    if (run?.sent) this.send({ ...run.sent, elapsedMs: this.clock() - run.startedAt, finished: true })
  }
}

function pick({ files, done, bytes, doneBytes }: IndexProgressCounts): IndexProgressCounts {
  return { files, done, bytes, doneBytes }
}

/** Whether a service builds the search index at start: the app's, which watches and writes (not a CLI command's). */
export function warmsUpSearch(options: { shell: string; watch?: boolean; lazyIndex?: boolean; readOnly?: boolean }): boolean {
  return options.shell !== 'cli' && options.watch !== false && !options.lazyIndex && !options.readOnly
}
