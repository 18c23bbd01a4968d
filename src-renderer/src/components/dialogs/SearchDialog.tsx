// The search box over every open store (Ctrl+K, Ctrl+Shift+F): a combobox whose listbox shows the
// newest query's hits grouped by session; Up/Down move, Enter or a click opens, Escape closes.
import { type KeyboardEvent, useEffect, useId, useMemo } from 'react'
import { SEARCH_MARKS, type SearchHitView, type StoreView } from '../../../../src-shared/contract'
import { useApp } from '../../app-context'
import { openSearchHit } from '../../commands'
import { projectName, sessionTitle } from '../../state/format'
import { type SearchGroup, activeHit, groupHits, hitPlace, snippetParts } from '../../state/search'
import { useSearchStore } from '../../stores/search-store'
import { useSessionsStore } from '../../stores/sessions-store'
import { useUiStore } from '../../stores/ui-store'
import { useModal } from './Dialog'

const close = () => useUiStore.getState().showDialog(null)

/** The snippet with its matched terms in <mark> (text nodes only: the snippet is session text). */
export function Snippet({ text }: { text: string }) {
  return (
    <span className="search-snippet">
      {snippetParts(text, SEARCH_MARKS).map((part, i) =>
        part.match ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>,
      )}
    </span>
  )
}

const optionId = (listId: string, index: number) => `${listId}-hit-${index}`

function HitOption({ hit, index, listId, active }: { hit: SearchHitView; index: number; listId: string; active: boolean }) {
  return (
    <div
      id={optionId(listId, index)}
      role="option"
      aria-selected={active}
      className={active ? 'search-hit is-active' : 'search-hit'}
      onMouseMove={() => useSearchStore.getState().activate(index)}
      onClick={() => openSearchHit(hit)}
    >
      <span className="search-hit-place">{hitPlace(hit)}</span>
      <Snippet text={hit.snippet} />
    </div>
  )
}

function Group({ group, stores, listId, active }: { group: SearchGroup; stores: readonly StoreView[]; listId: string; active: number }) {
  const headId = `${optionId(listId, group.hits[0]?.index ?? 0)}-group`
  const store = stores.find((candidate) => candidate.id === group.ref.storeId)
  const title = sessionTitle({ title: group.title })
  return (
    <div role="group" aria-labelledby={headId} className="search-group">
      <div id={headId} role="presentation" className="search-group-head">
        <span className="search-group-title">{title}</span>
        <span className="muted">
          {store?.label ?? ''} · {projectName(group.project)}
        </span>
      </div>
      {group.hits.map(({ hit, index }) => (
        <HitOption key={index} hit={hit} index={index} listId={listId} active={index === active} />
      ))}
    </div>
  )
}

function statusText(status: string, total: number, atLeast: boolean, shown: number): string {
  if (status === 'searching') return 'Searching…'
  if (status !== 'ready') return ''
  if (total === 0) return 'No matches.'
  return `${total}${atLeast ? '+' : ''} match${total === 1 && !atLeast ? '' : 'es'}${shown < total ? ` (the best ${shown})` : ''}`
}

export function SearchDialog() {
  const { client } = useApp()
  const ref = useModal()
  const titleId = useId()
  const listId = useId()
  const errorId = useId()
  const { query, status, result, error, active } = useSearchStore()
  const stores = useSessionsStore((s) => s.data?.stores ?? [])
  const groups = useMemo(() => groupHits(result?.hits ?? []), [result])

  // Opened again on the last query: ask it again, as the sessions may have changed since.
  useEffect(() => {
    const { query: last } = useSearchStore.getState()
    if (last.trim() !== '') useSearchStore.getState().type(client, last)
  }, [client])

  useEffect(() => {
    if (active >= 0) document.getElementById(optionId(listId, active))?.scrollIntoView({ block: 'nearest' })
  }, [active, listId])

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    const search = useSearchStore.getState()
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault()
      search.move(event.key === 'ArrowDown' ? 1 : -1)
    } else if (event.key === 'Escape') {
      event.preventDefault()
      close()
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const hit = activeHit(search)
      if (hit) openSearchHit(hit)
    }
  }

  const expanded = groups.length > 0
  return (
    <dialog
      ref={ref}
      className="dialog dialog--wide search-dialog"
      aria-modal="true"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault()
        close()
      }}
      onMouseDown={(event) => {
        // Only the backdrop is the dialog element itself: its content fills it.
        if (event.target === event.currentTarget) close()
      }}
    >
      <div className="search-box">
        <h2 id={titleId} className="search-title">
          Search every session
        </h2>
        <input
          className="input search-input"
          type="text"
          role="combobox"
          aria-label="Search query"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active >= 0 && expanded ? optionId(listId, active) : undefined}
          aria-invalid={status === 'error' || undefined}
          aria-describedby={status === 'error' ? errorId : undefined}
          autoFocus
          spellCheck={false}
          placeholder='words, "a phrase", prefix*, -not, project:, agent:, tool:, is:error, in:…'
          value={query}
          onChange={(event) => useSearchStore.getState().type(client, event.target.value)}
          onFocus={(event) => event.currentTarget.select()}
          onKeyDown={onKeyDown}
        />
        {status === 'error' && error ? (
          <p id={errorId} className="inline-error search-error" role="alert">
            {error}
          </p>
        ) : null}
        <p className="search-status muted" aria-live="polite">
          {statusText(status, result?.total ?? 0, result?.totalIsLowerBound ?? false, result?.hits.length ?? 0)}
        </p>
        <div id={listId} role="listbox" aria-label="Search results" className="search-results">
          {groups.map((group) => (
            <Group key={`${group.ref.storeId}/${group.ref.id}`} group={group} stores={stores} listId={listId} active={active} />
          ))}
        </div>
      </div>
    </dialog>
  )
}
