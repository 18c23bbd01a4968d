import { formatModule } from '../formats/registry'
import type { SessionFile } from '../formats/format'
import type { SavedFold } from '../fold-resume'
import type { TurnText } from '../index-db/index-store'
import { searchTextsOf } from '../search/session-texts'
import { NotASession, describeFailure } from '../unreadable'
import type { ApiResponse, SessionSummary, Store } from '../../../src-shared/model'

// One file's read, the same whether a worker thread or the calling thread does it: its summary
// (a fold, resumable from a saved one) or its full detail's searchable texts.

export interface ParseJob {
  /** summary: the listing's read; texts: the full-text pass's (the detail, whose summary comes with it). */
  kind: 'summary' | 'texts'
  store: Store
  file: SessionFile
  /** A saved fold to go on from (summary jobs of large append-only logs). */
  fold?: SavedFold | null
}

export type ParseAnswer = (
  | { kind: 'session'; session: SessionSummary; fold: SavedFold | null; texts: TurnText[] | null; responses: ApiResponse[] | null }
  | { kind: 'none' }
  | { kind: 'problem'; reason: string }
) & {
  /** The format's note on the file (FormatModule.fileNotes), whatever the file turned out to hold. */
  note: string | null
}

export async function runParseJob(job: ParseJob): Promise<ParseAnswer> {
  const module = formatModule(job.store.format)
  const answer = await answerOf(job)
  return { ...answer, note: module.fileNotes?.save(job.file.path, job.file) ?? null }
}

async function answerOf(job: ParseJob): Promise<DistributiveOmit<ParseAnswer, 'note'>> {
  const module = formatModule(job.store.format)
  try {
    if (job.kind === 'texts') {
      // One read: the detail's summary is the one summarize gives (a test holds them equal on the
      // samples of every format), so the file is parsed once for both.
      const detail = await module.load(job.store, job.file)
      return { kind: 'session', session: detail.session, fold: null, texts: searchTextsOf(detail), responses: detail.responses ?? null }
    }
    if (job.fold) module.resumeState?.restore(job.file.path, job.fold)
    const session = await module.summarize(job.store, job.file)
    return { kind: 'session', session, fold: module.resumeState?.save(job.file.path, job.file.size) ?? null, texts: null, responses: null }
  } catch (error) {
    if (error instanceof NotASession) return { kind: 'none' }
    return { kind: 'problem', reason: describeFailure(error) }
  }
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never
