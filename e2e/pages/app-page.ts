// The main window, as the specs talk about it: the session tree, the open session's turns and
// timeline, the actions, dialogs and toasts. Everything is found by role and accessible name, as
// the accessibility contract names them (see e2e/README.md).

import { type Locator, type Page, expect } from '@playwright/test'
import { parse as parseYaml } from 'yaml'

export type StoreLabel = 'Oxios' | 'Astrid' | 'ao-rs' | 'Claude Code' | 'Codex CLI' | 'Gemini CLI'

export interface TreeRow {
  name: string
  level: number
  selected: boolean
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** A project row's name starts with the project name; Astrid's projects are folders, which may be shown whole or by their last part. */
function projectNamePattern(project: string | null): RegExp {
  if (project === null) return /^Unfiled\b/
  const last = project.split('/').filter(Boolean).pop() ?? project
  return new RegExp(`^(?:${escapeRegExp(project)}|(?:\\S*/)?${escapeRegExp(last)})(?=,|\\s|$)`)
}

/** "4 sessions" / "1 session" in a row's name; null when it states no count. */
export function countIn(name: string): number | null {
  const match = /\b(\d+) sessions?\b/.exec(name)
  return match ? Number(match[1]) : null
}

function treeItemsOf(snapshot: string): TreeRow[] {
  const rows: TreeRow[] = []
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      consider(node)
    } else if (Array.isArray(node)) {
      node.forEach(visit)
    } else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        consider(key)
        visit(value)
      }
    }
  }
  const consider = (entry: string) => {
    const match = /^treeitem(?: "((?:[^"\\]|\\.)*)")?((?: \[[^\]]*\])*)/.exec(entry)
    if (!match) return
    const attributes = match[2] ?? ''
    rows.push({
      name: match[1] === undefined ? '' : (JSON.parse(`"${match[1]}"`) as string),
      level: Number(/\[level=(\d+)\]/.exec(attributes)?.[1] ?? 0),
      selected: /\[selected\]/.test(attributes),
    })
  }
  visit(parseYaml(snapshot))
  return rows
}

export class AppPage {
  readonly tree: Locator

  constructor(readonly page: Page) {
    this.tree = page.getByRole('tree', { name: 'Sessions' })
  }

  // ---------- The tree ----------

  /** The tree's rows in order, with their names and levels (as the accessibility tree has them). */
  async rows(): Promise<TreeRow[]> {
    return treeItemsOf(await this.tree.ariaSnapshot())
  }

  store(label: StoreLabel): Locator {
    return this.tree.getByRole('treeitem', { level: 1, name: new RegExp(`^${escapeRegExp(label)}(?![\\w-])`) })
  }

  /** The rows of one store (its own row first), in order. */
  async storeRows(label: StoreLabel): Promise<Array<TreeRow & { index: number }>> {
    const rows = await this.rows()
    const start = rows.findIndex((row) => row.level === 1 && new RegExp(`^${escapeRegExp(label)}(?![\\w-])`).test(row.name))
    if (start < 0) return []
    const out: Array<TreeRow & { index: number }> = [{ ...(rows[start] as TreeRow), index: start }]
    for (let i = start + 1; i < rows.length && (rows[i] as TreeRow).level !== 1; i++) out.push({ ...(rows[i] as TreeRow), index: i })
    return out
  }

  /** The names of a store's project rows, in order. */
  async projectNames(label: StoreLabel): Promise<string[]> {
    return (await this.storeRows(label)).filter((row) => row.level === 2).map((row) => row.name)
  }

  /**
   * Each project row of a store by its short name (the last path segment, for folders) with the
   * count its name states: { 'billing-api': 2, Unfiled: 1 }. The Problems and Trash entries are left out.
   */
  async projectCounts(label: StoreLabel): Promise<Record<string, number | null>> {
    const counts: Record<string, number | null> = {}
    for (const name of await this.projectNames(label)) {
      const key = (name.split(',')[0] ?? name).trim()
      if (/^(Problems|Trash)\b/.test(key)) continue
      counts[key.split('/').filter(Boolean).pop() ?? key] = countIn(name)
    }
    return counts
  }

