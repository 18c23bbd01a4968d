// The open session's find bar: a field, "n of m", previous and next, close. The keys (Enter,
// Shift+Enter, F3, Escape) are the keymap's, run by the app's key handler.
import { useMemo } from 'react'
import { countText, highlightParts } from '../state/find'
import { currentMatches, useFindStore } from '../stores/find-store'
import { useDetailStore } from '../stores/detail-store'
import { CloseIcon } from './icons'

const SCOPE =
  'Case-insensitive. Searches the prompts and replies (their Markdown text), the tool names, and every tool call’s arguments and output, closed details included.'

export function FindBar() {
  const { open, query, active, type, move, hide } = useFindStore()
  const turns = useDetailStore((s) => s.detail?.turns)
  // Recounted when the session reloads (a live one grows).
  const count = useMemo(() => (turns ? currentMatches(query).length : 0), [turns, query])
  if (!open) return null
  const text = countText(active, count, query)
  return (
    <div className="find-bar" role="search" aria-label="Find in session">
      <input
        id="find-field"
        className="input find-field"
        type="search"
        aria-label="Find in session"
        placeholder="Find in session"
        title={SCOPE}
        value={query}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={query.trim() !== '' && count === 0 ? true : undefined}
        onChange={(event) => type(event.target.value)}
      />
      <span className="find-count muted" role="status" aria-live="polite" title={SCOPE}>
        {text}
      </span>
      <button
        type="button"
        className="button button--small"
        aria-label="Previous match"
        title="Previous match (Shift+Enter)"
        disabled={count === 0}
        onClick={() => move(-1)}
      >
        ↑
      </button>
      <button
        type="button"
        className="button button--small"
        aria-label="Next match"
        title="Next match (Enter)"
        disabled={count === 0}
        onClick={() => move(1)}
      >
        ↓
      </button>
      <button type="button" className="icon-button" aria-label="Close find bar" title="Close (Escape)" onClick={hide}>
        <CloseIcon />
      </button>
    </div>
  )
}

/** A plain text with the query's matches in <mark>; the active occurrence marked for scrolling to. */
export function Highlighted({ text, query, active }: { text: string; query: string | undefined; active: number | null }) {
  if (!query) return <>{text}</>
  return (
    <>
      {highlightParts(text, query, active).map((part, i) =>
        part.match ? (
          <mark key={i} className={part.active ? 'find-match is-active' : 'find-match'} data-find-active={part.active ? 'true' : undefined}>
            {part.text}
          </mark>
        ) : (
          part.text
        ),
      )}
    </>
  )
}
