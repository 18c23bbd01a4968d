import { describe, expect, it } from 'vitest'
import {
  type ChoiceItem,
  chosenKey,
  filterChanged,
  highlightMoved,
  highlightSet,
  listChoice,
  visibleChoices,
} from '../../../src-renderer/src/state/list-choice'

const item = (key: string, pinned = false): ChoiceItem => ({ key, matches: (text) => key.includes(text.trim().toLowerCase()), pinned })
const items = [item('billing-api'), item('docs-site'), item('ledger-cli'), item('unfiled'), item('new', true)]
const keys = (list: readonly ChoiceItem[]) => list.map((choice) => choice.key)

describe('list dialog choice', () => {
  it('starts on the preselected choice, which Enter takes', () => {
    const state = listChoice('docs-site')
    expect(chosenKey(state, items)).toBe('docs-site')
  })

  it('moves the highlight to the first visible match when the filter hides the preselected choice', () => {
    const state = filterChanged(listChoice('docs-site'), items, 'ledg')
    expect(keys(visibleChoices(items, state.filter))).toEqual(['ledger-cli', 'new'])
    expect(state.highlight).toBe('ledger-cli')
    expect(chosenKey(state, items)).toBe('ledger-cli')
  })

  it('chooses nothing when the filter matches nothing: a pinned choice is shown but never highlighted by filtering', () => {
    const state = filterChanged(listChoice('docs-site'), items, 'zzz')
    expect(keys(visibleChoices(items, state.filter))).toEqual(['new'])
    expect(state.highlight).toBeNull()
    expect(chosenKey(state, items)).toBeNull()
  })

  it('never chooses a hidden choice, however the state got there', () => {
    expect(chosenKey({ filter: 'ledg', highlight: 'docs-site' }, items)).toBeNull()
    // A choice that left the list (its last session moved away) is not chosen either.
    expect(chosenKey(listChoice('gone'), items)).toBeNull()
  })

  it('moves the highlight with the arrows among the visible choices only, pinned ones included', () => {
    let state = filterChanged(listChoice('billing-api'), items, 'i')
    expect(keys(visibleChoices(items, state.filter))).toEqual(['billing-api', 'docs-site', 'ledger-cli', 'unfiled', 'new'])
    state = filterChanged(state, items, 'l')
    expect(state.highlight).toBe('billing-api')
    state = highlightMoved(state, items, 1)
    expect(state.highlight).toBe('ledger-cli')
    state = highlightMoved(state, items, 1)
    expect(state.highlight).toBe('unfiled')
    state = highlightMoved(state, items, 1)
    expect(state.highlight).toBe('new')
    state = highlightMoved(state, items, 1)
    expect(state.highlight).toBe('billing-api')
    state = highlightMoved(state, items, -1)
    expect(state.highlight).toBe('new')
  })

  it('reaches a pinned choice from no highlight with the arrows, and then chooses it', () => {
    let state = filterChanged(listChoice('docs-site'), items, 'zzz')
    state = highlightMoved(state, items, 1)
    expect(chosenKey(state, items)).toBe('new')
    state = highlightMoved(filterChanged(listChoice(null), items, 'zzz'), items, -1)
    expect(chosenKey(state, items)).toBe('new')
  })

  it('keeps a visible highlight when the filter is cleared, and picks the first choice when it was hidden', () => {
    let state = filterChanged(listChoice('docs-site'), items, '')
    expect(state.highlight).toBe('docs-site')
    state = filterChanged(filterChanged(listChoice('docs-site'), items, 'zzz'), items, '')
    expect(state.highlight).toBe('billing-api')
  })

  it('takes a click on a visible choice; ignores one on a hidden choice', () => {
    const filtered = filterChanged(listChoice('docs-site'), items, 'ledg')
    expect(highlightSet(filtered, items, 'new').highlight).toBe('new')
    expect(highlightSet(filtered, items, 'docs-site')).toBe(filtered)
  })

  it('does nothing with the arrows when nothing is visible', () => {
    const only = [item('a'), item('b')]
    const state = filterChanged(listChoice('a'), only, 'zzz')
    expect(highlightMoved(state, only, 1)).toBe(state)
  })
})