  /** The full name of a store's project row ("billing-api, 2 sessions"), or null when the store shows no such project. */
  async projectName(label: StoreLabel, project: string | null): Promise<string | null> {
    const pattern = projectNamePattern(project)
    return (await this.projectNames(label)).find((name) => pattern.test(name)) ?? null
  }

  /** How many sessions a store's project row says it holds (0 when the project is not shown). */
  async projectCount(label: StoreLabel, project: string | null): Promise<number | null> {
    const name = await this.projectName(label, project)
    return name === null ? 0 : countIn(name)
  }

  /** The titles-bearing names of a project's session rows, as the tree shows them now. */
  async sessionNames(label: StoreLabel, project: string | null): Promise<string[]> {
    const pattern = projectNamePattern(project)
    const rows = await this.storeRows(label)
    const names: string[] = []
    let inProject = false
    for (const row of rows) {
      if (row.level === 2) inProject = pattern.test(row.name)
      else if (row.level === 3 && inProject) names.push(row.name)
    }
    return names
  }

  /** The row of a tree entry, found by its exact name and its position among rows of the same name. */
  private rowLocator(rows: TreeRow[], index: number): Locator {
    const row = rows[index] as TreeRow
    const before = rows.slice(0, index).filter((other) => other.name === row.name && other.level === row.level).length
    return this.tree.getByRole('treeitem', { name: row.name, exact: true, level: row.level }).nth(before)
  }

  /** A store's project row. */
  async project(label: StoreLabel, project: string | null): Promise<Locator> {
    const pattern = projectNamePattern(project)
    const rows = await this.rows()
    const storeRows = await this.storeRows(label)
    const hit = storeRows.find((row) => row.level === 2 && pattern.test(row.name))
    if (!hit)
      throw new Error(
        `the tree shows no project ${project ?? 'Unfiled'} under ${label}; its rows: ${storeRows.map((r) => `${r.level}:${r.name}`).join(' | ')}`,
      )
    return this.rowLocator(rows, hit.index)
  }

  /** Where the tree shows a session: "<store label> / <project row name>". */
  async placeOf(title: string): Promise<string | null> {
    const rows = await this.rows()
    let store = ''
    let project = ''
    for (const row of rows) {
      if (row.level === 1) store = row.name
      else if (row.level === 2) project = row.name
      else if (row.level === 3 && row.name.includes(title)) return `${store} / ${project}`
    }
    return null
  }

  /** A session's row: its accessible name holds the title. */
  session(title: string): Locator {
    return this.tree.getByRole('treeitem', { level: 3, name: new RegExp(escapeRegExp(title)) })
  }

  /**
   * Drags a session row onto a project row. It grabs the row near its left edge, where a hand
   * takes it, not at its centre: with Debian's Chromium 150, a synthetic drag that starts on the
   * middle of a long label's text never finishes its first move (seen with the ao-rs "Replace
   * Algolia DocSearch…" row), and the test would hang instead of failing.
   */
  async dragSession(title: string, target: Locator): Promise<void> {
    await this.session(title).dragTo(target, { sourcePosition: { x: 30, y: 10 } })
  }

  /** Expands every collapsed row (ArrowRight on it, as the tree pattern has it) until none is left. */
  async expandAll(): Promise<void> {
    const collapsed = this.tree.locator('[role="treeitem"][aria-expanded="false"]')
    await expect(this.tree).toBeVisible()
    for (let guard = 0; guard < 100; guard++) {
      const left = await collapsed.count()
      if (left === 0) return
      await collapsed.first().press('ArrowRight')
      await expect.poll(() => collapsed.count(), { message: 'ArrowRight on a collapsed tree row expands it' }).toBeLessThan(left)
    }
    throw new Error('the tree kept collapsed rows after 100 expansions')
  }

  /** Selects a session row (click) and opens it (Enter), then waits for its first turn. */
  async openSession(title: string): Promise<void> {
    const row = this.session(title)
    await row.click()
    await row.press('Enter')
    await expect(this.turn(1), `opening "${title}" shows its first turn`).toBeVisible()
  }

