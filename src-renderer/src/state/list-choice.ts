// The choice of a list dialog with a filter (Move to…): which choice is highlighted, and which one
// Enter takes. The rule every such dialog follows: Enter acts only on a choice that is both shown
// and highlighted. A filter that hides the highlighted choice moves the highlight to the first
// choice it shows, or to none; it never leaves an invisible choice selected, since the user would
// then act on something they cannot see (the audit's "Move to… moves to a project I did not pick").

export interface ChoiceItem {
  key: string
  /** Whether the filter text (as typed, not empty) matches this choice. */
  matches(filter: string): boolean
  /**
   * Shown whatever the filter says ("New project"); the user may pick it, but filtering never
   * highlights it, so typing a name that matches nothing does not pick it for them.
   */
  pinned?: boolean
}

export interface ListChoiceState {
  filter: string
  /** The highlighted choice's key; it counts only while that choice is shown (see chosenKey). */
  highlight: string | null
}

export function listChoice(preselected: string | null): ListChoiceState {
  return { filter: '', highlight: preselected }
}

export function visibleChoices<T extends ChoiceItem>(items: readonly T[], filter: string): T[] {
  if (filter.trim() === '') return [...items]
  return items.filter((item) => item.pinned || item.matches(filter))
}

function isShown(items: readonly ChoiceItem[], filter: string, key: string | null): boolean {
  return key !== null && visibleChoices(items, filter).some((item) => item.key === key)
}

/**
 * The filter changed: the highlight goes to the first choice the filter matches (none when it
 * matches nothing). Clearing the filter keeps a highlight that is still shown.
 */
export function filterChanged(state: ListChoiceState, items: readonly ChoiceItem[], filter: string): ListChoiceState {
  if (filter.trim() === '' && isShown(items, filter, state.highlight)) return { filter, highlight: state.highlight }
  const first = visibleChoices(items, filter).find((item) => !item.pinned)
  return { filter, highlight: first?.key ?? null }
}

/** ArrowDown (1) / ArrowUp (-1): the next shown choice, wrapping; from none, the first or last. */
export function highlightMoved(state: ListChoiceState, items: readonly ChoiceItem[], delta: 1 | -1): ListChoiceState {
  const shown = visibleChoices(items, state.filter)
  if (shown.length === 0) return state
  const at = shown.findIndex((item) => item.key === state.highlight)
  const next = at < 0 ? (delta > 0 ? 0 : shown.length - 1) : (at + delta + shown.length) % shown.length
  return { ...state, highlight: (shown[next] as ChoiceItem).key }
}

/** A click (or a radio's arrow keys) on a choice; a hidden choice cannot be clicked, so it is ignored. */
export function highlightSet(state: ListChoiceState, items: readonly ChoiceItem[], key: string): ListChoiceState {
  return isShown(items, state.filter, key) ? { ...state, highlight: key } : state
}

/** What Enter acts on: the highlighted choice if it is shown, else nothing. */
export function chosenKey(state: ListChoiceState, items: readonly ChoiceItem[]): string | null {
  return isShown(items, state.filter, state.highlight) ? state.highlight : null
}
