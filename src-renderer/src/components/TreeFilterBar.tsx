// The head of the tree: the filter box (words and agent:/model:/after:/before:/is:error filters),
// what is wrong with its text, the Filters popover that writes the same text, and the sort.
import { type ReactNode, useCallback, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { SessionSummary } from '../../../src-shared/model'
import { activeFilterCount, agentChoices, parseFilter } from '../state/filter'
import { type TreeSort, TREE_SORTS, isTreeSort } from '../state/tree-sort'
import { useSessionsStore } from '../stores/sessions-store'
import { useUiStore } from '../stores/ui-store'
import { FilterPopover } from './FilterPopover'
import { FunnelIcon, SearchIcon } from './icons'

const NO_SESSIONS: SessionSummary[] = []

/** Every model the sessions name, once each, in alphabetical order. */
function modelsOf(sessions: readonly SessionSummary[]): string[] {
  const models = new Set<string>()
  for (const session of sessions) if (session.model) models.add(session.model)
  return [...models].sort()
}

function SortSelect({ sort, onChange }: { sort: TreeSort; onChange(sort: TreeSort): void }) {
  return (
    <label className="sort-select">
      <span>Sort</span>
      <select
        className="input"
        aria-label="Sort sessions by"
        value={sort}
        onChange={(event) => {
          if (isTreeSort(event.target.value)) onChange(event.target.value)
        }}
      >
        {TREE_SORTS.map((choice) => (
          <option key={choice.value} value={choice.value}>
            {choice.label}
          </option>
        ))}
      </select>
    </label>
  )
}

export function TreeFilterBar({ children }: { children?: ReactNode }) {
  const { text, setFilter, sort, setSort } = useUiStore(
    useShallow((s) => ({ text: s.filter, setFilter: s.setFilter, sort: s.treeSort, setSort: s.setTreeSort })),
  )
  const stores = useSessionsStore((s) => s.data?.stores)
  const sessions = useSessionsStore((s) => s.data?.sessions ?? NO_SESSIONS)
  const agents = useMemo(() => agentChoices(stores ?? []), [stores])
  const models = useMemo(() => modelsOf(sessions), [sessions])
  const { filter, error } = useMemo(() => parseFilter(text, agents), [text, agents])
  const [open, setOpen] = useState(false)
  const close = useCallback((focusButton: boolean) => {
    setOpen(false)
    if (focusButton) document.getElementById('tree-filter-toggle')?.focus()
  }, [])
  const count = activeFilterCount(filter)
  return (
    <>
      <div className="filter">
        <SearchIcon className="filter-icon" />
        <input
          id="tree-filter"
          className="filter-input"
          type="search"
          aria-label="Filter sessions"
          aria-invalid={error !== null}
          aria-describedby="tree-filter-message"
          placeholder="Filter: words, agent:, is:error, after:…"
          value={text}
          spellCheck={false}
          onChange={(event) => setFilter(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Escape' && text) {
              event.preventDefault()
              setFilter('')
            } else if (event.key === 'ArrowDown') {
              event.preventDefault()
              document.querySelector<HTMLElement>('.tree [tabindex="0"]')?.focus()
            }
          }}
        />
      </div>
      <p id="tree-filter-message" className="filter-message" role="status">
        {error}
      </p>
      <div className="filter-controls">
        <button
          id="tree-filter-toggle"
          type="button"
          className={count > 0 ? 'button button--small is-active' : 'button button--small'}
          aria-expanded={open}
          aria-controls={open ? 'tree-filter-popover' : undefined}
          aria-label={count > 0 ? `Filters, ${count} active` : 'Filters'}
          data-filter-toggle=""
          onClick={() => setOpen((was) => !was)}
        >
          <FunnelIcon />
          Filters
          {count > 0 ? (
            <span className="filter-count" aria-hidden="true">
              {count}
            </span>
          ) : null}
        </button>
        {open ? (
          <FilterPopover
            id="tree-filter-popover"
            text={text}
            filter={filter}
            agents={agents}
            models={models}
            onChange={setFilter}
            onClose={close}
          />
        ) : null}
        <SortSelect sort={sort} onChange={setSort} />
        {children}
      </div>
    </>
  )
}
