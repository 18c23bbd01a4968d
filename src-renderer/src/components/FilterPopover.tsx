// The Filters popover beside the tree's filter box: agent, model, errors and a date range, for
// those who have not learnt the syntax. It holds no filter of its own: it reads the box's text
// and writes the same text back (agent:…, model:…, is:error, after:…, before:…), so the box shows
// what each choice means.
import { type FocusEvent, type KeyboardEvent, useEffect, useRef } from 'react'
import { type AgentChoice, type TreeFilter, clearFilters, dateRangeOf, setFilterValue, setFromDate, setToDate } from '../state/filter'

interface Props {
  id: string
  /** The filter box's text, and what it means. */
  text: string
  filter: TreeFilter
  /** The agents of the open stores, and the models their sessions name. */
  agents: readonly AgentChoice[]
  models: readonly string[]
  onChange(text: string): void
  /** Escape, a click elsewhere or the focus leaving: the popover closes (focus back on its button for Escape). */
  onClose(focusButton: boolean): void
}

export function FilterPopover({ id, text, filter, agents, models, onChange, onClose }: Props) {
  const root = useRef<HTMLDivElement>(null)
  useEffect(() => {
    root.current?.querySelector<HTMLElement>('input, select, button')?.focus()
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node
      if (root.current?.contains(target) || (target instanceof Element && target.closest('[data-filter-toggle]'))) return
      onClose(false)
    }
    document.addEventListener('pointerdown', onPointerDown)
    return () => document.removeEventListener('pointerdown', onPointerDown)
  }, [onClose])
  // Tabbing out of it closes it, as a click elsewhere does (the toggle button closes it itself).
  const onBlur = (event: FocusEvent) => {
    const next = event.relatedTarget
    if (next instanceof Node && (root.current?.contains(next) || (next instanceof Element && next.closest('[data-filter-toggle]')))) return
    if (next !== null) onClose(false)
  }
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    event.stopPropagation()
    onClose(true)
  }
  const toggleAgent = (name: string, on: boolean) =>
    onChange(setFilterValue(text, 'agent', on ? [...filter.agents, name] : filter.agents.filter((agent) => agent !== name)))
  const model = filter.models.join('|')
  // A typed model (a part of a name) is offered too, so the list can show it.
  const modelOptions = model === '' || models.includes(model) ? models : [model, ...models]
  const { from, to } = dateRangeOf(filter)
  return (
    <div ref={root} id={id} className="filter-popover" role="group" aria-label="Filters" onKeyDown={onKeyDown} onBlur={onBlur}>
      <fieldset className="filter-group">
        <legend>Agent</legend>
        {agents.map((agent) => (
          <label key={agent.name} className="check">
            <input
              type="checkbox"
              checked={filter.agents.includes(agent.name)}
              onChange={(event) => toggleAgent(agent.name, event.target.checked)}
            />
            {agent.label}
          </label>
        ))}
      </fieldset>
      <label className="field">
        <span>Model</span>
        <select
          className="input"
          value={model}
          onChange={(event) => onChange(setFilterValue(text, 'model', event.target.value === '' ? [] : [event.target.value]))}
        >
          <option value="">Any model</option>
          {modelOptions.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label className="check">
        <input
          type="checkbox"
          checked={filter.errorsOnly}
          onChange={(event) => onChange(setFilterValue(text, 'is', event.target.checked ? ['error'] : []))}
        />
        Only sessions with errors
      </label>
      <fieldset className="filter-group filter-dates">
        <legend>Last activity (UTC)</legend>
        <label className="field">
          <span>From</span>
          <input
            className="input"
            type="date"
            value={from}
            max={to || undefined}
            onChange={(event) => onChange(setFromDate(text, event.target.value))}
          />
        </label>
        <label className="field">
          <span>To</span>
          <input
            className="input"
            type="date"
            value={to}
            min={from || undefined}
            onChange={(event) => onChange(setToDate(text, event.target.value))}
          />
        </label>
      </fieldset>
      <div className="filter-popover-foot">
        <span className="filter-hint">Each choice is written into the filter box.</span>
        <button type="button" className="button button--small" onClick={() => onChange(clearFilters(text))}>
          Clear filters
        </button>
      </div>
    </div>
  )
}
