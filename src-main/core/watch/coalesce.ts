/** What a watcher saw happen to one file. */
export type RawFsKind = 'add' | 'change' | 'unlink'

export interface RawFsEvent {
  kind: RawFsKind
  path: string
}

/** One event per path, standing for everything that happened to it in a burst. */
export type CoalescedEvent = RawFsEvent

// Each kind says whether the file existed before it and whether it exists after it. A burst
// then reduces to the first event's "before" and the last event's "after", which is what
// VS Code's coalescer encodes case by case (add+unlink cancel out, unlink+add is a change).
// Keeping the rule in this form means no combination is left to a forgotten case.
const EXISTED_BEFORE: Record<RawFsKind, boolean> = { add: false, change: true, unlink: true }
const EXISTS_AFTER: Record<RawFsKind, boolean> = { add: true, change: true, unlink: false }

function kindOf(before: boolean, after: boolean): RawFsKind | null {
  if (after) return before ? 'change' : 'add'
  return before ? 'unlink' : null
}

/**
 * Folds a burst of raw events into at most one event per path, in the order each path was
 * first seen: add+change is an add, add+unlink is nothing, unlink+add is a change,
 * change+unlink is an unlink, and so on for longer runs.
 */
export function coalesceEvents(raw: readonly RawFsEvent[]): CoalescedEvent[] {
  const spans = new Map<string, { before: boolean; after: boolean }>()
  for (const event of raw) {
    const span = spans.get(event.path)
    if (span) span.after = EXISTS_AFTER[event.kind]
    else spans.set(event.path, { before: EXISTED_BEFORE[event.kind], after: EXISTS_AFTER[event.kind] })
  }
  const result: CoalescedEvent[] = []
  for (const [path, span] of spans) {
    const kind = kindOf(span.before, span.after)
    if (kind) result.push({ kind, path })
  }
  return result
}

/** A raw event of the store numbered `store` (its place in the index's list). */
export interface Touched {
  store: number
  event: RawFsEvent
}

/**
 * The paths a burst of raw events asks the index to look at, store by store. `known` says whether
 * the index holds a path.
 */
export function pathsToLookAt(pending: readonly Touched[], known: (path: string) => boolean): Array<{ store: number; path: string }> {
  const byStore = new Map<number, RawFsEvent[]>()
  for (const { store, event } of pending) {
    const list = byStore.get(store)
    if (list) list.push(event)
    else byStore.set(store, [event])
  }
  const work: Array<{ store: number; path: string }> = []
  for (const [store, events] of byStore) {
    const taken = new Set<string>()
    for (const { path } of coalesceEvents(events)) {
      taken.add(path)
      work.push({ store, path })
    }
    // A burst that folds to nothing is a file that came and went, not worth a look, unless the
    // index holds the path: a kind comes from a stat made after its event, so an "add" opening
    // the burst may have been the removal of the file the index holds.
    for (const { path } of events) {
      if (taken.has(path) || !known(path)) continue
      taken.add(path)
      work.push({ store, path })
    }
  }
  return work
}