  /** Ctrl-click (Cmd on macOS) adds rows to the selection. */
  async selectSessions(titles: string[]): Promise<void> {
    const [first, ...rest] = titles
    if (first === undefined) return
    await this.session(first).click()
    for (const title of rest) await this.session(title).click({ modifiers: ['ControlOrMeta'] })
    for (const title of titles) await expect(this.session(title)).toHaveAttribute('aria-selected', 'true')
  }

  // ---------- The open session ----------

  turn(n: number): Locator {
    return this.page.getByRole('article', { name: `Turn ${n}`, exact: true })
  }

  turns(): Locator {
    return this.page.getByRole('article', { name: /^Turn \d+$/ })
  }

  /**
   * A tool call of the timeline: a button whose name holds the tool, and optionally its duration
   * as formatDuration writes it; `error: true` requires the word "error", `false` forbids it.
   */
  toolCall(tool: string, options: { duration?: string; error?: boolean } = {}, within: Page | Locator = this.page): Locator {
    let pattern = `(?=.*(?<![\\w:])${escapeRegExp(tool)}(?![\\w]))`
    if (options.duration !== undefined) pattern += `(?=.*(?<![\\d.])${escapeRegExp(options.duration)}(?![\\w]))`
    if (options.error === true) pattern += '(?=.*\\berror\\b)'
    if (options.error === false) pattern += '(?!.*\\berror\\b)'
    return within.getByRole('button', { name: new RegExp(`^${pattern}`, 'is') })
  }

  /** Every timeline button marked as failed. */
  failedToolCalls(within: Page | Locator = this.page): Locator {
    return within.getByRole('button', { name: /\berror\b/i })
  }

  // ---------- Actions, dialogs, toasts ----------

  /** A visible button or menu item with exactly this name ("Move to…", "Archive", …). */
  action(name: string): Locator {
    return this.page
      .getByRole('button', { name, exact: true })
      .or(this.page.getByRole('menuitem', { name, exact: true }))
      .filter({ visible: true })
      .first()
  }

  /**
   * Runs an action on the current selection: its button when one shows, else the context menu of
   * `target` (right-click) and its menu item.
   */
  async invoke(name: string, target?: Locator): Promise<void> {
    const button = this.page.getByRole('button', { name, exact: true }).filter({ visible: true }).first()
    const shown = await button
      .waitFor({ state: 'visible', timeout: target ? 5_000 : 15_000 })
      .then(() => true)
      .catch(() => false)
    if (shown) {
      await expect(button).toBeEnabled()
      await button.click()
      return
    }
    if (!target) throw new Error(`no button "${name}" is shown`)
    await target.click({ button: 'right' })
    const item = this.page.getByRole('menuitem', { name, exact: true })
    await expect(item, `the context menu offers "${name}"`).toBeVisible()
    await item.click()
  }

  /**
   * Runs an action on the focused selection with the keyboard only: the context menu key
   * (Shift+F10) and the arrow keys to its item, else Tab to its button; then Enter.
   */
  async invokeByKeyboard(name: string): Promise<void> {
    await this.page.keyboard.press('Shift+F10')
    const menu = this.page.getByRole('menu')
    const opened = await menu
      .first()
      .waitFor({ state: 'visible', timeout: 3_000 })
      .then(() => true)
      .catch(() => false)
    if (opened) {
      const item = menu.getByRole('menuitem', { name, exact: true })
      await expect(item, `the context menu offers "${name}"`).toBeVisible()
      for (let i = 0; i < 30 && !(await this.isFocused(item)); i++) await this.page.keyboard.press('ArrowDown')
      await expect(item).toBeFocused()
      await this.page.keyboard.press('Enter')
      return
    }
    const button = this.page.getByRole('button', { name, exact: true }).filter({ visible: true }).first()
    await this.tabTo(button)
    await this.page.keyboard.press('Enter')
  }

