// The keymap is the one list of shortcuts: the help dialog shows it as it is, and every key runs
// a command that exists.
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import type { AppServices } from '../../src-renderer/src/app-context'
import { makeCommands } from '../../src-renderer/src/commands'
import { HelpDialog } from '../../src-renderer/src/components/dialogs/SmallDialogs'
import { KEYMAP, accelerator, bindingFor, helpKeys } from '../../src-renderer/src/keymap'

const unescape = (html: string) =>
  html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')

function helpRows(): Array<[string, string]> {
  const html = renderToStaticMarkup(createElement(HelpDialog))
  return [...html.matchAll(/<tr><td><kbd>(.*?)<\/kbd><\/td><td>(.*?)<\/td><\/tr>/g)].map((match) => [
    unescape(match[1] ?? ''),
    unescape(match[2] ?? ''),
  ])
}

const press = (key: string, mods: { ctrl?: boolean; meta?: boolean; shift?: boolean } = {}) => ({
  key,
  ctrlKey: !!mods.ctrl,
  metaKey: !!mods.meta,
  shiftKey: !!mods.shift,
})
const outside = { typing: false, inTree: false }

describe('keymap', () => {
  it('is what the help dialog lists, row for row', () => {
    const expected = KEYMAP.filter((binding) => binding.shows.includes('help')).map((binding) => [helpKeys(binding), binding.label])
    expect(expected.length).toBeGreaterThan(0)
    expect(helpRows()).toEqual(expected)
  })

  it('writes the keys as the help always has', () => {
    const rows = new Map(helpRows().map(([keys, label]) => [label, keys]))
    expect(rows.get('Move to…')).toBe('Ctrl/⌘ + Shift + M')
    expect(rows.get('Move to trash')).toBe('Delete')
    expect(rows.get('Filter sessions')).toBe('/')
    expect(rows.get('Find in the open session (no session open: filter sessions)')).toBe('Ctrl/⌘ + F')
    expect(rows.get('Next match (in the find bar)')).toBe('Enter or F3')
    expect(rows.get('Previous match (in the find bar)')).toBe('Shift + Enter or Shift + F3')
    expect(rows.get('Context menu')).toBe('Shift + F10 or Menu key')
    expect(rows.get('This help')).toBe('?')
    expect(rows.get('Search every session')).toBe('Ctrl/⌘ + K or Ctrl/⌘ + Shift + F')
  })

  it('runs only commands the commands table has', () => {
    const commands = makeCommands({} as AppServices) as unknown as Record<string, unknown>
    const bound = KEYMAP.flatMap((binding) => (binding.command ? [binding.command] : []))
    expect(bound.length).toBeGreaterThan(0)
    for (const command of bound) expect(typeof commands[command], command).toBe('function')
  })

  it('gives every menu command an accelerator', () => {
    for (const binding of KEYMAP.filter((candidate) => candidate.shows.includes('menus'))) {
      expect(accelerator(binding.command as NonNullable<typeof binding.command>)).not.toBe('')
    }
    expect(accelerator('trash')).toBe('Delete')
    expect(accelerator('help')).toBe('?')
  })

  it('tells the shortcuts apart by their modifiers and where the focus is', () => {
    expect(bindingFor(press('e', { ctrl: true }), outside)?.command).toBe('archive')
    expect(bindingFor(press('E', { ctrl: true, shift: true }), outside)?.command).toBe('unarchive')
    expect(bindingFor(press('Backspace', { meta: true }), outside)?.command).toBe('trash')
    expect(bindingFor(press('Backspace', { ctrl: true }), outside)).toBeUndefined()
    expect(bindingFor(press('Delete', { ctrl: true }), outside)).toBeUndefined()
    expect(bindingFor(press('a', { ctrl: true }), outside)).toBeUndefined()
    expect(bindingFor(press('a', { ctrl: true }), { typing: false, inTree: true })?.command).toBe('selectAll')
    expect(bindingFor(press('F10', { shift: true }), { typing: false, inTree: true })?.command).toBe('contextMenu')
    expect(bindingFor(press('?', { shift: true }), outside)?.command).toBe('help')
    expect(bindingFor(press('z', { ctrl: true }), { typing: true, inTree: false })).toBeUndefined()
    expect(bindingFor(press('o', { ctrl: true }), { typing: true, inTree: false })?.command).toBe('openFolder')
    expect(bindingFor(press('k', { ctrl: true }), { typing: true, inTree: false })?.command).toBe('search')
    expect(bindingFor(press('F', { ctrl: true, shift: true }), outside)?.command).toBe('search')
    expect(bindingFor(press('f', { ctrl: true }), outside)?.command).toBe('find')
    expect(bindingFor(press('f', { ctrl: true }), { typing: true, inTree: false })?.command).toBe('find')
    expect(bindingFor(press('/'), outside)?.command).toBe('focusFilter')
  })

  it('gives Enter, F3 and Escape to the find bar only with the focus in it', () => {
    const inFind = { typing: true, inTree: false, inFind: true }
    expect(bindingFor(press('Enter'), inFind)?.command).toBe('findNext')
    expect(bindingFor(press('F3'), inFind)?.command).toBe('findNext')
    expect(bindingFor(press('Enter', { shift: true }), inFind)?.command).toBe('findPrevious')
    expect(bindingFor(press('F3', { shift: true }), inFind)?.command).toBe('findPrevious')
    expect(bindingFor(press('Escape'), inFind)?.command).toBe('closeFind')
    expect(bindingFor(press('Enter'), outside)).toBeUndefined()
    expect(bindingFor(press('Escape'), outside)).toBeUndefined()
    expect(bindingFor(press('Enter'), { typing: true, inTree: false })).toBeUndefined()
  })
})
