import { describe, expect, it } from 'vitest'
import { describeReason } from '../../../src-renderer/src/state/format'
import {
  MAX_TOASTS,
  addToast,
  skippedByReason,
  dismissLatestUndoable,
  dismissToast,
  initialOperations,
  operationFinished,
  operationStarted,
  reportToast,
} from '../../../src-renderer/src/state/operations'

const titles: Record<string, string> = { a: 'Fix login', b: 'Add CSV export' }
const titleOf = (id: string) => titles[id] ?? id

describe('operations state', () => {
  it('adds, caps and dismisses toasts', () => {
    let state = initialOperations
    for (let i = 0; i < MAX_TOASTS + 2; i++) state = addToast(state, { tone: 'info', title: `t${i}`, details: [], undoable: false })
    expect(state.toasts.map((t) => t.title)).toEqual(['t2', 't3', 't4', 't5'])
    const first = state.toasts[0]!.id
    state = dismissToast(state, first)
    expect(state.toasts.map((t) => t.title)).toEqual(['t3', 't4', 't5'])
    expect(dismissToast(state, 999)).toBe(state)
  })

  it('drops the toast of the operation an undo reverted', () => {
    let state = addToast(initialOperations, { tone: 'success', title: 'Archived 1 session', details: [], undoable: true })
    state = addToast(state, { tone: 'info', title: 'Note', details: [], undoable: false })
    expect(dismissLatestUndoable(state).toasts.map((t) => t.title)).toEqual(['Note'])
    expect(dismissLatestUndoable(dismissLatestUndoable(state))).toEqual(dismissLatestUndoable(state))
  })

  it('counts pending operations and remembers the undo label', () => {
    let state = operationStarted(operationStarted(initialOperations))
    expect(state.pending).toBe(2)
    state = operationFinished(state, 'Archive 2 sessions')
    expect(state).toMatchObject({ pending: 1, undoLabel: 'Archive 2 sessions' })
    state = operationFinished(state)
    expect(state).toMatchObject({ pending: 0, undoLabel: 'Archive 2 sessions' })
  })

  it('says what was done and what was skipped, and why', () => {
    const toast = reportToast(
      'archive',
      { done: [{ id: 'a', from: null, to: null, path: '/x' }], skipped: [{ id: 'b', reason: 'live' }], undoLabel: 'Archive 1 session' },
      titleOf,
    )
    expect(toast.title).toBe('Archived 1 session; 1 session skipped')
    expect(toast.tone).toBe('warning')
    expect(toast.details).toEqual([`Add CSV export: skipped, ${describeReason('live')}`])
    expect(toast.details[0]).toMatch(/the agent is still writing it .*try again once it has been quiet for a minute/)
    expect(toast.undoable).toBe(true)
  })

  it('reports an operation that did nothing as a failure with no undo', () => {
    const toast = reportToast(
      'move',
      { done: [], skipped: [{ id: 'a', reason: 'changed on disk' }], undoLabel: null },
      titleOf,
      'to billing',
    )
    expect(toast).toMatchObject({ tone: 'error', title: 'Could not move 1 session', undoable: false })
  })

  it('groups the sessions a preview leaves alone by reason, naming each', () => {
    const lines = skippedByReason(
      [
        { id: 'a', reason: 'live' },
        { id: 'x', reason: 'changed' },
        { id: 'b', reason: 'live' },
      ],
      titleOf,
    )
    expect(lines).toEqual([`“Fix login”, “Add CSV export”: ${describeReason('live')}`, `“x”: ${describeReason('changed')}`])
  })
})