  /**
   * Fills the prune dialog's criteria: the age in days, how many newest to keep (null: criterion
   * off), and the action. A criterion may be switched on by a checkbox of the same name.
   */
  async setPruneCriteria(
    dialog: Locator,
    criteria: { olderThanDays: number | null; keep: number | null; action: 'archive' | 'trash' },
  ): Promise<void> {
    const set = async (label: RegExp, value: number | null) => {
      const input = dialog
        .getByRole('spinbutton', { name: label })
        .or(dialog.getByRole('textbox', { name: label }))
        .first()
      const toggle = dialog.getByRole('checkbox', { name: label })
      if ((await toggle.count()) > 0) await toggle.first().setChecked(value !== null)
      if (value === null) return
      await expect(input, `the prune dialog has a field named ${label}`).toBeEnabled()
      await input.fill(String(value))
    }
    await set(/older than/i, criteria.olderThanDays)
    await set(/keep/i, criteria.keep)
    const name = criteria.action === 'archive' ? /^Archive$/ : /^Move to trash$/
    const choice = dialog.getByRole('radio', { name }).or(dialog.getByRole('option', { name })).first()
    await expect(choice, `the prune dialog offers the action ${name}`).toBeAttached()
    if ((await choice.getAttribute('role')) === 'option' || (await choice.evaluate((element) => element.tagName)) === 'OPTION') {
      await dialog
        .getByRole('combobox')
        .filter({ has: choice })
        .selectOption({ label: criteria.action === 'archive' ? 'Archive' : 'Move to trash' })
    } else {
      await choice.check()
    }
  }

  dialog(name: string | RegExp): Locator {
    return this.page.getByRole('dialog', { name })
  }

  /** The toast that reports an operation (a status region holding an Undo button). */
  toast(): Locator {
    return this.page.getByRole('status').filter({ has: this.page.getByRole('button', { name: 'Undo', exact: true }) })
  }

  filterBox(): Locator {
    return this.page
      .getByRole('searchbox', { name: 'Filter sessions' })
      .or(this.page.getByRole('textbox', { name: 'Filter sessions' }))
      .first()
  }

  /** What the filter box says is wrong with its text (empty when nothing is). */
  filterMessage(): Locator {
    return this.page.locator('#tree-filter-message')
  }

  /** The button that opens the Filters popover ("Filters", or "Filters, 2 active"). */
  filtersButton(): Locator {
    return this.page.getByRole('button', { name: /^Filters\b/ })
  }

  /** The Filters popover: a group of agent checkboxes, a model list, errors and a date range. */
  filtersPopover(): Locator {
    return this.page.getByRole('group', { name: 'Filters', exact: true })
  }

  /** Opens the Filters popover (if closed) and waits for it. */
  async openFilters(): Promise<Locator> {
    if ((await this.filtersButton().getAttribute('aria-expanded')) !== 'true') await this.filtersButton().click()
    await expect(this.filtersPopover()).toBeVisible()
    return this.filtersPopover()
  }

  sortSelect(): Locator {
    return this.page.getByRole('combobox', { name: 'Sort sessions by' })
  }

  /** The titles of the session rows (any depth) the tree shows now, in order, of the titles given. */
  async sessionTitlesShown(titles: readonly string[]): Promise<string[]> {
    const names = (await this.rows()).filter((row) => row.level >= 3).map((row) => row.name)
    return names.flatMap((name) => titles.filter((title) => name.startsWith(title)).slice(0, 1))
  }

  showArchived(): Locator {
    return this.page
      .getByRole('checkbox', { name: 'Show archived' })
      .or(this.page.getByRole('switch', { name: 'Show archived' }))
      .first()
  }

  async setShowArchived(on: boolean): Promise<void> {
    const toggle = this.showArchived()
    if ((await toggle.isChecked()) !== on) await toggle.click()
    await expect(toggle).toBeChecked({ checked: on })
  }

  // ---------- Search ----------

  searchDialog(): Locator {
    return this.dialog('Search every session')
  }

  searchBox(): Locator {
    return this.searchDialog().getByRole('combobox', { name: 'Search query' })
  }

  /** Opens the search box with its shortcut (Ctrl+K or Ctrl+Shift+F) and waits for its field to have the focus. */
  async openSearch(keys: 'Control+K' | 'Control+Shift+F' = 'Control+K'): Promise<void> {
    await this.page.keyboard.press(keys)
    await expect(this.searchBox()).toBeFocused()
  }

  /** Types a query into the open search box, key by key, as a user does. */
  async typeSearch(query: string): Promise<void> {
    await this.searchBox().fill('')
    await this.searchBox().pressSequentially(query)
  }

  /** The results' groups, one per session, named by its title, store and project. */
  searchGroups(): Locator {
    return this.searchDialog().getByRole('listbox', { name: 'Search results' }).getByRole('group')
  }

  /** The group of the session whose title starts with `title` (a long title is cut short). */
  searchGroup(title: string): Locator {
    return this.searchGroups().filter({ has: this.page.getByText(title) })
  }

  /** The hits shown (of one group, or all), in order; a hit's name starts with where it was said ("Prompt · turn 3"). */
  searchHits(within: Locator = this.searchDialog()): Locator {
    return within.getByRole('option')
  }

  /** The highlighted (matched) words of a hit's snippet. */
  highlighted(hit: Locator): Locator {
    return hit.locator('mark')
  }

  /** The parser's message for a malformed query. */
  searchError(): Locator {
    return this.searchDialog().getByRole('alert')
  }

  /** Whether a turn of the open session is highlighted as the target of a search hit. */
  async isRevealed(turn: Locator): Promise<boolean> {
    return (await turn.getAttribute('data-revealed')) === 'true'
  }

  // ---------- Find in the open session ----------

  findBar(): Locator {
    return this.page.getByRole('search', { name: 'Find in session' })
  }

  findField(): Locator {
    return this.findBar().getByRole('searchbox', { name: 'Find in session' })
  }

  /** What the bar says of the matches: "2 of 7", "No matches". */
  findCount(): Locator {
    return this.findBar().getByRole('status')
  }

  /** Opens the find bar with Ctrl+F and waits for its field to have the focus. */
  async openFind(): Promise<void> {
    await this.page.keyboard.press('ControlOrMeta+F')
    await expect(this.findField()).toBeFocused()
  }

  /** Types into the find bar, key by key. */
  async typeFind(query: string): Promise<void> {
    await this.findField().fill('')
    await this.findField().pressSequentially(query)
  }

  /** The turn holding the active match (outlined). */
  findCurrentTurn(): Locator {
    return this.page.locator('article[data-find-current="true"]')
  }

  /** The active match's highlight, where it is plain text (a prompt or reply in Markdown has none). */
  activeFindMatch(): Locator {
    return this.page.locator('mark[data-find-active="true"]')
  }

  /** Every highlighted match shown. */
  findMatches(): Locator {
    return this.page.locator('mark.find-match')
  }

  // ---------- Keyboard ----------

  /** Whether the element is the one with keyboard focus. */
  async isFocused(locator: Locator): Promise<boolean> {
    return locator.evaluate((element) => element.matches(':focus, :focus-within')).catch(() => false)
  }

  /** Presses Tab until `target` has the focus (keyboard only, as a user without a mouse would). */
  async tabTo(target: Locator, maxTabs = 40): Promise<void> {
    for (let i = 0; i < maxTabs; i++) {
      if (await this.isFocused(target)) return
      await this.page.keyboard.press('Tab')
    }
    if (!(await this.isFocused(target))) throw new Error(`${maxTabs} presses of Tab never focused ${target.toString()}`)
  }

  /** Presses ArrowDown/ArrowUp in the tree until the row with this title has the focus. */
  async arrowTo(title: string, maxPresses = 60): Promise<void> {
    const row = this.session(title)
    for (let i = 0; i < maxPresses; i++) {
      if (await this.isFocused(row)) return
      await this.page.keyboard.press('ArrowDown')
    }
    throw new Error(`${maxPresses} presses of ArrowDown never reached the session "${title}"`)
  }
}
